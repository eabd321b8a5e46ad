import { readdir, readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3EventRecord } from 'aws-lambda';
import { ALERT_STREAM_FILTER, matchesFilterPattern } from './invocation/event-filter';
import { decodeS3EventKey } from './invocation/s3-event';
import { DEFAULT_ALERTS_FILE, DEFAULT_HANDLERS } from './paths';
import { startLocalStack, type LocalStack } from './local-stack';
import {
  alertFromMessage,
  articlesFromItems,
  deletionsFromItems,
  matchesFromItems,
  rejectionsFromItems,
  scanTable,
  type PipelineFailure,
  type PipelineReport,
} from './report';
import { captureOutput, redirectStdoutToStderr, writeToRealStderr } from './stdout-redirect';
import { StreamReader } from './emulators/stream-reader';
import {
  deliverToAlert,
  deliverToIngest,
  duplicateAndShuffle,
  isIngestNotification,
  mapWithConcurrency,
  seededRandom,
  type DuplicateOrder,
  type AlertHandler,
  type IngestHandler,
  type PipelineLogger,
  type StepCounters,
} from './invocation/lambda-invocation';

export type { PipelineLogger } from './invocation/lambda-invocation';

export type { PipelineReport } from './report';

/** Progress to stderr; info lines only when verbose. */
export const stderrLogger = (verbose = false): PipelineLogger => ({
  info: (line) => {
    if (verbose) writeToRealStderr(`${line}\n`);
  },
  warn: (line) => writeToRealStderr(`${line}\n`),
});

export interface RunLocalPipelineOptions {
  /** Folder whose files are uploaded as articles (top-level regular files, dot files skipped). */
  inputDir: string;
  /**
   * File names inside `inputDir` to upload instead of all of them (the CLI's `upload <files>`).
   */
  files?: string[];
  /**
   * With a given `stack`: empty it first (default true). The CLI's `--local` keeps what earlier
   * commands stored and passes false.
   */
  reset?: boolean;
  /** Key prefix under the articles prefix (default none): `articles/<keyPrefix><file name>`. */
  keyPrefix?: string;
  /** The CLI's `--json`: nothing changes in the report; stdout is kept clean either way. */
  json?: boolean;
  /** Handlers log at INFO instead of WARN, and the runner logs its progress. */
  verbose?: boolean;
  logger?: PipelineLogger;
  /**
   * A stack started with {@link startLocalStack} to reuse: it is reset (empty table, bucket and
   * alerts) first and left running at the end. Without one, a stack is started and stopped.
   */
  stack?: LocalStack;
  /** Where the SNS sink appends alerts (only when the pipeline starts its own stack); null: nowhere. */
  alertsFile?: string | null;
  /**
   * How many times S3 delivers each event (S3 is at-least-once): 2 replays every event after the
   * first round has been fully processed, stream and alerts included.
   */
  deliveries?: number;
  /**
   * Ingest invocations in flight at once (default 1). A Lambda execution environment runs one
   * invocation at a time, and the handler modules here are one environment: their module-level
   * logger (Lambda context, appended keys) would mix concurrent invocations up.
   */
  ingestConcurrency?: number;
  /** Stream batch size of the alert function's event source mapping. */
  alertBatchSize?: number;
  /** Retries of a failing stream batch before its records are reported as failed. */
  alertMaxRetries?: number;
  /** Retries of a failing asynchronous ingest invocation (Lambda's default is 2). */
  ingestMaxRetries?: number;
  /** Module paths of the handlers (default: the real ones in functions/). */
  handlers?: { ingest: string; alert: string };
  /**
   * Receives everything written to stdout and stderr during the run (the handlers' log lines)
   * instead of the terminal. Default: stdout is sent to stderr, stderr is left alone.
   */
  handlerOutput?: (text: string) => void;
  /** Aborting stops the services at once; the run rejects with the abort reason. */
  signal?: AbortSignal;
  /**
   * Objects uploaded under exactly these keys (after the files): odd keys, keys outside the
   * prefix, bytes no file holds. Counted as files in the report.
   */
  objects?: { key: string; body: Uint8Array | string; contentType?: string }[];
  /** Full keys deleted after the uploads: their ObjectRemoved events follow the created ones. */
  remove?: string[];
  /**
   * Deliver events for keys outside the prefix too, as a bucket notification without its prefix
   * filter would: exercises the ingest function's own prefix check.
   */
  notifyOutsidePrefix?: boolean;
  /**
   * Every S3 event and every stream record (after the filter) delivered `copies` times (default
   * 2) in a seeded random order: see {@link duplicateAndShuffle} for the two orders.
   */
  duplicateDelivery?: { seed: number; copies?: number; order?: DuplicateOrder };
  /** PutObject calls in flight during the upload (default 4). */
  uploadConcurrency?: number;
  /**
   * Something in the stack that writes objects itself after the uploads (the feed poller, for
   * `npm start -- --feeds`): it returns the keys it wrote, and their S3 events are delivered after
   * the uploads' in that order.
   */
  writeObjects?: (stack: LocalStack) => Promise<string[]>;
}

