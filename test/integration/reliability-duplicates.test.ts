import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_TYPE } from '../../functions/contracts/table-schema';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { runLocalPipeline, type PipelineLogger, type PipelineReport } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { plainTextArticle } from '../support/article-factories';
import { alertIdentitiesByStory, copySeedArticles, storyPartition } from '../support/pipeline-fixtures';
import { PROSE, rssFeed } from '../unit/functions/domain/documents/format-fixtures';

/**
 * At-least-once delivery through the whole local pipeline: every S3 event and every stream record
 * delivered twice in a seeded random order must leave exactly the items and alerts of a clean run.
 * Deletions ride along: a delete delivered before (a copy of) its key's create must still win.
 */
const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

/** Our own inputs beside seeds/articles: a feed, a deleted article, a deleted feed, a rejection. */
const OWN_FILES: Record<string, string> = {
  'own-wire.xml': rssFeed([
    {
      guid: 'wire-1',
      title: 'Council budget',
      pubDate: 'Mon, 20 Oct 2025 09:00:00 GMT',
      description: PROSE[0],
    },
    {
      guid: 'wire-2',
      title: 'Flooded streets',
      pubDate: 'Mon, 20 Oct 2025 10:00:00 GMT',
      description: PROSE[1],
    },
  ]),
  'own-deleted.txt': plainTextArticle({
    date: '2025-12-01',
    paragraphs: [
      'Donald Trump said on Monday that he could meet Kim Jong Un early next year, but no date was set.',
      'Officials in Seoul said talks about a summit were at an early stage.',
    ],
  }),
  'own-deleted-wire.xml': rssFeed([
    {
      guid: 'gone-1',
      title: 'School prize',
      pubDate: 'Tue, 21 Oct 2025 09:00:00 GMT',
      description: PROSE[2],
    },
    { guid: 'gone-2', title: 'Bus fares', pubDate: 'Tue, 21 Oct 2025 10:00:00 GMT', description: PROSE[3] },
  ]),
  'own-empty.txt': '',
};
const REMOVED = ['articles/own-deleted-wire.xml', 'articles/own-deleted.txt'];

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;

const logLines: string[] = [];
const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

interface RunResult {
  report: PipelineReport;
  /** Items per type, e.g. `{ Article: 11, Rejection: 1, DeletedArticle: 2, Story: 1 }`. */
  itemTypes: Record<string, number>;
  items: Record<string, unknown>[];
}

