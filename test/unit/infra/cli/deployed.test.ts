import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  BatchGetItemCommand,
  DynamoDBClient,
  QueryCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../infra/cli/program';
import { captureIo } from './support';

/**
 * Deployed mode against mocked AWS clients: stack discovery from CloudFormation outputs, the
 * commands' calls and their error handling. Nothing leaves the process.
 */
const cfn = mockClient(CloudFormationClient);
const dynamo = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
const streams = mockClient(DynamoDBStreamsClient);

const TOPIC = 'arn:aws:sns:eu-west-2:123456789012:Newswatch-Alerts';
const OUTPUTS = {
  ArticlesBucketName: 'newswatch-articles-bucket',
  TableName: 'Newswatch-Table',
  AlertsTopicArn: TOPIC,
  OpsTopicArn: 'arn:aws:sns:eu-west-2:123456789012:Newswatch-Ops',
  IngestDeadLetterQueueUrl: 'https://sqs.eu-west-2.amazonaws.com/123456789012/ingest-dlq',
  AlertDeadLetterQueueUrl: 'https://sqs.eu-west-2.amazonaws.com/123456789012/alert-dlq',
};

const stackWith = (outputs: Record<string, string>) => ({
  Stacks: [
    {
      StackName: 'Newswatch',
      StackStatus: 'CREATE_COMPLETE' as const,
      CreationTime: new Date(),
      Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
    },
  ],
});

const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(['--region', 'eu-west-2', ...argv], { io });
  return { code, out: io.out(), err: io.err() };
};

beforeEach(() => {
  for (const mock of [cfn, dynamo, s3, sns, sqs, lambda, streams]) mock.reset();
  cfn.on(DescribeStacksCommand).resolves(stackWith(OUTPUTS));
});

describe('stack discovery', () => {
  it('reads the resources from the stack outputs, with the default stack name', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run('articles');
    expect(result.code, result.err).toBe(0);
    expect(cfn.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({ StackName: 'Newswatch' });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.TableName).toBe('Newswatch-Table');
    expect(result.out).toBe('(no articles)\n');
  });

  it('a stack that does not exist is a missing prerequisite (exit 2)', async () => {
    cfn.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'ValidationError',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Stack with id Staging does not exist',
      }),
    );
    const result = await run('--stack', 'Staging', 'articles');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'newswatch: stack Staging does not exist in eu-west-2: deploy it (npx cdk deploy) or pass --stack / --region\n',
    );
  });

  it('missing credentials say how to fix them (exit 2)', async () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    cfn.on(DescribeStacksCommand).rejects(error);
    const result = await run('subscriptions');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^newswatch: no AWS credentials found: run `aws configure`.*--local/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('a stack without the output a command needs is a missing prerequisite', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith({ TableName: 'T' }));
    // The webhooks are read from the table first; the SNS listing then needs the topic output.
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run('subscriptions');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/has no output AlertsTopicArn/);
  });

  it('other AWS errors fail the operation with one line (exit 1)', async () => {
    dynamo
      .on(QueryCommand)
      .rejects(
        Object.assign(new Error('User is not authorized\nto Query'), { name: 'AccessDeniedException' }),
      );
    const result = await run('articles');
    expect(result.code).toBe(1);
    expect(result.err).toBe('newswatch: AccessDeniedException: User is not authorized to Query\n');
  });
});

const article = (key: string, publishedAt: string, people: string[], aliases: string[] = []) =>
  marshall({
    pk: `ARTICLE#${key}`,
    sk: 'ARTICLE',
    type: 'Article',
    key,
    title: `Title of ${key}`,
    publishedAt,
    summary: ['One.'],
    entities: { people, organizations: [], places: ['Seoul'] },
    entityDetails: people.map((name) => ({ name, type: 'person', aliases, mentions: 2, firstSentence: 0 })),
  });

/**
 * The table behind gsi1: listings query the index (the items as given) and read their page of
 * items whole by key (BatchGetItem), here from the same items.
 */
