import { readFileSync } from 'node:fs';
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, s3Body } from '../../../support/article-factories';

const dynamo = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

const SUMMIT = readFileSync('seeds/articles/001-summit-preparations.txt');
const BUCKET = 'articles-bucket';

type Handler = typeof import('../../../../functions/reprocess/handler').handler;
let handler: Handler;

const puts = () =>
  dynamo
    .commandCalls(PutItemCommand)
    .map((call) => unmarshall(call.args[0].input.Item ?? {}))
    .filter((item) => item.type !== 'StoryState');

const batch = (
  keys: { Key: string; LastModified?: number | string }[],
  input: Record<string, unknown> = {},
) => ({
  Items: keys.map((k) => ({ Size: SUMMIT.length, Etag: '"abc"', LastModified: 1764633600, ...k })),
  BatchInput: { bucket: BUCKET, ...input },
});

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ARTICLES_PREFIX', 'articles/');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../../functions/reprocess/handler'));
});

beforeEach(() => {
  dynamo.reset();
  s3.reset();
  dynamo.on(PutItemCommand).resolves({});
  dynamo.on(TransactWriteItemsCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(BatchGetItemCommand).resolves({ Responses: {} });
  dynamo.on(UpdateItemCommand).resolves({});
  s3.on(GetObjectCommand).callsFake(() => ({ Body: s3Body(SUMMIT), ContentType: 'text/plain' }));
});

describe('reprocess handler', () => {
  it('runs the ingest use case per listed object and writes Article items as ingest does', async () => {
    const counts = await handler(
      batch([
        { Key: 'articles/a.txt' },
        { Key: 'articles/b.txt' },
        { Key: 'articles/' },
        { Key: 'other/c.txt' },
      ]),
      lambdaContext(),
    );
    expect(counts).toEqual({ processed: 2, stored: 2, rejected: 0, skipped: 2, failed: 0 });
    const articles = puts().filter((item) => item.type === 'Article');
    expect(articles.map((a) => a.key).sort()).toEqual(['articles/a.txt', 'articles/b.txt']);
    // The same conditional put as ingest, with a sequencer below any S3 event's (see batch-event.ts).
    const put = dynamo.commandCalls(PutItemCommand).find((c) => c.args[0].input.Item?.type?.S === 'Article');
    expect(put?.args[0].input.ConditionExpression).toBe('attribute_not_exists(pk) OR sequencer < :sequencer');
    expect(articles[0]?.sequencer).toMatch(/^0{21}[0-9A-F]{11}$/);
    expect(articles[0]?.bucket).toBe(BUCKET);
  });

  it('skips objects outside --since/--until on LastModified, epoch seconds or ISO', async () => {
    const counts = await handler(
      batch(
        [
          { Key: 'articles/old.txt', LastModified: '2025-10-01T10:00:00.000Z' },
          { Key: 'articles/in.txt', LastModified: Date.parse('2025-11-02T23:59:00Z') / 1000 },
          { Key: 'articles/new.txt', LastModified: '2025-11-03T00:00:01.000Z' },
        ],
        { since: '2025-11-01', until: '2025-11-02' },
      ),
      lambdaContext(),
    );
    expect(counts).toMatchObject({ processed: 1, stored: 1, skipped: 2 });
    expect(
      puts()
        .filter((i) => i.type === 'Article')
        .map((a) => a.key),
    ).toEqual(['articles/in.txt']);
  });

  it('counts an object already recorded (stale write) as skipped: a rerun is idempotent', async () => {
    dynamo
      .on(PutItemCommand, { Item: { type: { S: 'Article' } } } as never)
      .rejects(new ConditionalCheckFailedException({ message: 'stale', $metadata: {} }));
    const counts = await handler(batch([{ Key: 'articles/a.txt' }]), lambdaContext());
    expect(counts).toMatchObject({ processed: 1, stored: 0, skipped: 1, failed: 0 });
  });

  it('tries every object, then throws so Step Functions retries a batch with transient failures', async () => {
    s3.on(GetObjectCommand, { Key: 'articles/bad.txt' }).rejects(new Error('socket hang up'));
    await expect(
      handler(batch([{ Key: 'articles/a.txt' }, { Key: 'articles/bad.txt' }]), lambdaContext()),
    ).rejects.toMatchObject({
      name: 'ReprocessBatchFailedError',
      counts: { processed: 2, stored: 1, failed: 1 },
    });
  });

  it('refuses a batch without Items or bucket as malformed', async () => {
    await expect(handler({ Items: [] }, lambdaContext())).rejects.toMatchObject({
      name: 'MalformedBatchError',
    });
  });

  describe('--topics-only', () => {
    it('writes backfill Match items for the stored article and never the Article item', async () => {
      dynamo.on(GetItemCommand).resolves({ Item: marshall({ type: 'Article', storyId: '2025-10abc' }) });
      const counts = await handler(batch([{ Key: 'articles/a.txt' }], { topicsOnly: true }), lambdaContext());
      expect(counts).toMatchObject({ processed: 1, stored: 1, failed: 0 });
      const written = puts();
      expect(written.length).toBeGreaterThan(0);
      expect(written.every((item) => item.type === 'Match' && item.outcome === 'backfill')).toBe(true);
      expect(written.map((m) => m.topicId)).toContain('trump-kim-summit');
      expect(written[0]?.storyId).toBe('trump-kim-summit#2025-10abc');
      // Never touches the story (alert) ledger, the story index or the digest queue.
      expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(0);
      expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
      // Fills in only: replaces nothing the alert function recorded but an earlier backfill.
      const put = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
      expect(put?.ConditionExpression).toBe('attribute_not_exists(pk) OR outcome = :backfill');
    });

    it('skips an object with no stored Article item (nothing to backfill)', async () => {
      dynamo.on(GetItemCommand).resolves({});
      const counts = await handler(batch([{ Key: 'articles/a.txt' }], { topicsOnly: true }), lambdaContext());
      expect(counts).toMatchObject({ processed: 1, stored: 0, skipped: 1 });
      expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
    });
  });
});
