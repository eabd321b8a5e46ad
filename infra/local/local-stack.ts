import { createRequire } from 'node:module';
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ENV } from '../../functions/contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../functions/contracts/limits';
import { startDynamoDbLocal, type DynamoDbLocal } from './emulators/dynamodb-local';
import { assertJava } from './java-check';
import { startS3Local, type S3Local } from './emulators/s3-local';
import { startSnsSink, type SnsSink } from './emulators/sns/server';
import { buildTableDefinition, buildTimeToLive } from './emulators/table-definition';

/** Names and dummy identity of the local stack. Nothing here exists in any AWS account. */
export const LOCAL_DEFAULTS = {
  region: 'us-east-1',
  accountId: '000000000000',
  tableName: 'newswatch-local',
  bucketName: 'newswatch-articles-local',
  topicName: 'newswatch-alerts-local',
  articlesPrefix: 'articles/',
  /** 5 MiB, as in the stack. */
  maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES,
  accessKeyId: 'local',
  secretAccessKey: 'local',
} as const;

/** The ARN of the local alerts topic (the only topic the SNS sink knows). */
export const LOCAL_TOPIC_ARN = `arn:aws:sns:${LOCAL_DEFAULTS.region}:${LOCAL_DEFAULTS.accountId}:${LOCAL_DEFAULTS.topicName}`;

export interface LocalStackOptions {
  /** Appends every published alert to this file as a JSON line; `null` keeps them in memory only. */
  alertsFile?: string | null;
  /** Handler log level (Powertools); default WARN. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  log?: (line: string) => void;
  /** Aborting while the stack starts stops what was started and rejects. */
  signal?: AbortSignal;
  /**
   * Keep the table, the bucket and the SNS subscriptions in this folder so that the next start
   * finds them (the CLI's `--local` and `npm start` share `.local/state`): DynamoDB Local runs on
   * `<stateDir>/dynamodb`, s3rver on `<stateDir>/s3`, subscriptions live in
   * `<stateDir>/sns-subscriptions.json`. The table and bucket are created only when missing, and
   * the alerts file is not emptied at start. A lock file keeps a second process out until stop().
   * Default: everything in memory (or a temporary folder), gone after stop().
   */
  stateDir?: string;
}

/** Files and folders of a state folder (see {@link LocalStackOptions.stateDir}). */
export const statePaths = (stateDir: string) => ({
  dynamodb: join(stateDir, 'dynamodb'),
  s3: join(stateDir, 's3'),
  subscriptions: join(stateDir, 'sns-subscriptions.json'),
  lock: join(stateDir, 'lock'),
});

/** Another process holds the state folder: two DynamoDB Locals on one database file corrupt it. */
export class LocalStateLockedError extends Error {
  override readonly name = 'LocalStateLockedError';
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `another newswatch --local command is running (pid ${pid}; lock ${lockFile}): wait for it to finish`,
    );
  }
}

const isProcessAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the state folder's lock file (created atomically with this process's pid: written under a
 * temporary name, then hard-linked, which fails when the lock exists). A lock whose process is gone
 * (killed, crashed) is stale and taken over. Returns the release function (idempotent); the lock is
 * also removed when the process exits without releasing it.
 */