const serveTable = (...items: Record<string, AttributeValue>[]) =>
  dynamo
    .on(BatchGetItemCommand)
    .callsFake((input: { RequestItems: Record<string, { Keys: typeof items }> }) => {
      const [table, request] = Object.entries(input.RequestItems)[0] ?? [];
      const id = (item: (typeof items)[number]) => JSON.stringify([item.pk, item.sk]);
      const wanted = new Set((request?.Keys ?? []).map(id));
      return { Responses: { [table ?? '']: items.filter((item) => wanted.has(id(item))) } };
    });

describe('articles, rejections, matches', () => {
  it('queries gsi1 newest first within the day range and filters by entity or alias', async () => {
    const items = [
      article('articles/b.txt', '2025-11-04', ['Donald Trump'], ['President Trump']),
      article('articles/a.txt', '2025-10-27', ['Xi Jinping']),
    ];
    dynamo.on(QueryCommand).resolves({ Items: items });
    serveTable(...items);
    const result = await run(
      '--json',
      'articles',
      '--from',
      '2025-10-01',
      '--to',
      '2025-11-30',
      '--entity',
      'president trump',
    );
    expect(result.code, result.err).toBe(0);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      IndexName: 'gsi1',
      ScanIndexForward: false,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({
        ':pk': 'ARTICLES',
        ':from': '2025-10-01',
        ':to': '2025-11-30\uffff',
      }),
    });
    const rows = JSON.parse(result.out) as { key: string }[];
    expect(rows.map((row) => row.key)).toEqual(['articles/b.txt']);
  });

  it('prints a table, and --limit stops paging', async () => {
    const [b, a] = [
      article('articles/b.txt', '2025-11-04', ['Kim Jong Un']),
      article('articles/a.txt', '2025-10-27', ['Kim Jong Un']),
    ];
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [b], LastEvaluatedKey: marshall({ pk: 'x' }) })
      .resolves({ Items: [a] });
    serveTable(b, a);
    const result = await run('articles', '--limit', '1');
    expect(result.code).toBe(0);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    expect(result.out).toMatch(/│ published +│ key +│ title/);
    expect(result.out).toMatch(/2025-11-04 │ articles\/b\.txt/);
    expect(result.out).not.toMatch(/articles\/a\.txt/);
  });

  it('--topic lists the articles its matches name', async () => {
    const match = marshall({
      pk: 'ARTICLE#articles/b.txt',
      sk: 'MATCH#trump-kim-summit',
      topicId: 'trump-kim-summit',
      articleKey: 'articles/b.txt',
      certainty: 'planned',
      publishedAt: '2025-11-04',
    });
    dynamo.on(QueryCommand).resolves({ Items: [match] });
    serveTable(match, article('articles/b.txt', '2025-11-04', ['Donald Trump']));
    const result = await run('--json', 'articles', '--topic', 'trump-kim-summit');
    expect(result.code, result.err).toBe(0);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':pk']).toEqual({
      S: 'MATCH#trump-kim-summit',
    });
    // The match whole from the table, then the article it names.
    expect(dynamo.commandCalls(BatchGetItemCommand).map((call) => call.args[0].input.RequestItems)).toEqual([
      {
        'Newswatch-Table': {
          Keys: [marshall({ pk: 'ARTICLE#articles/b.txt', sk: 'MATCH#trump-kim-summit' })],
        },
      },
      { 'Newswatch-Table': { Keys: [marshall({ pk: 'ARTICLE#articles/b.txt', sk: 'ARTICLE' })] } },
    ]);
    expect((JSON.parse(result.out) as { key: string }[]).map((row) => row.key)).toEqual(['articles/b.txt']);
  });

  it('rejections filter by reason; matches by certainty', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        marshall({
          key: 'articles/e.txt',
          reason: 'empty',
          detail: 'only whitespace',
          rejectedAt: '2025-10-02T10:00:00Z',
        }),
        marshall({
          key: 'articles/b.bin',
          reason: 'binary',
          detail: 'NUL bytes',
          rejectedAt: '2025-10-01T10:00:00Z',
        }),
      ],
    });
    const rejections = await run('rejections', '--reason', 'binary');
    expect(rejections.out).toMatch(/articles\/b\.bin/);
    expect(rejections.out).not.toMatch(/articles\/e\.txt/);

    const matchItems = [
      marshall({
        pk: 'ARTICLE#articles/x.txt',
        sk: 'MATCH#t1',
        topicId: 't1',
        articleKey: 'articles/x.txt',
        certainty: 'planned',
        outcome: 'sent',
        storyId: 't1#2025-11-0a1b2c3d4e',
        title: 'X',
        publishedAt: '2025-11-04',
        matchedAt: '2025-11-04T00:00:00Z',
      }),
      marshall({
        pk: 'ARTICLE#articles/y.txt',
        sk: 'MATCH#t1',
        topicId: 't1',
        articleKey: 'articles/y.txt',
        certainty: 'speculative',
        outcome: 'duplicate',
        title: 'Y',
        publishedAt: '2025-11-03',
        matchedAt: '2025-11-03T00:00:00Z',
      }),
    ];
    dynamo.on(QueryCommand).resolves({ Items: matchItems });
    serveTable(...matchItems);
    const table = await run('matches', '--topic', 'trump-kim-summit');
    expect(table.out).toMatch(/outcome\s*│\s*story\s*│\s*key/);
    expect(table.out).toMatch(/sent\s*│\s*2025-11-0a1b2c3d4e\s*│\s*articles\/x\.txt/);
    const matches = await run('--json', 'matches', '--topic', 'trump-kim-summit', '--certainty', 'planned');
    expect(matches.code, matches.err).toBe(0);
    expect((JSON.parse(matches.out) as { articleKey: string }[]).map((m) => m.articleKey)).toEqual([
      'articles/x.txt',
    ]);
  });
});

