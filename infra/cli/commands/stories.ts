import type { Command } from 'commander';
import { checkRange, parseDay, parsePositiveInt, parseStoryId, parseTopicId } from '../args';
import { OperationFailedError } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { StoryDetail, StorySummary } from '../../../functions/console-queries/story-queries';

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

/** What `story <id>` prints: its title, a line of figures and its certainty per topic, then its articles oldest first. */
export const renderStory = (story: StoryDetail): string => {
  const head = [
    story.title,
    `story ${story.storyId}  ·  first seen ${story.firstSeen}  ·  last seen ${story.lastSeen}  ·  ` +
      `${plural(story.articles.length, 'article', 'articles')}` +
      `${story.copies === 0 ? '' : ` (${plural(story.copies, 'copy', 'copies')})`}  ·  outlets: ${story.outlets.join(', ') || '-'}`,
    `certainty: ${certaintyText(story.certainty) || '- (no topic matched)'}`,
  ];
  const table = renderTable(
    ['date', 'article', 'outlet', 'role', 'topics (certainty, change)'],
    story.articles.map((article) => [
      article.date,
      cell(`${article.key}${article.entryId === undefined ? '' : `#${article.entryId}`}`, 50),
      cell(article.outlet ?? '-', 25),
      article.role === 'copy' ? cell(`copy of ${article.copyOf ?? '?'}`, 40) : 'original',
      Object.entries(article.certainty)
        .map(([topic, certainty]) => `${topic}: ${certainty}, ${article.changes[topic] ?? '-'}`)
        .join('\n') || '-',
    ]),
  );
  return `${head.join('\n')}\n${table}`;
};

/**
 * `story <id>`: one content story's articles, oldest first, found through gsi1 ARTICLES from the
 * month before the story began (functions/console-queries/story-queries.ts); a story no article names fails (exit 1).
 */
export const registerStory: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('story')
    .summary("show one content story's articles, oldest first, with the change each made")
    .description(
      "one content story's articles, oldest first: outlet, date, role (copy of …), certainty per topic and " +
        'the change each made (new, escalated, flipped, duplicate; side-mention or below-minimum when it could not alert)',
    )
    .argument('<id>', 'story id, e.g. 2025-11-3fa9c1d2e4 (or <topic>#<id> as matches shows it)', parseStoryId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { queryStory } = await import('../../../functions/console-queries/story-queries');
        const story = await queryStory(await backend.table(), id);
        if (!story) throw new OperationFailedError(`no story ${id} (see: newswatch stories)`);
        print(g.json ? renderJson(story) : renderStory(story));
      });
    });
};
