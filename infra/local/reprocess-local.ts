import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ListObjectsCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import {
  REPROCESS_BATCH_SIZE,
  isReprocessKey,
  emptyCounts,
  type ReprocessCounts,
  lastModifiedDay,
  withinDays,
} from '../../functions/contracts/reprocess-window';
import { FUNCTION_ENTRIES } from '../paths';
import { StreamReader } from './emulators/stream-reader';
import { ALERT_STREAM_FILTER, matchesFilterPattern } from './invocation/event-filter';
import { createLambdaContext } from './invocation/lambda-context';
import {
  deliverToAlert,
  describeError,
  mapWithConcurrency,
  type PipelineLogger,
} from './invocation/lambda-invocation';
import type { LocalStack } from './local-stack';
import { loadHandlers } from './pipeline';

/** The reprocess options, as the CLI takes them (deployed they are the execution's input). */
export interface ReprocessRequest {
  prefix: string;
  topicsOnly: boolean;
  since?: string;
  until?: string;
  dryRun: boolean;
  /**
   * Batches in flight at once. Deployed that is the Map's MaxConcurrency (50); here every batch
   * shares this process's one thread and the local S3, where 50 batches of 4 objects open 200
   * connections at once and time out while the analysis holds the thread. @default 4
   */
  concurrency?: number;
}

export type { ReprocessCounts };

export interface LocalReprocessSummary {
  /** Objects listed under the prefix, and of those the ones the options take. */
  listed: number;
  selected: number;
  batches: number;
  counts: ReprocessCounts;
  /** Stream records that passed the alert function's filter, and the alerts it published. */
  alertRecords: number;
  alertsPublished: number;
  wallTimeMs: number;
}

/** Batches at once locally (see ReprocessRequest.concurrency). */
export const LOCAL_CONCURRENCY = 4;

type ReprocessHandler = (event: unknown, context: Context) => Promise<ReprocessCounts>;

const zero = emptyCounts;

/**
 * Every object under the prefix, as Step Functions' S3 reader lists them. Paged with ListObjects
 * (v1) and a marker: s3rver cannot make the continuation token of a truncated v2 listing on Node
 * 20's OpenSSL 3 (ERR_OSSL_EVP_UNSUPPORTED), which stopped a local reprocess at 1,000 objects.
 */
async function listObjects(stack: LocalStack, prefix: string) {
  const items: { Key: string; Etag?: string; LastModified?: string; Size?: number }[] = [];
  let marker: string | undefined;
  let truncated: boolean;
  do {
    const page = await stack.clients.s3.send(
      new ListObjectsCommand({
        Bucket: stack.bucketName,
        Prefix: prefix,
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key === undefined) continue;
      items.push({
        Key: object.Key,
        ...(object.ETag ? { Etag: object.ETag } : {}),
        ...(object.LastModified ? { LastModified: object.LastModified.toISOString() } : {}),
        ...(object.Size === undefined ? {} : { Size: object.Size }),
      });
    }
    truncated = page.IsTruncated === true && (page.Contents ?? []).length > 0;
    marker = items.at(-1)?.Key;
  } while (truncated);
  return items;
}

/**
 * `newswatch --local reprocess`: what the deployed state machine does, in this process. The local
 * bucket is listed, cut into batches as the Map's ItemBatcher cuts them (every object, the
 * function filters), and each batch is given to the real reprocess handler, a bounded number at a
 * time. The table's stream is then read and what passes the alert filter goes to the real alert
 * handler, as the event source mapping would: a full reprocess alerts as ingest does, a
 * `--topics-only` one writes no Article item, so nothing passes.
 */
export async function runLocalReprocess(
  stack: LocalStack,
  request: ReprocessRequest,
  logger: PipelineLogger,
): Promise<LocalReprocessSummary> {
  const startedAt = performance.now();
  const listed = await listObjects(stack, request.prefix);
  const taken = listed.filter(
    (object) =>
      isReprocessKey(object.Key, stack.articlesPrefix) &&
      withinDays(lastModifiedDay(object.LastModified), request),
  );
  const batches: (typeof listed)[] = [];
  for (let i = 0; i < listed.length; i += REPROCESS_BATCH_SIZE)
    batches.push(listed.slice(i, i + REPROCESS_BATCH_SIZE));
  const summary: LocalReprocessSummary = {
    listed: listed.length,
    selected: taken.length,
    batches: batches.length,
    counts: zero(),
    alertRecords: 0,
    alertsPublished: 0,
    wallTimeMs: 0,
  };
  if (request.dryRun) return { ...summary, wallTimeMs: Math.round(performance.now() - startedAt) };

  const { alert } = await loadHandlers(stack);
  const module = (await import(pathToFileURL(resolve(FUNCTION_ENTRIES.reprocess)).href)) as {
    handler: ReprocessHandler;
  };
  const reader = await StreamReader.open({
    dynamodb: stack.clients.dynamodb,
    streams: stack.clients.streams,
    tableName: stack.tableName,
    region: stack.region,
  });
  // What earlier commands wrote is not this run's to deliver.
  await reader.drain();
  const publishedBefore = stack.sns.messages.length;
  const batchInput = {
    bucket: stack.bucketName,
    topicsOnly: request.topicsOnly,
    since: request.since ?? '',
    until: request.until ?? '',
  };
  const results = await mapWithConcurrency(
    batches,
    request.concurrency ?? LOCAL_CONCURRENCY,
    async (items) => {
      const context = createLambdaContext({
        functionName: 'newswatch-reprocess',
        region: stack.region,
        timeoutMs: 300_000,
      });
      try {
        return await module.handler({ Items: items, BatchInput: batchInput }, context);
      } catch (error) {
        // A batch with transient failures carries its counts; anything else failed every object.
        const counts = (error as { counts?: ReprocessCounts }).counts;
        logger.warn(`newswatch: a reprocess batch failed: ${describeError(error)}`);
        return counts ?? { ...zero(), processed: items.length, failed: items.length };
      }
    },
  );
  for (const counts of results) {
    for (const name of Object.keys(summary.counts) as (keyof ReprocessCounts)[])
      summary.counts[name] += counts[name];
  }

  // Stream → alert, bounded: the alert function writes no Article items.
  const counters = { ingestInvocations: 0, streamRecords: 0, alertBatches: 0 };
  for (let pass = 0; pass < 10; pass++) {
    const records = (await reader.drain()).filter((record) =>
      matchesFilterPattern(ALERT_STREAM_FILTER, record),
    );
    if (records.length === 0) break;
    summary.alertRecords += records.length;
    const failures = await deliverToAlert(
      records,
      alert,
      { region: stack.region, batchSize: 10, maxRetries: 3, bisectOnError: true, logger },
      counters,
    );
    for (const failure of failures)
      logger.warn(`newswatch: alert failed for ${failure.articleKey ?? failure.id}: ${failure.error}`);
  }
  summary.alertsPublished = stack.sns.messages.length - publishedBefore;
  summary.wallTimeMs = Math.round(performance.now() - startedAt);
  return summary;
}