describe('matches of a topic that does not exist (deployed)', () => {
  it('says so and lists the topics in force, instead of an empty table', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run('matches', '--topic', 'trump-kim-sumit');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/there is no topic trump-kim-sumit; topics in force: .*trump-kim-summit/);
  });

  it('prints the empty table for a real topic with no matches yet', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run('matches', '--topic', 'trump-kim-summit');
    expect(result.out).toBe('(no matches for trump-kim-summit)\n');
  });
});

describe('upload (deployed)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-upload-'));
    await writeFile(join(dir, 'same.txt'), 'date 2025-10-18 unchanged text');
    await writeFile(join(dir, 'new.md'), '# New\n\nBody.');
    await writeFile(join(dir, 'broken.txt'), 'date 2025-10-18 fails');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts changed files under articles/, skips unchanged ones, counts failures (exit 1)', async () => {
    const md5 = createHash('md5').update('date 2025-10-18 unchanged text').digest('hex');
    s3.on(HeadObjectCommand, { Key: 'articles/same.txt' }).resolves({ ETag: `"${md5}"` });
    s3.on(HeadObjectCommand, { Key: 'articles/new.md' }).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }),
    );
    s3.on(HeadObjectCommand, { Key: 'articles/broken.txt' }).resolves({ ETag: '"other"' });
    s3.on(PutObjectCommand, { Key: 'articles/new.md' }).resolves({});
    s3.on(PutObjectCommand, { Key: 'articles/broken.txt' }).rejects(
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }),
    );
    const result = await run('--json', 'upload', dir, '--concurrency', '2');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      tally: Record<string, number>;
      files: { key: string; status: string; error?: string }[];
    };
    expect(report.tally).toEqual({ uploaded: 1, skipped: 1, failed: 1 });
    expect(report.files.find((f) => f.key === 'articles/broken.txt')).toMatchObject({
      status: 'failed',
      error: 'AccessDenied: Access Denied',
    });
    const put = s3
      .commandCalls(PutObjectCommand)
      .find((call) => call.args[0].input.Key === 'articles/new.md');
    expect(put?.args[0].input).toMatchObject({
      Bucket: 'newswatch-articles-bucket',
      ContentType: 'text/markdown',
    });
  });

  it('prints the tally as text without --json', async () => {
    s3.on(HeadObjectCommand).rejects(
      new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }),
    );
    s3.on(PutObjectCommand).resolves({});
    const result = await run('upload', join(dir, 'new.md'), '--prefix', '2025/10');
    expect(result.code, result.err).toBe(0);
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Key).toBe('articles/2025/10/new.md');
    expect(result.out).toBe('uploaded 1, skipped 0 (unchanged), failed 0\n');
  });
});

