import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { runLocalPipeline } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { runLocalReprocess } from '../../infra/local/reprocess-local';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const SEEDS = 'seeds/articles';
const logger = { info: () => undefined, warn: (line: string) => process.stderr.write(`${line}\n`) };
const request = { prefix: 'articles/', topicsOnly: false, dryRun: false };

/** What an Article item says about its object, without when or under which event it was written. */
const articles = async (stack: LocalStack) =>
  (await scanTable(stack.clients.dynamodb, stack.tableName))
    .filter((item) => item.type === 'Article')
    .map(({ key, title, summary, entities, storyId, storyRole, matches, contentHash }) => ({
      key,
      title,
      summary,
      entities,
      storyId,
      storyRole,
      matches,
      contentHash,
    }))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));

/** Articles grouped by story, ids left out. */
const partition = (list: { key: unknown; storyId: unknown }[]) => {
  const groups = new Map<unknown, string[]>();
  for (const { key, storyId } of list) groups.set(storyId, [...(groups.get(storyId) ?? []), String(key)]);
  return [...groups.values()].map((keys) => keys.sort().join(' ')).sort();
};

const itemsOfType = async (stack: LocalStack, type: string) =>
  (await scanTable(stack.clients.dynamodb, stack.tableName)).filter((item) => item.type === type);

/** The seed files in the bucket, as an upload would leave them, but with their S3 events dropped. */
const uploadWithoutIngest = async (stack: LocalStack) => {
  for (const name of (await readdir(SEEDS)).sort()) {
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.bucketName,
        Key: `articles/${name}`,
        Body: await readFile(join(SEEDS, name)),
        ContentType: 'text/plain',
      }),
    );
  }
  stack.s3Local.takeRecords();
};

// The reprocess handler over the local bucket, as `newswatch --local reprocess` runs it.
describe('reprocess --local (DynamoDB Local, s3rver, the real handlers)', () => {
  let stack: LocalStack;
  let ingested: Awaited<ReturnType<typeof articles>>;
  let ingestAlerts: number;

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null, logLevel: 'ERROR' });
    const report = await runLocalPipeline({ inputDir: SEEDS, stack, logger, handlerOutput: () => undefined });
    ingested = await articles(stack);
    ingestAlerts = report.alerts.length;
    await stack.reset();
    await uploadWithoutIngest(stack);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('counts in a dry run and writes nothing', async () => {
    const summary = await runLocalReprocess(stack, { ...request, dryRun: true, since: '2000-01-01' }, logger);
    expect(summary).toMatchObject({ listed: 9, selected: 9, batches: 1 });
    expect(await articles(stack)).toEqual([]);
  });

  it('stores the same Article items as ingest, and alerts as ingest does', async () => {
    const summary = await runLocalReprocess(stack, request, logger);
    expect(summary.counts).toEqual({ processed: 9, stored: 9, rejected: 0, skipped: 0, failed: 0 });
    // The same items; a story's id hashes its founder, and objects are reprocessed a few at a
    // time rather than in file order, so the stories are compared as a partition of the articles.
    const reprocessed = await articles(stack);
    const withoutStory = (list: typeof reprocessed) => list.map(({ storyId: _, ...rest }) => rest);
    expect(withoutStory(reprocessed)).toEqual(withoutStory(ingested));
    expect(partition(reprocessed)).toEqual(partition(ingested));
    expect(summary.alertsPublished).toBe(ingestAlerts);
    expect(ingestAlerts).toBeGreaterThan(0);
  }, 60_000);

  it('is idempotent: a rerun writes nothing and sends nothing', async () => {
    const before = await scanTable(stack.clients.dynamodb, stack.tableName);
    const summary = await runLocalReprocess(stack, { ...request, concurrency: 2 }, logger);
    expect(summary.counts).toMatchObject({ processed: 9, stored: 0, skipped: 9, failed: 0 });
    expect(summary.alertRecords).toBe(0);
    expect(summary.alertsPublished).toBe(0);
    expect(await scanTable(stack.clients.dynamodb, stack.tableName)).toEqual(before);
  }, 60_000);

  it('--topics-only backfills missing matches as `backfill`, publishes nothing and leaves the rest alone', async () => {
    // Matches lost (or never recorded): what a backtest of the stored articles fills in.
    const recorded = await itemsOfType(stack, 'Match');
    expect(recorded.length).toBeGreaterThan(0);
    for (const { pk, sk } of recorded) {
      await stack.clients.dynamodb.send(
        new DeleteItemCommand({ TableName: stack.tableName, Key: marshall({ pk, sk }) }),
      );
    }
    const storiesBefore = await itemsOfType(stack, 'Story');
    const articlesBefore = await articles(stack);

    const summary = await runLocalReprocess(stack, { ...request, topicsOnly: true }, logger);
    expect(summary.counts).toMatchObject({ processed: 9, stored: 9, failed: 0 });
    // Match items only: nothing on the stream passes the alert function's filter.
    expect(summary.alertRecords).toBe(0);
    expect(summary.alertsPublished).toBe(0);
    const backfilled = await itemsOfType(stack, 'Match');
    expect(backfilled.map((m) => `${String(m.pk)} ${String(m.sk)}`).sort()).toEqual(
      recorded.map((m) => `${String(m.pk)} ${String(m.sk)}`).sort(),
    );
    expect(backfilled.every((m) => m.outcome === 'backfill')).toBe(true);
    expect(await itemsOfType(stack, 'Story')).toEqual(storiesBefore);
    expect(await articles(stack)).toEqual(articlesBefore);

    // A rerun replaces its own backfill only; a match the alert function recorded stays as it was.
    const again = await runLocalReprocess(stack, { ...request, topicsOnly: true }, logger);
    expect(again.alertsPublished).toBe(0);
    expect((await itemsOfType(stack, 'Match')).length).toBe(backfilled.length);
  }, 60_000);

  it('skips objects outside --since/--until', async () => {
    const summary = await runLocalReprocess(stack, { ...request, until: '2000-01-01' }, logger);
    expect(summary.selected).toBe(0);
    expect(summary.counts).toMatchObject({ processed: 0, skipped: 9 });
  }, 60_000);
});
