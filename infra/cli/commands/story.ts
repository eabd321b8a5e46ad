import type { Command } from 'commander';
import { parseStoryId } from '../args';
import { OperationFailedError } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { StoryDetail } from '../../../functions/console-queries/story-queries';
import { certaintyText, plural } from './stories';

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