describe('subscriptions (deployed)', () => {
  it('subscribes with the filter policy the stack uses and reports pending email confirmation', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:abc` });
    sns.on(GetSubscriptionAttributesCommand).resolves({ Attributes: { PendingConfirmation: 'true' } });
    const result = await run(
      'subscribe',
      '--email',
      'desk@example.com',
      '--topic',
      'trump-kim-summit',
      '--min-certainty',
      'planned',
    );
    expect(result.code, result.err).toBe(0);
    expect(sns.commandCalls(SubscribeCommand)[0]?.args[0].input).toEqual({
      TopicArn: TOPIC,
      Protocol: 'email',
      Endpoint: 'desk@example.com',
      Attributes: {
        FilterPolicy: '{"topic":["trump-kim-summit"],"certainty":["planned","confirmed","denied"]}',
        FilterPolicyScope: 'MessageAttributes',
      },
      ReturnSubscriptionArn: true,
    });
    expect(result.out).toMatch(/pending confirmation/);
    // The address is output, never logged.
    expect(result.err).toBe('');
  });

  it('updates the filter policy of an existing subscription instead of subscribing twice', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({
      Subscriptions: [
        { SubscriptionArn: `${TOPIC}:s1`, Protocol: 'sms', Endpoint: '+447700900123', TopicArn: TOPIC },
      ],
    });
    sns
      .on(GetSubscriptionAttributesCommand)
      .resolves({ Attributes: { FilterPolicy: '{"certainty":["confirmed","denied"]}' } });
    const result = await run('--json', 'subscribe', '--sms', '+447700900123');
    expect(result.code, result.err).toBe(0);
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
    expect(sns.commandCalls(SetSubscriptionAttributesCommand)[0]?.args[0].input).toEqual({
      SubscriptionArn: `${TOPIC}:s1`,
      AttributeName: 'FilterPolicy',
      AttributeValue: '{"certainty":["speculative","conditional","planned","confirmed","denied"]}',
    });
    expect(JSON.parse(result.out)).toMatchObject({ action: 'updated' });
  });

  it('lists subscriptions with topics and minimum; unsubscribes by address; pending ones cannot be removed', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({
      Subscriptions: [
        { SubscriptionArn: `${TOPIC}:s1`, Protocol: 'sms', Endpoint: '+447700900123', TopicArn: TOPIC },
        {
          SubscriptionArn: 'PendingConfirmation',
          Protocol: 'email',
          Endpoint: 'new@example.com',
          TopicArn: TOPIC,
        },
      ],
    });
    sns.on(GetSubscriptionAttributesCommand).resolves({
      Attributes: { FilterPolicy: '{"topic":["trump-kim-summit"],"certainty":["confirmed","denied"]}' },
    });
    sns.on(UnsubscribeCommand).resolves({});
    // The webhooks (Webhook items in the table) are listed too: none here.
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const listed = await run('subscriptions');
    expect(listed.out).toMatch(/│ sms +│ \+447700900123 +│ trump-kim-summit │ confirmed +│/);
    expect(listed.out).toMatch(/│ email +│ new@example\.com +│ all +│ pending confirmation │/);
    const removed = await run('unsubscribe', '+447700900123');
    expect(removed.code, removed.err).toBe(0);
    expect(sns.commandCalls(UnsubscribeCommand)[0]?.args[0].input).toEqual({
      SubscriptionArn: `${TOPIC}:s1`,
    });
    const pending = await run('unsubscribe', 'NEW@example.com');
    expect(pending.code).toBe(1);
    expect(pending.err).toMatch(/pending confirmation/);
    const unknown = await run('unsubscribe', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.err).not.toMatch(/nobody@example\.com/);
  });
});

describe('redrive (deployed)', () => {
  const ingestFailure = {
    version: '1.0',
    requestContext: {
      requestId: 'r1',
      functionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:Newswatch-Ingest:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: { Records: [{ s3: { object: { key: 'articles/my+article.txt' } } }] },
    responsePayload: { errorType: 'Error', errorMessage: 'boom' },
  };
  const alertFailure = {
    requestContext: { functionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:Newswatch-Alert' },
    DDBStreamBatchInfo: {
      shardId: 'shardId-1',
      startSequenceNumber: '100',
      endSequenceNumber: '200',
      streamArn: 'arn:aws:dynamodb:eu-west-2:123456789012:table/Newswatch-Table/stream/2025',
      batchSize: 2,
    },
  };
  const receive = (url: string, bodies: unknown[]) =>
    sqs
      .on(ReceiveMessageCommand, { QueueUrl: url })
      .resolvesOnce({
        Messages: bodies.map((body, i) => ({
          MessageId: `m${i}`,
          ReceiptHandle: `h${i}`,
          Body: JSON.stringify(body),
        })),
      })
      .resolves({ Messages: [] });

  it('re-invokes ingest asynchronously with the original S3 event, then deletes the message', async () => {
    receive(OUTPUTS.IngestDeadLetterQueueUrl, [ingestFailure, { unrelated: true }]);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const result = await run('--json', 'redrive', '--queue', 'ingest');
    const invoke = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(invoke?.FunctionName).toBe('arn:aws:lambda:eu-west-2:123456789012:function:Newswatch-Ingest');
    expect(invoke?.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(invoke?.Payload as Uint8Array))).toEqual(
      ingestFailure.requestPayload,
    );
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle)).toEqual(['h0']);
    // The unrecognised message stays, visible again at once; the run reports it and exits 1.
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: OUTPUTS.IngestDeadLetterQueueUrl, ReceiptHandle: 'h1', VisibilityTimeout: 0 },
    ]);
    const { outcomes } = JSON.parse(result.out) as { outcomes: { subject: string; result: string }[] };
    expect(outcomes.map((o) => [o.subject, o.result])).toEqual([
      ['articles/my article.txt', 'redriven'],
      ['(unknown)', 'left'],
    ]);
    expect(result.code).toBe(1);
  });

  it('redrives the delivery DLQ: each alert envelope back onto the delivery queue, then deleted', async () => {
    const deliveryOutputs = {
      ...OUTPUTS,
      DeliveryDeadLetterQueueUrl: 'https://sqs.eu-west-2.amazonaws.com/123456789012/delivery-dlq',
      DeliveryQueueUrl: 'https://sqs.eu-west-2.amazonaws.com/123456789012/delivery',
    };
    cfn.on(DescribeStacksCommand).resolves(stackWith(deliveryOutputs));
    const envelope = { MessageId: 'sns-1', Message: JSON.stringify({ topicId: 'trump-kim-summit' }) };
    receive(deliveryOutputs.DeliveryDeadLetterQueueUrl, [envelope]);
    sqs.on(SendMessageCommand).resolves({});
    sqs.on(DeleteMessageCommand).resolves({});
    const result = await run('redrive', '--queue', 'delivery');
    expect(result.code, result.err).toBe(0);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: deliveryOutputs.DeliveryQueueUrl,
      MessageBody: JSON.stringify(envelope),
    });
    expect(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: deliveryOutputs.DeliveryDeadLetterQueueUrl,
      ReceiptHandle: 'h0',
    });
    expect(result.out).toMatch(/alert sns-1 \(trump-kim-summit\)/);
  });

  it('--dry-run changes nothing', async () => {
    receive(OUTPUTS.IngestDeadLetterQueueUrl, [ingestFailure]);
    receive(OUTPUTS.AlertDeadLetterQueueUrl, []);
    const result = await run('redrive', '--dry-run');
    expect(result.code, result.err).toBe(0);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(result.out).toMatch(/would-redrive/);
  });

  it('re-reads a failed stream batch and invokes the alert function with its article records', async () => {
    receive(OUTPUTS.AlertDeadLetterQueueUrl, [alertFailure]);
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    const record = (sequence: string, type: string) => ({
      eventID: `e${sequence}`,
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: sequence,
        NewImage: { type: { S: type }, matched: { BOOL: true }, key: { S: `articles/${sequence}.txt` } },
        StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
      },
    });
    streams.on(GetRecordsCommand).resolves({
      Records: [
        record('100', 'Article'),
        record('150', 'Match'),
        record('200', 'Article'),
        record('250', 'Article'),
      ],
      NextShardIterator: 'it-2',
    });
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: new TextEncoder().encode('{"batchItemFailures":[]}') as never,
    });
    const result = await run('redrive', '--queue', 'alert');
    expect(result.code, result.err).toBe(0);
    expect(streams.commandCalls(GetShardIteratorCommand)[0]?.args[0].input).toMatchObject({
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: '100',
      ShardId: 'shardId-1',
    });
    const invoke = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(invoke?.InvocationType).toBe('RequestResponse');
    const event = JSON.parse(new TextDecoder().decode(invoke?.Payload as Uint8Array)) as {
      Records: { eventID: string; eventSource: string }[];
    };
    // Only Article records within the range, as the event source mapping's filter passes them.
    expect(event.Records.map((r) => r.eventID)).toEqual(['e100', 'e200']);
    expect(event.Records[0]?.eventSource).toBe('aws:dynamodb');
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(1);
  });

  it('leaves a batch whose records left the stream, and one the function fails again', async () => {
    receive(OUTPUTS.AlertDeadLetterQueueUrl, [alertFailure]);
    streams
      .on(GetShardIteratorCommand)
      .rejects(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));
    const trimmed = await run('redrive', '--queue', 'alert');
    expect(trimmed.code).toBe(1);
    expect(trimmed.out).toMatch(/no longer in the stream/);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);

    sqs.reset();
    streams.reset();
    receive(OUTPUTS.AlertDeadLetterQueueUrl, [alertFailure]);
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams.on(GetRecordsCommand).resolves({
      Records: [
        {
          eventID: 'e100',
          eventName: 'INSERT',
          dynamodb: { SequenceNumber: '100', NewImage: { type: { S: 'Article' }, matched: { BOOL: true } } },
        },
      ],
    });
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: new TextEncoder().encode('{"errorMessage":"still broken"}') as never,
    });
    const failing = await run('redrive', '--queue', 'alert');
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/the alert function failed again/);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
  });

  it('--local has nothing to redrive and says why (exit 0)', async () => {
    const io = captureIo();
    const code = await runCli(['--local', 'redrive'], {
      io,
      localBackend: ({ stateDir }) => ({
        mode: 'local',
        stateDir,
        stack: () => Promise.reject(new Error('not needed')),
        table: () => Promise.reject(new Error('not needed')),
        bucket: () => Promise.reject(new Error('not needed')),
        alerts: () => Promise.reject(new Error('not needed')),
        close: async () => undefined,
      }),
    });
    expect(code).toBe(0);
    expect(io.out()).toMatch(/no dead-letter queues/);
  });
});

describe('digest (deployed)', () => {
  const digestOutputs = { ...OUTPUTS, DigestFunctionName: 'Newswatch-Digest' };
  const answer = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;

  it('invokes the digest function synchronously with the topics asked for and prints what it sent', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith(digestOutputs));
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: answer({
        day: '2025-11-05',
        sent: [{ topicId: 'fed-rate-decision', stories: 2, matches: 3, messageId: 'm-1' }],
        skipped: [],
      }),
    });

    const result = await run('digest', '--topic', 'fed-rate-decision');

    expect(result.code, result.err).toBe(0);
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe('Newswatch-Digest');
    expect(input?.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({
      topicIds: ['fed-rate-decision'],
    });
    expect(result.out).toMatch(/sent +fed-rate-decision: 2 stories from 3 matches/);
  });

  it('fails with exit 1 and the function’s error when the digest fails', async () => {
    cfn.on(DescribeStacksCommand).resolves(stackWith(digestOutputs));
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: answer({ errorMessage: 'digest failed for fed-rate-decision' }),
    });
    const result = await run('digest');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the digest function failed: .*digest failed for fed-rate-decision/);
  });

  it('a stack without the digest output is a missing prerequisite (exit 2)', async () => {
    const result = await run('digest');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/DigestFunctionName/);
  });
});
