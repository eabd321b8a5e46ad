import type { Command } from 'commander';
import { storyOfTopicStoryId } from '../../../functions/domain/stories/story-identity';
import { CERTAINTIES, type Certainty } from '../../../functions/contracts/vocabulary';
import { checkRange, oneOf, parseDay, parsePositiveInt, parseTopicId } from '../args';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';

/** `matches --topic id`: every match of a topic, whether or not it alerted. */
/** The content story (or old period) of a match's story id, alone: the topic is the command's. */
const storyOf = (storyId: string | undefined) => (storyId === undefined ? '-' : storyOfTopicStoryId(storyId));

export const registerMatches: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('matches')
    .description("list a topic's matches, newest first, whether or not they alerted")
    .requiredOption('--topic <id>', 'topic id', parseTopicId)
    .option('--from <YYYY-MM-DD>', "article's date on or after", parseDay)
    .option('--to <YYYY-MM-DD>', "article's date on or before", parseDay)
    .option('--certainty <c>', `only this certainty (${CERTAINTIES.join(', ')})`, oneOf(CERTAINTIES))
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (
        opts: { topic: string; from?: string; to?: string; certainty?: Certainty; limit: number },
        command: Command,
      ) => {
        checkRange(opts.from, opts.to);
        await withBackend(command, async (backend, g) => {
          const { queryMatches } = await import('../../../functions/console-queries/article-queries');
          const table = await backend.table();
          const rows = await queryMatches(table, opts);
          if (rows.length === 0 && !g.json) {
            // Nothing found: say whether the topic exists at all, the likelier mistake.
            const { listTopics } = await import('../operations/topics');
            const known = (await listTopics(table)).topics.map((topic) => topic.id);
            if (!known.includes(opts.topic)) {
              print(
                `(no matches: there is no topic ${opts.topic}; topics in force: ${known.join(', ') || 'none'})\n`,
              );
              return;
            }
          }
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['date', 'certainty', 'outcome', 'story', 'key', 'title'],
                  rows.map((row) => [
                    (row.publishedAt ?? row.matchedAt).slice(0, 10),
                    row.certainty,
                    row.outcome,
                    storyOf(row.storyId as string | undefined),
                    cell(row.articleKey, 50),
                    cell(row.title, 60),
                  ]),
                  `(no matches for ${opts.topic})`,
                ),
          );
        });
      },
    );
};