describe('duplicate, shuffled delivery of every S3 event and stream record', () => {
  let stack: LocalStack;
  let dir: string;
  let clean: RunResult;

  const run = async (
    duplicateDelivery?: RunResult['report'] extends never
      ? never
      : Parameters<typeof runLocalPipeline>[0]['duplicateDelivery'],
  ): Promise<RunResult> => {
    logLines.length = 0;
    const report = await runLocalPipeline({
      inputDir: dir,
      stack,
      logger,
      remove: REMOVED,
      ...(duplicateDelivery ? { duplicateDelivery } : {}),
      handlerOutput: (text) => logLines.push(text.trimEnd()),
    });
    const items = await scanTable(stack.clients.dynamodb, stack.tableName);
    const itemTypes: Record<string, number> = {};
    for (const item of items) itemTypes[String(item.type)] = (itemTypes[String(item.type)] ?? 0) + 1;
    return { report, itemTypes, items };
  };

  /** What must not change with redelivery: items by key and type, and each alert's identity. */
  const itemIdentities = (result: RunResult) =>
    result.items
      .filter((item) => !String(item.pk).startsWith('STORY#'))
      .map((item) =>
        // Keys that embed a time (digest entries) differ between runs by when they ran.
        `${String(item.type)} ${String(item.pk)} ${String(item.sk)}`.replace(ISO_TIME, '<time>'),
      )
      .sort();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-duplicates-'));
    await copySeedArticles(dir);
    for (const [name, content] of Object.entries(OWN_FILES)) await writeFile(join(dir, name), content);
    stack = await startLocalStack({ alertsFile: null });
    clean = await run();
  });

  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the clean run stores every article, rejects the empty file, tombstones the deleted keys and alerts', () => {
    expect(clean.report.failures, logLines.join('\n')).toEqual([]);
    const keys = new Set(clean.report.articles.map((article) => article.key));
    expect(keys.has('articles/own-wire.xml')).toBe(true);
    expect(
      clean.report.articles.filter((a) => a.key === 'articles/own-wire.xml').map((a) => a.entryId),
    ).toEqual(['wire-1', 'wire-2']);
    for (const key of REMOVED) expect(keys.has(key), key).toBe(false);
    expect(clean.report.deleted?.map((deletion) => deletion.key)).toEqual(REMOVED);
    for (const deletion of clean.report.deleted ?? []) {
      expect(deletion.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(deletion.sequencer).toMatch(/^[0-9A-F]{32}$/);
    }
    // The deleted feed's entries went with it: nothing but the tombstone under its pk.
    expect(
      clean.items
        .filter((item) => item.pk === 'ARTICLE#articles/own-deleted-wire.xml')
        .map((item) => item.type),
    ).toEqual([ITEM_TYPE.deletedArticle]);
    expect(clean.report.rejected.map((rejection) => [rejection.key, rejection.reason])).toEqual([
      ['articles/own-empty.txt', 'empty'],
    ]);
    expect(clean.report.alerts.length).toBeGreaterThan(0);
    for (const key of REMOVED)
      expect(clean.report.alerts.filter((alert) => alert.articleKey === key)).toEqual([]);
  });

  it.each([11, 2025])(
    'seed %i, copies land after their originals: identical items and alerts, twice the invocations',
    async (seed) => {
      const replayed = await run({ seed, order: 'duplicates-shuffled' });
      expect(replayed.report.failures, logLines.join('\n')).toEqual([]);
      expect(replayed.report.stats.s3Events).toBe(clean.report.stats.s3Events);
      expect(replayed.report.stats.ingestInvocations).toBe(2 * clean.report.stats.ingestInvocations);
      expect(replayed.itemTypes).toEqual(clean.itemTypes);
      expect(itemIdentities(replayed)).toEqual(itemIdentities(clean));
      expect(replayed.report.articles).toEqual(clean.report.articles);
      expect(replayed.report.rejected).toEqual(clean.report.rejected);
      expect(replayed.report.deleted?.map((deletion) => deletion.key)).toEqual(REMOVED);
      expect(storyPartition(replayed.items)).toEqual(storyPartition(clean.items));
      expect(alertIdentitiesByStory(replayed.report, replayed.items)).toEqual(
        alertIdentitiesByStory(clean.report, clean.items),
      );
    },
  );

  it('everything shuffled, creates and deletes included: the same items, no story alerted twice at one certainty', async () => {
    const shuffled = await run({ seed: 7, order: 'all-shuffled' });
    expect(shuffled.report.failures, logLines.join('\n')).toEqual([]);
    // Which article founds a story, and so its id and which of two like texts is the copy,
    // depends on arrival order: articles are compared without them, their stories by partition.
    const unstoried = (result: RunResult) =>
      result.report.articles.map(({ storyId: _id, storyRole: _role, copyOf: _of, ...article }) => article);
    expect(unstoried(shuffled)).toEqual(unstoried(clean));
    expect(shuffled.report.rejected).toEqual(clean.report.rejected);
    expect(shuffled.report.deleted?.map((deletion) => deletion.key)).toEqual(REMOVED);
    // Story slots depend on which article founded each story (its keys), so only their count may differ.
    const articleTypes = (result: RunResult) =>
      Object.fromEntries(
        Object.entries(result.itemTypes).filter(([type]) => type !== 'Story' && type !== 'StorySlot'),
      );
    expect(articleTypes(shuffled)).toEqual(articleTypes(clean));
    // The same stories: the articles grouped alike, whichever of them arrived first.
    expect(storyPartition(shuffled.items)).toEqual(storyPartition(clean.items));
    // Which article of a story alerts first depends on arrival order (a planned report seen before
    // the speculative one makes the latter old news), so alerts are compared by story.
    const stories = (result: RunResult) =>
      [
        ...new Set(alertIdentitiesByStory(result.report, result.items).map((alert) => alert.split(' [')[1])),
      ].sort();
    expect(stories(shuffled)).toEqual(stories(clean));
    const perCertainty = shuffled.report.alerts.map(
      (alert) => `${String(alert.storyId)} ${String(alert.certainty)}`,
    );
    expect(new Set(perCertainty).size).toBe(perCertainty.length);
    for (const key of REMOVED)
      expect(shuffled.report.alerts.filter((alert) => alert.articleKey === key)).toEqual([]);
  });
});
