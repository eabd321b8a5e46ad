import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  analysedArticleImage,
  lambdaContext,
  plainTextArticle,
  SPECULATIVE_SUMMIT,
} from '../../../support/article-factories';
import { streamRecord } from '../../../support/dynamodb-stream-event-factory';

const putItems = () =>
  dynamo.commandCalls(PutItemCommand).map((call) => unmarshall(call.args[0].input.Item ?? {}));

const streamEvent = (...records: ReturnType<typeof streamRecord>[]) => ({ Records: records });

const dynamo = mockClient(DynamoDBClient);
const sns = mockClient(SNSClient);

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts';

const SUMMIT = SPECULATIVE_SUMMIT;
const UNRELATED = plainTextArticle({
  date: '2025-11-02',
  paragraphs: ['The city council approved a new tram line on Monday. Work starts in spring.'],
});

type Handler = typeof import('../../../../functions/alert/handler').handler;

/** Runs `run` and returns the embedded-metric-format lines the function printed meanwhile. */
const withMetricLines = async <T>(run: () => Promise<T>) => {
  const lines: Record<string, unknown>[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (line.startsWith('{"_aws"')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    return true;
  });
  try {
    return { result: await run(), metrics: lines };
  } finally {
    write.mockRestore();
  }
};
let handler: Handler;
/** The Article item of SUMMIT as ingest writes it: its matches included. */
let summit: Record<string, unknown>;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC_ARN);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../../functions/alert/handler'));
  summit = await analysedArticleImage(SUMMIT);
});