interface LoadedHandlers {
  ingest: IngestHandler;
  alert: AlertHandler;
  /** The environment they were loaded with: their config and clients are fixed at module load. */
  fingerprint: string;
}

let loadedHandlers: LoadedHandlers | undefined;

const handlerFingerprint = (stack: LocalStack, paths: { ingest: string; alert: string }) =>
  JSON.stringify({ env: stack.env, paths });

/**
 * Imports the handler modules, after the stack's environment is in `process.env` (they read their
 * configuration and build their SDK clients at module load). Modules are cached by Node, so one
 * process can only ever drive one stack: a second stack with other endpoints is refused.
 */
export async function loadHandlers(
  stack: LocalStack,
  paths: { ingest: string; alert: string } = DEFAULT_HANDLERS,
): Promise<LoadedHandlers> {
  const fingerprint = handlerFingerprint(stack, paths);
  if (loadedHandlers) {
    if (loadedHandlers.fingerprint !== fingerprint) {
      throw new Error(
        'the handlers were already loaded for another local stack in this process (their config is read at module load); ' +
          'reuse one stack per process (pass `stack` to runLocalPipeline)',
      );
    }
    return loadedHandlers;
  }
  for (const [name, value] of Object.entries(stack.env)) {
    if (process.env[name] !== value) {
      throw new Error(`process.env.${name} is not the local stack's value; refusing to load the handlers`);
    }
  }
  const importHandler = async (path: string) => {
    const module = (await import(pathToFileURL(resolve(path)).href)) as { handler?: unknown };
    if (typeof module.handler !== 'function')
      throw new Error(`${path} does not export a function named handler`);
    return module.handler;
  };
  const [ingest, alert] = await Promise.all([importHandler(paths.ingest), importHandler(paths.alert)]);
  loadedHandlers = { ingest: ingest as IngestHandler, alert: alert as AlertHandler, fingerprint };
  return loadedHandlers;
}

// No charset: the uploader does not know a file's, and ingest reads a Content-Type charset over the
// file's own declaration (a windows-1252 page labelled UTF-8 would be rejected).
const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.html': 'text/html',
  '.json': 'application/json',
};

