import type { Command } from 'commander';
import type { ArticleTopicMatch } from '../../../functions/domain/article-matches';
import { markCues } from '../../../functions/messages/alert-message';
import { parseTopicId } from '../args';
import { oneLine } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { TopicTestEntry } from '../operations/topics';

// Topic analysis loads the NLP model, the table the AWS SDK: both only when a subcommand runs.
const operations = () => import('../operations/topics');
const topicFiles = () => import('../operations/topic-file');

/** `topics list | add | remove | test`: the tracked topics in force, and what an article matches. */
export const registerTopics: RegisterCommand = (program, { io, print, globals, withBackend }) => {
  const topics = program.command('topics').description('tracked topics: list, add, remove, test');
  topics
    .command('list')
    .description('the topics in force: seeds/topics.json merged with those added at run time')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { listTopics } = await operations();
        const listing = await listTopics(await backend.table());
        if (g.json) {
          print(renderJson(listing));
          return;
        }
        for (const problem of listing.invalid) {
          io.stderr(
            `newswatch: stored topic ${problem.id} is invalid and ignored: ${oneLine(problem.error)}\n`,
          );
        }
        print(
          renderTable(
            ['id', 'name', 'actors', 'minimum', 'origin'],
            listing.topics.map((topic) => [
              topic.id,
              cell(topic.name, 40),
              cell(topic.actors.map((actor) => actor.name).join(' + '), 50),
              topic.minimumCertainty,
              topic.origin,
            ]),
            '(no topics)',
          ),
        );
      });
    });
  topics
    .command('add')
    .description('add or replace topics from a JSON file (one topic, an array, or {"topics":[…]})')
    .argument('<file>', 'topic definition file')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const [{ addTopics }, { readTopicFile }] = await Promise.all([operations(), topicFiles()]);
      // Validated before anything starts: a bad file needs no stack.
      await readTopicFile(file);
      await withBackend(command, async (backend, g) => {
        const added = await addTopics(await backend.table(), file);
        print(
          g.json
            ? renderJson({ added: added.map((topic) => topic.id) })
            : added.map((topic) => `added topic ${topic.id} (${topic.name})\n`).join(''),
        );
      });
    });
  topics
    .command('remove')
    .description('remove a topic (a default topic stays hidden)')
    .argument('<id>', 'topic id', parseTopicId)
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { removeTopic } = await operations();
        await removeTopic(await backend.table(), id);
        print(g.json ? renderJson({ removed: id }) : `removed topic ${id}\n`);
      });
    });
  topics
    .command('test')
    .description('what an article file would match, with certainty, evidence and cues; sends nothing')
    .argument('<article-file>', 'an article in any upload format')
    .option(
      '--topics-file <file>',
      'topics to test against (default: the topics in force, which needs the table)',
    )
    .action(async (file: string, opts: { topicsFile?: string }, command: Command) => {
      const g = globals(command);
      const [{ listTopics, testArticle }, { readTopicFile }] = await Promise.all([
        operations(),
        topicFiles(),
      ]);
      const run = async (topicList: Awaited<ReturnType<typeof readTopicFile>>) => {
        const entries = await testArticle(file, topicList);
        print(g.json ? renderJson({ file, entries }) : formatTopicTest(entries));
      };
      if (opts.topicsFile !== undefined) {
        await run(await readTopicFile(opts.topicsFile));
        return;
      }
      await withBackend(command, async (backend) => {
        await run((await listTopics(await backend.table())).topics);
      });
    });
};

/** A topic match as `topics test` and `analyse` show it: the Article item's match. */
export type ShownMatch = Pick<
  ArticleTopicMatch,
  'topicId' | 'certainty' | 'alerts' | 'reported' | 'delivery' | 'evidence'
>;

/** What subscribers would get of the match: a side mention never alerts, whatever its certainty. */
const outcomeOf = (match: ShownMatch): string =>
  !match.reported
    ? 'a side mention in the body: would not alert'
    : !match.alerts
      ? 'below the minimum: would not alert'
      : match.delivery === 'digest'
        ? "would go into the topic's daily digest"
        : 'would alert';

/**
 * Why a sentence has its certainty, from what the match records of it: where it is, the words
 * that named the event, the cues and the certainty they gave ("lede; trigger "meet"; cues could →
 * speculative"). A part the match does not record is left out, not guessed.
 */
const whyOf = (evidence: ShownMatch['evidence'][number]): string =>
  [
    ...(evidence.site === undefined ? [] : [evidence.site]),
    ...(evidence.trigger === undefined || evidence.trigger === '' ? [] : [`trigger "${evidence.trigger}"`]),
    `${evidence.cues.length > 0 ? `cues ${evidence.cues.join(', ')}` : 'no cues'} → ${evidence.certainty}`,
  ].join('; ');

/**
 * A match's line (what subscribers would get) and its evidence under `indent`: each sentence with
 * its cue words marked, the participants found, the cues and why it has its certainty.
 */
export function formatMatch(match: ShownMatch, indent: string): string {
  const out = [`${indent}${match.topicId}: ${match.certainty}, ${outcomeOf(match)}\n`];
  for (const evidence of match.evidence) {
    out.push(`${indent}  - (${evidence.certainty}) ${markCues(evidence.sentence, evidence.cues)}\n`);
    if (evidence.participants !== undefined) {
      const names = evidence.participants.length > 0 ? evidence.participants.join(', ') : 'none found';
      out.push(`${indent}    participants: ${names}\n`);
    }
    if (evidence.cues.length > 0) out.push(`${indent}    cues: ${evidence.cues.join(', ')}\n`);
    out.push(`${indent}    why: ${whyOf(evidence)}\n`);
  }
  return out.join('');
}

export function formatTopicTest(entries: TopicTestEntry[]): string {
  const out: string[] = [];
  for (const entry of entries) {
    out.push(
      `${entry.title} (${entry.publishedAt ?? 'undated'})${entry.entryId ? ` [entry ${entry.entryId}]` : ''}\n`,
    );
    if (entry.matches.length === 0) {
      out.push('  no topic matches\n');
      continue;
    }
    for (const match of entry.matches) out.push(formatMatch(match, '  '));
  }
  return out.join('');
}
