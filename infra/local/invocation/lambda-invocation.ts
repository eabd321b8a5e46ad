import type { Context, DynamoDBRecord, DynamoDBStreamEvent, S3Event, S3EventRecord } from 'aws-lambda';
import { createLambdaContext } from './lambda-context';
import type { PipelineFailure } from '../report';

/**
 * How AWS invokes the ingest and alert functions, reproduced in-process: S3 → ingest (asynchronous
 * invocation, one event per object, retried twice) and the DynamoDB stream event source mapping →
 * alert (batches, ReportBatchItemFailures checkpointing, bisect on error, bounded retries). The
 * digest function is not driven here: `newswatch digest --local` invokes its handler itself.
 */

/** The handlers' contracts, as deployed. */
export type IngestHandler = (event: S3Event, context: Context) => Promise<void>;
export type AlertHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | void>;

export interface PipelineLogger {
  info(line: string): void;
  warn(line: string): void;
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export const describeError = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const decodeKey = (key: string) => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
};

/** The S3 notification configuration of the stack: object-created events under the prefix. */
export const isArticleNotification = (record: S3EventRecord, prefix: string) =>
  record.eventName.startsWith('ObjectCreated:') && decodeKey(record.s3.object.key).startsWith(prefix);

/**
 * The events the stack sends to the ingest function: object-created and object-removed under the
 * prefix (infra/cdk/constructs/storage/articles-bucket.ts, `notifyOnArticleChanges`). `anyPrefix` stands for
 * a bucket notification without the prefix filter, to exercise the handler's own prefix check.
 */
export const isIngestNotification = (record: S3EventRecord, prefix: string, anyPrefix = false) =>
  (record.eventName.startsWith('ObjectCreated:') || record.eventName.startsWith('ObjectRemoved:')) &&
  (anyPrefix || decodeKey(record.s3.object.key).startsWith(prefix));

/** mulberry32: a tiny seeded PRNG, so a shuffled run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * At-least-once delivery, exaggerated: every item `copies` times.
 * - `duplicates-shuffled`: originals keep their order and each copy lands at a random later
 *   position, as a redelivery does (it can only follow the original). Cross-article order, which
 *   decides which article of a story alerts first, is what a clean run has.
 * - `all-shuffled`: everything in random order, originals included (S3 promises no order across
 *   keys, nor between the events of one key).
 */
export type DuplicateOrder = 'duplicates-shuffled' | 'all-shuffled';

export function duplicateAndShuffle<T>(
  items: readonly T[],
  random: () => number,
  options: { copies?: number; order?: DuplicateOrder } = {},
): T[] {
  const copies = Math.max(1, options.copies ?? 2);
  if (options.order === 'all-shuffled') {
    const all = items.flatMap((item) => Array.from({ length: copies }, () => item));
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j] as T, all[i] as T];
    }
    return all;
  }
  // Each original at its index, each copy at a random point between it and the end.
  const timed = items.flatMap((item, index) => [
    { item, at: index, tie: 0 },
    ...Array.from({ length: copies - 1 }, () => ({
      item,
      at: index + random() * (items.length - index),
      tie: 1,
    })),
  ]);
  timed.sort((a, b) => a.at - b.at || a.tie - b.tie);
  return timed.map((entry) => entry.item);
}

export interface StepCounters {
  ingestInvocations: number;
  streamRecords: number;
  alertBatches: number;
}

/**
 * Asynchronous invocation of the ingest function, one S3 event per object as S3 sends them: an
 * invocation that throws is retried (Lambda retries async invocations twice), then counted failed.
 */
export async function deliverToIngest(
  records: S3EventRecord[],
  ingest: IngestHandler,
  options: {
    region: string;
    concurrency: number;
    maxRetries: number;
    logger: PipelineLogger;
    signal?: AbortSignal;
  },
  counters: StepCounters,
): Promise<PipelineFailure[]> {
  const failures: PipelineFailure[] = [];
  await mapWithConcurrency(records, options.concurrency, async (record) => {
    const key = decodeKey(record.s3.object.key);
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      counters.ingestInvocations++;
      try {
        await ingest(
          { Records: [record] },
          createLambdaContext({
            functionName: 'newswatch-ingest-local',
            region: options.region,
            timeoutMs: 30_000,
          }),
        );
        return;
      } catch (error) {
        if (attempt < options.maxRetries) {
          options.logger.warn(`newswatch: ingest of ${key} failed (${describeError(error)}); retrying`);
          continue;
        }
        failures.push({ stage: 'ingest', id: key, articleKey: key, error: describeError(error) });
        return;
      }
    }
  });
  return failures;
}