export async function acquireStateLock(stateDir: string): Promise<() => Promise<void>> {
  await mkdir(stateDir, { recursive: true });
  const lockFile = statePaths(stateDir).lock;
  const candidate = `${lockFile}.${process.pid}`;
  await writeFile(candidate, `${process.pid}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(candidate, lockFile);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
        throw new LocalStateLockedError(lockFile, holder);
      }
      if (attempt >= 2) throw new LocalStateLockedError(lockFile, holder);
      // Stale: its process is gone.
      await unlink(lockFile).catch(() => undefined);
    }
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
  let released = false;
  const releaseOnExit = () => {
    if (released) return;
    released = true;
    try {
      unlinkSync(lockFile);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', releaseOnExit);
  return async () => {
    process.off('exit', releaseOnExit);
    releaseOnExit();
  };
}

export interface LocalStack {
  region: string;
  accountId: string;
  tableName: string;
  bucketName: string;
  topicArn: string;
  articlesPrefix: string;
  /** The state folder it keeps its data in, when started with one. */
  stateDir?: string;
  dynamoDb: DynamoDbLocal;
  s3Local: S3Local;
  sns: SnsSink;
  clients: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient; s3: S3Client };
  /** The environment the handlers run with (already applied to `process.env`). */
  env: Readonly<Record<string, string>>;
  /**
   * Empties everything: recreates the table (new stream), empties the bucket, forgets alerts.
   * SNS subscriptions are configuration, not data: they stay.
   */
  reset(): Promise<void>;
  /** Stops every service and process started. Idempotent; never throws. */
  stop(): Promise<void>;
}

/**
 * The dummy credentials and region, set in `process.env` before any SDK client exists so that
 * nothing (ours or the handlers') can pick up a real profile, session or instance role.
 */
export function applyDummyAwsIdentity(): void {
  process.env.AWS_REGION = LOCAL_DEFAULTS.region;
  process.env.AWS_DEFAULT_REGION = LOCAL_DEFAULTS.region;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_DEFAULTS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_DEFAULTS.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_ENDPOINT_URL;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  // s3rver predates flexible checksums: keep the SDK from sending aws-chunked trailers.
  process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
  process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';
  // The SDK warns on every start that its 2027 releases will need Node 22; not news for a local run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * s3rver only accepts access key ids registered with its built-in account (`S3RVER`). Register the
 * runner's dummy key there too, so every client can keep the same `local` credentials.
 */
function registerS3rverAccessKey(accessKeyId: string, secretAccessKey: string): void {
  const require = createRequire(import.meta.url);
  const account = require('s3rver/lib/models/account') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
}

export function handlerEnvironment(input: {
  tableName: string;
  bucketName: string;
  topicArn: string;
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  snsEndpoint: string;
  logLevel: string;
}): Record<string, string> {
  return {
    [ENV.tableName]: input.tableName,
    [ENV.articlesPrefix]: LOCAL_DEFAULTS.articlesPrefix,
    [ENV.maxArticleBytes]: String(LOCAL_DEFAULTS.maxArticleBytes),
    [ENV.alertsTopicArn]: input.topicArn,
    [ENV.s3ForcePathStyle]: 'true',
    [ENV.articlesBucket]: input.bucketName,
    // Feeds in the local twin are served on 127.0.0.1 (npm start -- --feeds, the tests).
    [ENV.allowLoopback]: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_S3: input.s3Endpoint,
    AWS_ENDPOINT_URL_SNS: input.snsEndpoint,
    POWERTOOLS_LOG_LEVEL: input.logLevel,
    // Metrics are embedded-metric-format log lines: shown with the handlers' logs (verbose runs),
    // kept off the terminal otherwise.
    POWERTOOLS_METRICS_DISABLED: ['DEBUG', 'INFO'].includes(input.logLevel) ? 'false' : 'true',
  };
}

async function createTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await dynamodb.send(new CreateTableCommand(buildTableDefinition(tableName)));
  for (let i = 0; i < 100; i++) {
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === 'ACTIVE') {
      await dynamodb.send(new UpdateTimeToLiveCommand(buildTimeToLive(tableName)));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}

async function tableExists(dynamodb: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function bucketExists(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

async function deleteTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return;
    throw error;
  }
  for (let i = 0; i < 100; i++) {
    try {
      await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} was not deleted`);
}

async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  // ListObjects (v1), first page only, until the bucket is empty: s3rver fails a v2 listing that
  // is truncated (it cannot make the continuation token on Node 20's OpenSSL 3:
  // ERR_OSSL_EVP_UNSUPPORTED), so a bucket of more than 1,000 objects (a few feeds' entries)
  // would never empty. Deleting as we go needs no token at all.
  for (;;) {
    const page = await s3.send(new ListObjectsCommand({ Bucket: bucket, MaxKeys: 1000 }));
    const keys = (page.Contents ?? []).flatMap((object) =>
      object.Key === undefined ? [] : [{ Key: object.Key }],
    );
    if (keys.length === 0) return;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
}