async function listInputFiles(inputDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(inputDir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`cannot read the input folder ${inputDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The whole local pipeline: services up, articles uploaded to S3, the real ingest handler invoked
 * with the S3 events s3rver emitted, the table's stream read and passed (filtered, batched) to the
 * real alert handler, then the table and the published alerts collected into a report.
 */
export async function runLocalPipeline(options: RunLocalPipelineOptions): Promise<PipelineReport> {
  const startedAt = performance.now();
  const logger = options.logger ?? stderrLogger(options.verbose);
  const inputDir = resolve(options.inputDir);
  const files = options.files ?? (await listInputFiles(inputDir));
  const objects = options.objects ?? [];
  if (files.length === 0 && objects.length === 0 && options.writeObjects === undefined)
    logger.warn(`newswatch: ${inputDir} has no files to upload`);
  const restoreOutput = options.handlerOutput
    ? captureOutput(options.handlerOutput)
    : redirectStdoutToStderr();
  const ownsStack = options.stack === undefined;
  let stack: LocalStack | undefined = options.stack;
  const onAbort = () => {
    void stack?.stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    options.signal?.throwIfAborted();
    if (stack) {
      if (options.reset ?? true) await stack.reset();
    } else {
      logger.info('newswatch: starting DynamoDB Local, s3rver and the SNS sink');
      stack = await startLocalStack({
        alertsFile: options.alertsFile === undefined ? DEFAULT_ALERTS_FILE : options.alertsFile,
        logLevel: options.verbose ? 'INFO' : 'WARN',
        log: (line) => logger.info(line),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    options.signal?.throwIfAborted();
    const local: LocalStack = stack;
    const handlers = await loadHandlers(local, options.handlers ?? DEFAULT_HANDLERS);
    const { clients, region } = local;
    const signal = options.signal ? { signal: options.signal } : {};

    // The stream is read from its start; on a kept stack, what earlier runs wrote is skipped first.
    const reader = await StreamReader.open({
      dynamodb: clients.dynamodb,
      streams: clients.streams,
      tableName: local.tableName,
      region,
    });
    if (!(options.reset ?? true)) await reader.drain();

    // 1. Upload: s3rver emits one notification per PutObject (and DeleteObject) before it answers.
    await mapWithConcurrency(files, options.uploadConcurrency ?? 4, async (name) => {
      const body = await readFile(join(inputDir, name));
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: local.bucketName,
          Key: `${local.articlesPrefix}${options.keyPrefix ?? ''}${name}`,
          Body: body,
          ContentType: CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        }),
      );
    });
    await mapWithConcurrency(objects, options.uploadConcurrency ?? 4, async (object) => {
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: local.bucketName,
          Key: object.key,
          Body: object.body,
          ContentType: object.contentType ?? 'application/octet-stream',
        }),
      );
    });
    const written = options.writeObjects ? await options.writeObjects(local) : [];
    for (const key of options.remove ?? []) {
      await clients.s3.send(new DeleteObjectCommand({ Bucket: local.bucketName, Key: key }));
    }
    // Uploads run concurrently, so s3rver emits their events in the order the PUTs happen to
    // finish. The events are put back in the order of the files (then the extra objects, then the
    // removals) so that a run is reproducible: a story's alerts depend on which article came first.
    const uploadOrder = new Map(
      [
        ...files.map((name) => `${local.articlesPrefix}${options.keyPrefix ?? ''}${name}`),
        ...objects.map((o) => o.key),
        ...written,
      ].map((key, index) => [key, index]),
    );
    const orderOf = (record: S3EventRecord) =>
      record.eventName.startsWith('ObjectCreated:')
        ? (uploadOrder.get(decodeS3EventKey(record.s3.object.key)) ?? uploadOrder.size)
        : uploadOrder.size + 1;
    const s3Records = local.s3Local
      .takeRecords()
      .filter((record) =>
        isIngestNotification(record, local.articlesPrefix, options.notifyOutsidePrefix ?? false),
      )
      .map((record, arrival) => ({ record, arrival, order: orderOf(record) }))
      .sort((a, b) => a.order - b.order || a.arrival - b.arrival)
      .map(({ record }) => record);
    const uploads = files.length + objects.length + written.length;
    logger.info(`newswatch: uploaded ${uploads} files, ${s3Records.length} S3 events`);
    const expected =
      files.length +
      (options.notifyOutsidePrefix
        ? objects.length
        : objects.filter((object) => object.key.startsWith(local.articlesPrefix)).length) +
      written.length +
      (options.remove?.length ?? 0);
    if (s3Records.length !== expected) {
      logger.warn(`newswatch: expected ${expected} S3 events, s3rver emitted ${s3Records.length}`);
    }
    const duplicates = options.duplicateDelivery;
    const random = duplicates ? seededRandom(duplicates.seed) : undefined;
    const redeliver = <T>(items: T[]): T[] =>
      duplicates && random
        ? duplicateAndShuffle(items, random, {
            ...(duplicates.copies === undefined ? {} : { copies: duplicates.copies }),
            ...(duplicates.order === undefined ? {} : { order: duplicates.order }),
          })
        : items;

    const counters: StepCounters = { ingestInvocations: 0, streamRecords: 0, alertBatches: 0 };
    const failures: PipelineFailure[] = [];
    const deliveries = Math.max(1, options.deliveries ?? 1);
    for (let round = 1; round <= deliveries; round++) {
      options.signal?.throwIfAborted();
      // 2. Ingest, as S3 invokes it.
      failures.push(
        ...(await deliverToIngest(
          redeliver(s3Records),
          handlers.ingest,
          {
            region,
            concurrency: options.ingestConcurrency ?? 1,
            maxRetries: options.ingestMaxRetries ?? 2,
            logger,
            ...signal,
          },
          counters,
        )),
      );
      options.signal?.throwIfAborted();
      // 3. Stream → alert, as the event source mapping does. Records the alert function itself
      // causes (Story, Match and digest items) show up in the next drain and are filtered out like
      // any non-article.
      // (Bounded: the alert function writes no Article items, so the second drain finds none.)
      for (let pass = 0; pass < 10; pass++) {
        const streamRecords = await reader.drain();
        counters.streamRecords += streamRecords.length;
        const forAlert = streamRecords.filter((record) => matchesFilterPattern(ALERT_STREAM_FILTER, record));
        logger.info(
          `newswatch: delivery ${round}: ${streamRecords.length} stream records, ${forAlert.length} pass the alert filter`,
        );
        if (forAlert.length === 0) break;
        failures.push(
          ...(await deliverToAlert(
            redeliver(forAlert),
            handlers.alert,
            {
              region,
              batchSize: options.alertBatchSize ?? 10,
              maxRetries: options.alertMaxRetries ?? 3,
              bisectOnError: true,
              logger,
              ...signal,
            },
            counters,
          )),
        );
      }
    }

    // 4. Report.
    const items = await scanTable(clients.dynamodb, local.tableName);
    const report: PipelineReport = {
      articles: articlesFromItems(items),
      // By article, then topic: publish order follows shard order, which is not deterministic.
      alerts: local.sns.messages
        .map(alertFromMessage)
        .sort(
          (a, b) =>
            (a.articleKey ?? '').localeCompare(b.articleKey ?? '') ||
            (a.topicId ?? '').localeCompare(b.topicId ?? ''),
        ),
      rejected: rejectionsFromItems(items),
      matches: matchesFromItems(items),
      deleted: deletionsFromItems(items),
      failures,
      stats: {
        files: uploads,
        s3Events: s3Records.length,
        ...counters,
        itemsInTable: items.length,
        wallTimeMs: 0,
      },
    };
    for (const failure of failures) {
      logger.warn(
        `newswatch: ${failure.stage} failed for ${failure.articleKey ?? failure.id}: ${failure.error}`,
      );
    }
    report.stats.wallTimeMs = Math.round(performance.now() - startedAt);
    return report;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    try {
      if (ownsStack && stack) await stack.stop();
    } finally {
      restoreOutput();
    }
  }
}
