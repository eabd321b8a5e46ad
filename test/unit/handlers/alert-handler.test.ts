import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { articleImage, lambdaContext, plainTextArticle, s3Body } from '../../support/article-factories';
import { streamRecord } from '../../support/dynamodb-stream-event-factory';

const putItems = () =>
  dynamo.commandCalls(PutItemCommand).map((call) => unmarshall(call.args[0].input.Item ?? {}));

const streamEvent = (...records: ReturnType<typeof streamRecord>[]) => ({ Records: records });

const dynamo = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts';

// Our own text: a possible meeting, introduced in full and then by surname, plus a past meeting.
const SUMMIT = plainTextArticle(
  '2025-11-02',
  'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday. Neither government has confirmed the plan.',
  'Trump and Kim last met in 2019 at Panmunjom.',
);
const UNRELATED = plainTextArticle(
  '2025-11-02',
  'The city council approved a new tram line on Monday. Work starts in spring.',
);

type Handler = typeof import('../../../functions/alert/handler').handler;
let handler: Handler;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC_ARN);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../functions/alert/handler'));
});

beforeEach(() => {
  dynamo.reset();
  s3.reset();
  sns.reset();
  dynamo.on(PutItemCommand).resolves({});
  // The story ledger reads the story before claiming it: a new story unless a test says otherwise.
  dynamo.on(GetItemCommand).resolves({});
  // The topic store: no topics added at run time unless a test says so.
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(UpdateItemCommand).resolves({});
  dynamo.on(DeleteItemCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  s3.on(GetObjectCommand).resolves({ Body: s3Body(SUMMIT) });
});

describe('alert handler', () => {
  it('publishes one alert per matching topic, claimed first and filterable by topic and certainty', async () => {
    const result = await handler(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'newswatch-articles',
      Key: 'articles/summit.txt',
      VersionId: 'v1',
    });
    const claim = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(claim?.ConditionExpression).toContain('attribute_not_exists(pk)');
    // "next week" from 2025-11-02 places the event in November: the story of that month.
    expect(unmarshall(claim?.Item ?? {})).toMatchObject({
      pk: 'STORY#trump-kim-summit',
      sk: 'PERIOD#2025-11',
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

    const result = await handler(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

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

    const result = await handler(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('queues a digest-mode topic added at run time instead of sending it, and records the match', async () => {
    const digestTopic = {
      id: 'border-meeting',
      name: 'Leaders meet at the border',
      actors: [{ name: 'Donald Trump' }, { name: 'Kim Jong Un' }],
      event: { type: 'meeting', triggers: ['meet'] },
      delivery: 'digest',
    };
    dynamo.on(QueryCommand).resolves({
      Items: [
        marshall({ topicId: 'trump-kim-summit', removed: true }),
        marshall({ topicId: 'border-meeting', definition: JSON.stringify(digestTopic) }),
      ],
    });
    vi.resetModules();
    const fresh = (await import('../../../functions/alert/handler')).handler;

    const result = await fresh(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    // The default topic was removed at run time, the digest topic queues: nothing is published.
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    const items = putItems();
    expect(items.find((item) => item.type === 'DigestPending')).toMatchObject({
      pk: 'DIGEST#border-meeting',
      topicId: 'border-meeting',
      outcome: 'digest',
    });
    expect(items.find((item) => item.type === 'Match')).toMatchObject({
      sk: 'MATCH#border-meeting',
      outcome: 'digest',
      delivery: 'digest',
    });
    // The story is claimed, so the same story is queued once however many outlets report it.
    expect(items.find((item) => item.type === 'Story')).toMatchObject({ pk: 'STORY#border-meeting' });
  });

  it('ignores a stored topic that fails validation and still alerts on the others', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [marshall({ topicId: 'broken', definition: JSON.stringify({ id: 'broken', actors: [] }) })],
    });
    vi.resetModules();
    const fresh = (await import('../../../functions/alert/handler')).handler;

    const result = await fresh(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('reports only the failed record and releases its claim when SNS fails', async () => {
    const ok = streamRecord({
      newImage: articleImage({ key: 'articles/other.txt', contentHash: 'b'.repeat(64) }),
    });
    const failing = streamRecord({ newImage: articleImage() });
    sns
      .on(PublishCommand)
      .resolvesOnce({ MessageId: 'm-1' })
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'Throttling' }));

    const result = await handler(streamEvent(ok, failing), lambdaContext());

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: failing.dynamodb?.SequenceNumber }]);
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(1);
  });

  it('ignores a modification that did not change the content, without reading S3', async () => {
    const image = articleImage();
    await handler(
      streamEvent(
        streamRecord({ eventName: 'MODIFY', newImage: image, oldImage: { ...image, ingestedAt: 'earlier' } }),
      ),
      lambdaContext(),
    );

    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('sends nothing for an article that matches no topic', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(UNRELATED) });

    await handler(streamEvent(streamRecord({ newImage: articleImage() })), lambdaContext());

    // No claim and no match item.
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('reports a record whose image is not an article as failed, so it ends in the DLQ', async () => {
    const bad = streamRecord({ newImage: { pk: 'x', sk: 'y', type: 'Article' } });
    const good = streamRecord({ newImage: articleImage() });

    const result = await handler(streamEvent(bad, good), lambdaContext());

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: bad.dynamodb?.SequenceNumber }]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});

describe('alert handler on feed entries', () => {
  const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><guid>wire-1</guid><title>Tram line approved</title><pubDate>Sun, 02 Nov 2025 09:00:00 GMT</pubDate>
      <description>The city council approved a new tram line on Monday. Work starts in spring.</description></item>
    <item><guid>wire-2</guid><title>Leaders may meet</title><pubDate>Sun, 02 Nov 2025 10:00:00 GMT</pubDate>
      <description>Donald Trump could meet Kim Jong Un at the border next week, two diplomats said. Neither side has confirmed it.</description></item>
  </channel></rss>`;

  it('matches the entry the stream record names, not the whole feed', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(FEED) });

    await handler(
      streamEvent(
        streamRecord({
          newImage: articleImage({
            key: 'articles/wire.xml',
            entryId: 'wire-1',
            contentHash: 'c'.repeat(64),
          }),
        }),
        streamRecord({
          newImage: articleImage({
            key: 'articles/wire.xml',
            entryId: 'wire-2',
            contentHash: 'd'.repeat(64),
          }),
        }),
      ),
      lambdaContext(),
    );

    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(1);
    expect(JSON.parse(publishes[0]?.args[0].input.Message ?? '{}').email).toContain(
      'Donald Trump [could] meet Kim Jong Un',
    );
  });

  it('ignores a record whose entry is no longer in the object', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(FEED) });

    const result = await handler(
      streamEvent(streamRecord({ newImage: articleImage({ key: 'articles/wire.xml', entryId: 'gone' }) })),
      lambdaContext(),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('alert configuration', () => {
  it('fails at cold start when the topic ARN is not an SNS ARN', async () => {
    vi.resetModules();
    vi.stubEnv('ALERTS_TOPIC_ARN', 'not-an-arn');
    await expect(import('../../../functions/alert/handler')).rejects.toThrow(/ALERTS_TOPIC_ARN/);
    vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC_ARN);
  });
});