/**
 * Starts DynamoDB Local (Java child process), s3rver and the SNS sink, creates the table and the
 * bucket, and applies the handlers' environment to `process.env`. On any failure everything
 * already started is stopped before the error propagates.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  assertJava();
  applyDummyAwsIdentity();
  registerS3rverAccessKey(LOCAL_DEFAULTS.accessKeyId, LOCAL_DEFAULTS.secretAccessKey);
  const { region, accountId, tableName, bucketName } = LOCAL_DEFAULTS;
  const topicArn = LOCAL_TOPIC_ARN;
  const stoppers: (() => Promise<void>)[] = [];
  const stopEverything = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`newswatch: error while stopping the local stack: ${String(error)}`);
      }
    }
  };
  // One stop in progress at a time; every caller waits for it (Ctrl-C and `finally` both call it).
  let stopping: Promise<void> | undefined;
  const stopAll = () => (stopping ??= stopEverything());
  const state = options.stateDir === undefined ? undefined : statePaths(options.stateDir);
  // Taken first and released last: nothing touches the state folder without it.
  if (options.stateDir !== undefined) stoppers.push(await acquireStateLock(options.stateDir));
  try {
    const credentials = {
      accessKeyId: LOCAL_DEFAULTS.accessKeyId,
      secretAccessKey: LOCAL_DEFAULTS.secretAccessKey,
    };
    const [dynamoResult, s3Result] = await Promise.allSettled([
      startDynamoDbLocal({
        region,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(state ? { dbPath: state.dynamodb } : {}),
      }),
      startS3Local({
        region,
        onError: (error) => log(`newswatch: bad s3rver event: ${String(error)}`),
        ...(state ? { directory: state.s3 } : {}),
      }),
    ]);
    if (dynamoResult.status === 'fulfilled') stoppers.push(dynamoResult.value.stop);
    if (s3Result.status === 'fulfilled') stoppers.push(s3Result.value.stop);
    if (dynamoResult.status === 'rejected') throw dynamoResult.reason;
    if (s3Result.status === 'rejected') throw s3Result.reason;
    options.signal?.throwIfAborted();
    const dynamoDb = dynamoResult.value;
    const s3Local = s3Result.value;
    log(
      `newswatch: DynamoDB Local on ${dynamoDb.endpoint} (pid ${dynamoDb.pid}), s3rver on ${s3Local.endpoint}`,
    );
    const sns = await startSnsSink({
      topicArns: [topicArn],
      ...(options.alertsFile ? { file: options.alertsFile } : {}),
      ...(state ? { subscriptionsFile: state.subscriptions } : {}),
    });
    stoppers.push(sns.stop);
    // A kept state keeps its alert history too; reset() empties it with the rest.
    if (options.alertsFile && !state) await writeFile(options.alertsFile, '');
    log(
      `newswatch: SNS sink on ${sns.endpoint}${options.alertsFile ? ` writing ${options.alertsFile}` : ''}`,
    );

    const dynamodb = new DynamoDBClient({ region, credentials, endpoint: dynamoDb.endpoint });
    const streams = new DynamoDBStreamsClient({ region, credentials, endpoint: dynamoDb.endpoint });
    const s3 = new S3Client({ region, credentials, endpoint: s3Local.endpoint, forcePathStyle: true });
    stoppers.push(async () => {
      dynamodb.destroy();
      streams.destroy();
      s3.destroy();
    });
    await Promise.all([
      (async () => {
        if (!state || !(await tableExists(dynamodb, tableName))) await createTable(dynamodb, tableName);
      })(),
      (async () => {
        if (!state || !(await bucketExists(s3, bucketName))) {
          await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
        }
      })(),
    ]);
    s3Local.takeRecords();

    const env = handlerEnvironment({
      tableName,
      bucketName,
      topicArn,
      dynamoDbEndpoint: dynamoDb.endpoint,
      s3Endpoint: s3Local.endpoint,
      snsEndpoint: sns.endpoint,
      logLevel: options.logLevel ?? 'WARN',
    });
    Object.assign(process.env, env);

    return {
      region,
      accountId,
      tableName,
      bucketName,
      topicArn,
      articlesPrefix: LOCAL_DEFAULTS.articlesPrefix,
      ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
      dynamoDb,
      s3Local,
      sns,
      clients: { dynamodb, streams, s3 },
      env,
      async reset() {
        await deleteTable(dynamodb, tableName);
        await createTable(dynamodb, tableName);
        await emptyBucket(s3, bucketName);
        s3Local.takeRecords();
        sns.clear();
        if (options.alertsFile) await writeFile(options.alertsFile, '');
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