beforeEach(() => {
  dynamo.reset();
  sns.reset();
  dynamo.on(PutItemCommand).resolves({});
  // The story ledger reads the story before claiming it: a new story unless a test says otherwise.
  dynamo.on(GetItemCommand).resolves({});
  dynamo.on(UpdateItemCommand).resolves({});
  dynamo.on(DeleteItemCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

describe('alert handler', () => {
  it('publishes one alert per matching topic, claimed first and filterable by topic and certainty', async () => {
    const result = await handler(streamEvent(streamRecord({ newImage: summit })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    const claim = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(claim?.ConditionExpression).toContain('attribute_not_exists(pk)');
    // The topic's item of the article's content story (the factory's story id: its month).
    expect(unmarshall(claim?.Item ?? {})).toMatchObject({
      pk: 'STORY#trump-kim-summit',
      sk: 'CONTENT#2025-11',
      certainty: 'speculative',
      status: 'pending',
    });

    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    const input = publishes[0]?.args[0].input;
    expect(input?.TopicArn).toBe(TOPIC_ARN);
    expect(input?.MessageAttributes?.topic).toEqual({ DataType: 'String', StringValue: 'trump-kim-summit' });
    expect(input?.MessageAttributes?.certainty?.StringValue).toBe('speculative');
    expect(input?.Subject?.length).toBeLessThan(100);
    expect(input?.Subject).toMatch(/^[\x20-\x7e]+$/);
    expect(input?.MessageStructure).toBe('json');
    const bodies = JSON.parse(input?.Message ?? '{}') as Record<string, string>;
    expect(bodies.email).toContain('Donald Trump [could] meet Kim Jong Un');
    expect(bodies.default).toBe(bodies.email);
    expect(bodies.sms?.length).toBeLessThanOrEqual(160);
    expect(input?.MessageAttributes?.storyId?.StringValue).toBe('trump-kim-summit#2025-11');
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(1);

    // The match is recorded after the alert went out, with the message id, queryable by topic and day.
    const saved = putItems().find((item) => item.type === 'Match');
    expect(saved).toMatchObject({
      pk: 'ARTICLE#articles/summit.txt',
      sk: 'MATCH#trump-kim-summit',
      gsi1pk: 'MATCH#trump-kim-summit',
      gsi1sk: '2025-11-02#articles/summit.txt',
      outcome: 'sent',
      messageId: 'message-1',
      storyId: 'trump-kim-summit#2025-11',
      certainty: 'speculative',
    });
  });

  it('does not publish when the story was already alerted at this certainty, and records the duplicate', async () => {
    dynamo.on(GetItemCommand).resolves({
      Item: marshall({
        pk: 'STORY#trump-kim-summit',
        sk: 'PERIOD#2025-11',
        certainty: 'speculative',
        level: 1,
        status: 'sent',
        claimId: 'someone-else',
        claimedAt: '2025-11-02T00:00:00.000Z',
      }),
    });

    const result = await handler(streamEvent(streamRecord({ newImage: summit })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(putItems().filter((item) => item.type === 'Story')).toEqual([]);
    expect(putItems().filter((item) => item.type === 'Match')).toMatchObject([{ outcome: 'duplicate' }]);
  });

  it('loses a race for the story cleanly: the conditional write fails and the story now holds another claim', async () => {
    const other = marshall({
      pk: 'STORY#trump-kim-summit',
      sk: 'PERIOD#2025-11',
      certainty: 'speculative',
      level: 1,
      status: 'pending',
      claimId: 'someone-else',
      claimedAt: new Date().toISOString(),
    });
    dynamo.on(GetItemCommand).resolvesOnce({}).resolves({ Item: other });
    dynamo.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
      if (input.ConditionExpression) {
        throw new ConditionalCheckFailedException({ message: 'exists', $metadata: {} });
      }
      return {};
    });

    const result = await handler(streamEvent(streamRecord({ newImage: summit })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('queues a digest-mode match instead of sending it, and records the match', async () => {
    const matches = (summit.matches as Record<string, unknown>[]).map((match) => ({
      ...match,
      delivery: 'digest',
    }));

    const result = await handler(
      streamEvent(streamRecord({ newImage: { ...summit, matches } })),
      lambdaContext(),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    const items = putItems();
    expect(items.find((item) => item.type === 'DigestPending')).toMatchObject({
      pk: 'DIGEST#trump-kim-summit',
      outcome: 'digest',
    });
    expect(items.find((item) => item.type === 'Match')).toMatchObject({
      outcome: 'digest',
      delivery: 'digest',
    });
    // The story is claimed, so the same story is queued once however many outlets report it.
    expect(items.find((item) => item.type === 'Story')).toMatchObject({ pk: 'STORY#trump-kim-summit' });
  });

  it('records a match below its topic’s minimum certainty without claiming or sending', async () => {
    const matches = (summit.matches as Record<string, unknown>[]).map((match) => ({
      ...match,
      alerts: false,
    }));

    await handler(streamEvent(streamRecord({ newImage: { ...summit, matches } })), lambdaContext());

    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(GetItemCommand)).toHaveLength(0);
    expect(putItems()).toMatchObject([{ type: 'Match', outcome: 'below-minimum' }]);
  });

  it('skips and counts a record whose stored match is malformed instead of retrying it into the DLQ', async () => {
    const bad = streamRecord({ newImage: { ...summit, matches: [{ topicId: 'x' }] } });
    const good = streamRecord({ newImage: summit });
    const { result, metrics } = await withMetricLines(() => handler(streamEvent(bad, good), lambdaContext()));
    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(metrics.filter((line) => line.MalformedRecords === 1)).toHaveLength(1);
  });

  it('reports only the failed record and releases its claim when SNS fails', async () => {
    const ok = streamRecord({
      newImage: { ...summit, key: 'articles/other.txt', contentHash: 'b'.repeat(64) },
    });
    const failing = streamRecord({ newImage: summit });
    sns
      .on(PublishCommand)
      .resolvesOnce({ MessageId: 'm-1' })
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'Throttling' }));

    const result = await handler(streamEvent(ok, failing), lambdaContext());

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: failing.dynamodb?.SequenceNumber }]);
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(1);
  });

  it('ignores a modification that did not change the content', async () => {
    const image = summit;
    await handler(
      streamEvent(
        streamRecord({ eventName: 'MODIFY', newImage: image, oldImage: { ...image, ingestedAt: 'earlier' } }),
      ),
      lambdaContext(),
    );

    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('sends nothing for an article that matches no topic', async () => {
    const unrelated = await analysedArticleImage(UNRELATED);
    expect(unrelated.matches).toEqual([]);

    await handler(streamEvent(streamRecord({ newImage: unrelated })), lambdaContext());

    // No claim and no match item.
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('skips and counts a record whose image is not an article: it can never succeed', async () => {
    const bad = streamRecord({ newImage: { pk: 'x', sk: 'y', type: 'Article' } });
    const good = streamRecord({ newImage: summit });

    const { result, metrics } = await withMetricLines(() => handler(streamEvent(bad, good), lambdaContext()));

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(metrics.filter((line) => line.MalformedRecords === 1)).toHaveLength(1);
  });
});

describe('alert handler on feed entries', () => {
  it('acts on each entry’s own matches: only the entry that matched alerts', async () => {
    const matching = { ...summit, key: 'articles/wire.xml', entryId: 'wire-2', contentHash: 'd'.repeat(64) };
    const other = await analysedArticleImage(UNRELATED, {
      key: 'articles/wire.xml',
      entryId: 'wire-1',
      contentHash: 'c'.repeat(64),
    });

    await handler(
      streamEvent(streamRecord({ newImage: other }), streamRecord({ newImage: matching })),
      lambdaContext(),
    );

    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    expect(publishes[0]?.args[0].input.MessageAttributes?.articleKey?.StringValue).toBe('articles/wire.xml');
    expect(putItems().find((item) => item.type === 'Match')).toMatchObject({
      entryId: 'wire-2',
      sk: expect.stringMatching(/^MATCH#trump-kim-summit#/),
    });
  });
});

describe('alert configuration', () => {
  it('fails at cold start when the topic ARN is not an SNS ARN', async () => {
    vi.resetModules();
    vi.stubEnv('ALERTS_TOPIC_ARN', 'not-an-arn');
    await expect(import('../../../../functions/alert/handler')).rejects.toThrow(/ALERTS_TOPIC_ARN/);
    vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC_ARN);
  });
});
