import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DescribeTableCommand, DescribeTimeToLiveCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { StreamReader } from '../../infra/local/emulators/stream-reader';

/**
 * The local stand-ins on their own, without the handlers: DynamoDB Local (table as the CDK creates
 * it, stream readable), s3rver (events shaped like S3's) and the SNS sink, started and stopped the
 * way `npm start` does.
 */
const java = checkJava();
// Java is a documented prerequisite (README, .ci/run installs it): without it these tests fail
// loudly instead of skipping, so a green run always means the pipeline really ran.
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const dynamoDbLocalPids = () =>
  spawnSync('pgrep', ['-f', 'DynamoDBLocal'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);

describe('local stack', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates the table as the CDK does', async () => {
    const { Table } = await stack.clients.dynamodb.send(
      new DescribeTableCommand({ TableName: stack.tableName }),
    );
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['gsi1']);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const ttl = await stack.clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: stack.tableName }),
    );
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('sets the environment the handlers read', () => {
    expect(process.env).toMatchObject({
      TABLE_NAME: stack.tableName,
      ARTICLES_PREFIX: 'articles/',
      MAX_ARTICLE_BYTES: String(5 * 1024 * 1024),
      ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts-local',
      AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDb.endpoint,
      AWS_ENDPOINT_URL_S3: stack.s3Local.endpoint,
      AWS_ENDPOINT_URL_SNS: stack.sns.endpoint,
      NEWSWATCH_S3_FORCE_PATH_STYLE: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
    });
  });

  it('reads the stream in Lambda shape and only returns what is new', async () => {
    const reader = await StreamReader.open({
      ...stack.clients,
      tableName: stack.tableName,
      region: stack.region,
    });
    const item = {
      pk: { S: 'ARTICLE#articles/a.txt' },
      sk: { S: 'ARTICLE' },
      type: { S: 'Article' },
      n: { N: '1' },
    };
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: stack.tableName, Item: item }));
    const first = await reader.drain();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: reader.streamArn,
      dynamodb: {
        Keys: { pk: item.pk, sk: item.sk },
        NewImage: item,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(first[0]?.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
    expect(typeof first[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');

    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: stack.tableName,
        Item: { ...item, n: { N: '2' }, b: { B: new Uint8Array([1, 2, 3]) } },
      }),
    );
    const second = await reader.drain();
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({
      eventName: 'MODIFY',
      dynamodb: { OldImage: { n: { N: '1' } }, NewImage: { n: { N: '2' }, b: { B: 'AQID' } } },
    });
    expect(await reader.drain()).toEqual([]);
  });

  it('turns uploads into S3-shaped events with encoded keys, and serves the bytes back', async () => {
    const key = 'articles/my article+1 ü.txt';
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.bucketName, Key: key, Body: 'hello' }));
    const records = stack.s3Local.takeRecords();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: stack.bucketName, arn: `arn:aws:s3:::${stack.bucketName}` },
        object: {
          key: 'articles/my+article%2B1+%C3%BC.txt',
          size: 5,
          eTag: '5d41402abc4b2a76b9719d911017c592',
        },
      },
    });
    expect(records[0]?.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
    const object = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.bucketName, Key: key }));
    expect(await object.Body?.transformToString()).toBe('hello');
  });

  it('captures what an SNSClient built from the environment publishes', async () => {
    const client = new SNSClient({});
    try {
      const { MessageId } = await client.send(
        new PublishCommand({ TopicArn: process.env.ALERTS_TOPIC_ARN, Message: 'hi', Subject: 'S' }),
      );
      expect(stack.sns.messages.at(-1)).toMatchObject({ messageId: MessageId, message: 'hi', subject: 'S' });
    } finally {
      client.destroy();
    }
  });

  it('reset() empties table, bucket and alerts and gives a fresh stream', async () => {
    const { Table: before } = await stack.clients.dynamodb.send(
      new DescribeTableCommand({ TableName: stack.tableName }),
    );
    await stack.reset();
    const { Table: after } = await stack.clients.dynamodb.send(
      new DescribeTableCommand({ TableName: stack.tableName }),
    );
    expect(after?.ItemCount ?? 0).toBe(0);
    expect(after?.LatestStreamArn).not.toBe(before?.LatestStreamArn);
    expect(stack.sns.messages).toHaveLength(0);
    expect(stack.s3Local.takeRecords()).toEqual([]);
    const reader = await StreamReader.open({
      ...stack.clients,
      tableName: stack.tableName,
      region: stack.region,
    });
    expect(await reader.drain()).toEqual([]);
  });

  it('stop() leaves no DynamoDB Local process and no s3rver folder behind, however often it is called', async () => {
    const pid = stack.dynamoDb.pid;
    expect(dynamoDbLocalPids()).toContain(pid);
    expect(existsSync(stack.s3Local.directory)).toBe(true);
    // Ctrl-C and the pipeline's `finally` both stop: the second waits for the first.
    await Promise.all([stack.stop(), stack.stop()]);
    expect(dynamoDbLocalPids()).not.toContain(pid);
    expect(existsSync(stack.s3Local.directory)).toBe(false);
    await stack.stop();
  });
});
