import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
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
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { ENV } from '../../functions/shared/env-names';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { assertJava } from './java-check';
import { startS3Local, type S3Local } from './s3-local';
import { startSnsSink, type SnsSink } from './sns-sink';
import { buildTableDefinition, buildTimeToLive } from './table-definition';

/** Names and dummy identity of the local stack. Nothing here exists in any AWS account. */
export const LOCAL_DEFAULTS = {
  region: 'us-east-1',
  accountId: '000000000000',
  tableName: 'newswatch-local',
  bucketName: 'newswatch-articles-local',
  topicName: 'newswatch-alerts-local',
  articlesPrefix: 'articles/',
  /** 5 MiB, as in the stack. */
  maxArticleBytes: 5 * 1024 * 1024,
  accessKeyId: 'local',
  secretAccessKey: 'local',
} as const;

export interface LocalStackOptions {
  /** Appends every published alert to this file as a JSON line; `null` keeps them in memory only. */
  alertsFile?: string | null;
  /** Handler log level (Powertools); default WARN. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  log?: (line: string) => void;
  /** Aborting while the stack starts stops what was started and rejects. */
  signal?: AbortSignal;
}

export interface LocalStack {
  region: string;
  accountId: string;
  tableName: string;
  bucketName: string;
  topicArn: string;
  articlesPrefix: string;
  dynamoDb: DynamoDbLocal;
  s3Local: S3Local;
  sns: SnsSink;
  clients: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient; s3: S3Client };
  /** The environment the handlers run with (already applied to `process.env`). */
  env: Readonly<Record<string, string>>;
  /** Empties everything: recreates the table (new stream), empties the bucket, forgets alerts. */
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
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_S3: input.s3Endpoint,
    AWS_ENDPOINT_URL_SNS: input.snsEndpoint,
    POWERTOOLS_LOG_LEVEL: input.logLevel,
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
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    const keys = (page.Contents ?? []).flatMap((object) =>
      object.Key === undefined ? [] : [{ Key: object.Key }],
    );
    if (keys.length > 0)
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
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
  const { region, accountId, tableName, bucketName, topicName } = LOCAL_DEFAULTS;
  const topicArn = `arn:aws:sns:${region}:${accountId}:${topicName}`;
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
  try {
    const credentials = {
      accessKeyId: LOCAL_DEFAULTS.accessKeyId,
      secretAccessKey: LOCAL_DEFAULTS.secretAccessKey,
    };
    const [dynamoResult, s3Result] = await Promise.allSettled([
      startDynamoDbLocal({ region, ...(options.signal ? { signal: options.signal } : {}) }),
      startS3Local({ region, onError: (error) => log(`newswatch: bad s3rver event: ${String(error)}`) }),
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
    });
    stoppers.push(sns.stop);
    if (options.alertsFile) await writeFile(options.alertsFile, '');
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
      createTable(dynamodb, tableName),
      s3.send(new CreateBucketCommand({ Bucket: bucketName })),
    ]);
    s3Local.takeRecords();

    const env = handlerEnvironment({
      tableName,
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
