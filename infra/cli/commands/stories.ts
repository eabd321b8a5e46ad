import type { Command } from 'commander';
import { checkRange, parseDay, parsePositiveInt, parseTopicId } from '../args';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { StorySummary } from '../../../functions/console-queries/story-queries';

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const articlesCell = (articles: number, copies: number) =>
  copies === 0 ? String(articles) : `${articles} (${plural(copies, 'copy', 'copies')})`;

export const certaintyText = (certainty: Record<string, string>) =>
  Object.entries(certainty)
    .map(([topic, value]) => `${topic}: ${value}`)
    .join(', ');

/** The table `stories` prints. */
export const renderStories = (stories: readonly StorySummary[]): string =>
  renderTable(
    ['last seen', 'first seen', 'story', 'title', 'articles', 'outlets', 'certainty'],
    stories.map((story) => [
      story.lastSeen,
      story.firstSeen,
      story.storyId,
      cell(story.title, 50),
      articlesCell(story.articles, story.copies),
      cell(story.outlets.join(', '), 30),
      cell(certaintyText(story.certainty), 50),
    ]),
    '(no stories)',
  );

/**
 * `stories`: content stories, newest first, from the Article items of a window (gsi1 ARTICLES),
 * grouped by their storyId (functions/console-queries/story-queries.ts).
 */
export const registerStories: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('stories')
    .summary('list content stories, newest first (from gsi1 ARTICLES)')
    .description(
      'list content stories, newest first: title, first and last seen, articles (copies apart), outlets and ' +
        "certainty per topic (the certainty it alerted at, else its newest article's), from the articles " +
        'dated in the window (default: the last 90 days)',
    )
    .option('--topic <id>', 'only stories with an article that matched this topic', parseTopicId)
    .option(
      '--from <YYYY-MM-DD>',
      "article's date on or after (default: 90 days before --to or today)",
      parseDay,
    )
    .option('--to <YYYY-MM-DD>', "article's date on or before (default: no end)", parseDay)
    .option('--limit <n>', 'at most this many stories', parsePositiveInt(10_000), 50)
    .action(async (opts: { topic?: string; from?: string; to?: string; limit: number }, command: Command) => {
      checkRange(opts.from, opts.to);
      await withBackend(command, async (backend, g) => {
        const { queryStories } = await import('../../../functions/console-queries/story-queries');
        const stories = await queryStories(await backend.table(), opts);
        print(g.json ? renderJson({ stories }) : renderStories(stories));
      });
    });
};
