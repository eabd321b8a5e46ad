import type { DynamoDBRecord, DynamoDBStreamEvent, S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  deliverToAlert,
  deliverToIngest,
  isArticleNotification,
  type AlertHandler,
  type StepCounters,
} from '../../../../../infra/local/invocation/lambda-invocation';
import { streamRecord } from '../../../../support/dynamodb-stream-event-factory';
import { s3Record } from '../../../../support/s3-event-factory';

const quiet = { info: () => undefined, warn: () => undefined };
const counters = (): StepCounters => ({ ingestInvocations: 0, streamRecords: 0, alertBatches: 0 });
const records = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    streamRecord({
      newImage: { pk: `ARTICLE#articles/${i}.txt`, sk: 'ARTICLE', type: 'Article', key: `articles/${i}.txt` },
    }),
  );
const seq = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';
const keyOf = (record: DynamoDBRecord) => record.dynamodb?.NewImage?.key?.S;
const options = { region: 'us-east-1', batchSize: 10, maxRetries: 3, bisectOnError: true, logger: quiet };

describe('deliverToAlert (the stream event source mapping)', () => {
  it('delivers in stream order, in batches of the batch size, with a Lambda context', async () => {
    const seen: string[][] = [];
    const handler: AlertHandler = async (event, context) => {
      expect(context.functionName).toBe('newswatch-alert-local');
      seen.push(event.Records.map((record) => keyOf(record) ?? ''));
      return { batchItemFailures: [] };
    };
    const all = records(23);
    const count = counters();
    expect(await deliverToAlert(all, handler, options, count)).toEqual([]);
    expect(seen.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(seen.flat()).toEqual(all.map(keyOf));
    expect(count.alertBatches).toBe(3);
  });

  it('retries from the first reported failure and stops once it succeeds', async () => {
    const all = records(5);
    const batches: DynamoDBStreamEvent[] = [];
    let failuresLeft = 2;
    const handler: AlertHandler = async (event) => {
      batches.push(event);
      if (failuresLeft-- > 0)
        return { batchItemFailures: [{ itemIdentifier: seq(all[2] as DynamoDBRecord) }] };
      return { batchItemFailures: [] };
    };
    expect(await deliverToAlert(all, handler, options, counters())).toEqual([]);
    expect(batches.map((event) => event.Records.length)).toEqual([5, 3, 3]);
  });

  it('reports the records still failing after three retries, and only those', async () => {
    const all = records(4);
    const poison = all[1] as DynamoDBRecord;
    let invocations = 0;
    const handler: AlertHandler = async (event) => {
      invocations++;
      return {
        batchItemFailures: event.Records.filter((record) => record === poison).map((record) => ({
          itemIdentifier: seq(record),
        })),
      };
    };
    const failures = await deliverToAlert(all, handler, options, counters());
    expect(invocations).toBe(4);
    expect(failures).toEqual([
      {
        stage: 'alert',
        id: poison.eventID,
        articleKey: 'articles/1.txt',
        error: 'reported in batchItemFailures',
      },
    ]);
  });

  it('bisects a batch whose invocation throws down to the poison record', async () => {
    const all = records(8);
    const poison = all[5] as DynamoDBRecord;
    const processed = new Set<string>();
    const handler: AlertHandler = async (event) => {
      if (event.Records.includes(poison)) throw new Error('boom');
      for (const record of event.Records) processed.add(keyOf(record) ?? '');
      return { batchItemFailures: [] };
    };
    const failures = await deliverToAlert(all, handler, options, counters());
    expect(failures).toEqual([
      { stage: 'alert', id: poison.eventID, articleKey: 'articles/5.txt', error: 'Error: boom' },
    ]);
    expect([...processed].sort()).toEqual(
      all
        .filter((record) => record !== poison)
        .map((record) => keyOf(record))
        .sort(),
    );
  });

  it('treats an unknown item identifier as a failure of the whole batch', async () => {
    const all = records(1);
    let invocations = 0;
    const handler: AlertHandler = async () => {
      invocations++;
      return { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] };
    };
    const failures = await deliverToAlert(all, handler, options, counters());
    expect(invocations).toBe(4);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toMatch(/not in the batch/);
  });
});

describe('deliverToIngest (S3 asynchronous invocation)', () => {
  it('sends one record per event and retries a throwing invocation twice', async () => {
    const record = s3Record({ key: 'articles/my article+1.txt' });
    const events: S3Event[] = [];
    let throwsLeft = 2;
    const count = counters();
    const failures = await deliverToIngest(
      [record],
      async (event) => {
        events.push(event);
        if (throwsLeft-- > 0) throw new Error('DynamoDB unavailable');
      },
      { region: 'us-east-1', concurrency: 1, maxRetries: 2, logger: quiet },
      count,
    );
    expect(failures).toEqual([]);
    expect(events).toHaveLength(3);
    expect(events[0]).toEqual({ Records: [record] });
    expect(count.ingestInvocations).toBe(3);
  });

  it('reports an invocation that keeps failing, under its decoded key', async () => {
    const failures = await deliverToIngest(
      [s3Record({ key: 'articles/my article+1.txt' })],
      async () => {
        throw new Error('down');
      },
      { region: 'us-east-1', concurrency: 1, maxRetries: 2, logger: quiet },
      counters(),
    );
    expect(failures).toEqual([
      {
        stage: 'ingest',
        id: 'articles/my article+1.txt',
        articleKey: 'articles/my article+1.txt',
        error: 'Error: down',
      },
    ]);
  });
});

describe('isArticleNotification (the bucket notification filter)', () => {
  it('passes object-created events under the prefix only', () => {
    expect(isArticleNotification(s3Record({ key: 'articles/a b.txt' }), 'articles/')).toBe(true);
    expect(isArticleNotification(s3Record({ key: 'other/a.txt' }), 'articles/')).toBe(false);
    expect(
      isArticleNotification(
        s3Record({ key: 'articles/a.txt', eventName: 'ObjectRemoved:Delete' }),
        'articles/',
      ),
    ).toBe(false);
  });
});