const articleKeyOf = (record: DynamoDBRecord) => {
  const key = record.dynamodb?.NewImage?.key ?? record.dynamodb?.OldImage?.key;
  return key && 'S' in key && typeof key.S === 'string' ? key.S : undefined;
};

type BatchOutcome =
  | { status: 'ok' }
  /** The function returned batchItemFailures naming records of the batch: retry from `from`. */
  | { status: 'partial'; from: number; failed: DynamoDBRecord[]; error: string }
  /** The function threw (or named a record not in the batch): the whole batch failed. */
  | { status: 'error'; error: string };

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

async function invokeAlert(
  batch: DynamoDBRecord[],
  alert: AlertHandler,
  region: string,
  counters: StepCounters,
): Promise<BatchOutcome> {
  counters.alertBatches++;
  let response;
  try {
    response = await alert(
      { Records: batch },
      createLambdaContext({ functionName: 'newswatch-alert-local', region, timeoutMs: 60_000 }),
    );
  } catch (error) {
    return { status: 'error', error: describeError(error) };
  }
  const failedIds = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
  if (failedIds.length === 0) return { status: 'ok' };
  const positions = failedIds.map((id) => batch.findIndex((record) => sequenceOf(record) === id));
  if (positions.some((position) => position < 0)) {
    // Lambda treats an identifier it cannot find (or an empty one) as a failure of the whole batch.
    return {
      status: 'error',
      error: `batchItemFailures names a record not in the batch (${failedIds.join(', ')})`,
    };
  }
  return {
    status: 'partial',
    from: Math.min(...positions),
    failed: batch.filter((record) => failedIds.includes(sequenceOf(record))),
    error: 'reported in batchItemFailures',
  };
}

/**
 * The alert function's event source mapping (see infra/cdk/constructs/compute/alert-function.ts): records that
 * pass the mapping's filter, in stream order, in batches of `batchSize`. With
 * ReportBatchItemFailures Lambda checkpoints before the first failed record and retries from there;
 * when the function throws, the batch is bisected (bisectBatchOnError; halves do not use up
 * retries) down to single records. After `maxRetries` retries the records still failing are
 * reported as failed (in AWS: sent to the on-failure queue) and the mapping moves on.
 */
export async function deliverToAlert(
  records: DynamoDBRecord[],
  alert: AlertHandler,
  options: {
    region: string;
    batchSize: number;
    maxRetries: number;
    bisectOnError: boolean;
    logger: PipelineLogger;
    signal?: AbortSignal;
  },
  counters: StepCounters,
): Promise<PipelineFailure[]> {
  const failures: PipelineFailure[] = [];
  const giveUp = (failed: DynamoDBRecord[], error: string) => {
    for (const record of failed) {
      const articleKey = articleKeyOf(record);
      failures.push({
        stage: 'alert',
        id: record.eventID ?? sequenceOf(record),
        ...(articleKey === undefined ? {} : { articleKey }),
        error,
      });
    }
  };
  const deliver = async (batch: DynamoDBRecord[], retriesLeft: number): Promise<void> => {
    options.signal?.throwIfAborted();
    const outcome = await invokeAlert(batch, alert, options.region, counters);
    if (outcome.status === 'ok') return;
    if (outcome.status === 'error' && options.bisectOnError && batch.length > 1) {
      const middle = Math.ceil(batch.length / 2);
      options.logger.warn(`newswatch: alert batch of ${batch.length} failed (${outcome.error}); bisecting`);
      await deliver(batch.slice(0, middle), retriesLeft);
      await deliver(batch.slice(middle), retriesLeft);
      return;
    }
    const [retryFrom, failed] = outcome.status === 'partial' ? [outcome.from, outcome.failed] : [0, batch];
    if (retriesLeft <= 0) {
      giveUp(failed, outcome.error);
      return;
    }
    options.logger.warn(
      `newswatch: alert batch failed from record ${retryFrom + 1}/${batch.length} (${outcome.error}); ` +
        `retrying (${retriesLeft} retries left)`,
    );
    await deliver(batch.slice(retryFrom), retriesLeft - 1);
  };
  for (let start = 0; start < records.length; start += options.batchSize) {
    await deliver(records.slice(start, start + options.batchSize), options.maxRetries);
  }
  return failures;
}
