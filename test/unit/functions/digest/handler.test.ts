import {
  BatchWriteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../support/article-factories';
import { matchRecord } from '../../../support/match-factories';

const dynamo = mockClient(DynamoDBClient);
const sns = mockClient(SNSClient);
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts';

const digestTopic = {
  id: 'rate-decision',
  name: 'Central bank rate decision',
  actors: [{ name: 'Central Bank' }],
  event: { type: 'decision', triggers: ['cut'] },
  delivery: 'digest',
};

type Handler = typeof import('../../../../functions/digest/handler').handler;
let handler: Handler;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ALERTS_TOPIC_ARN', TOPIC_ARN);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../../functions/digest/handler'));
});

beforeEach(() => {
  dynamo.reset();
  sns.reset();
  // gsi1 lists the topics added at run time; the table query reads a topic's digest queue.
  dynamo
    .on(QueryCommand, { IndexName: 'gsi1' })
    .resolves({ Items: [marshall({ topicId: 'rate-decision', definition: JSON.stringify(digestTopic) })] });
  dynamo.on(QueryCommand, { IndexName: undefined }).resolves({ Items: [marshall(matchRecord())] });
  dynamo.on(PutItemCommand).resolves({});
  dynamo.on(UpdateItemCommand).resolves({});
  dynamo.on(BatchWriteItemCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'digest-1' });
});

describe('digest handler', () => {
  it('claims the day, publishes one digest for the digest topic and empties its queue', async () => {
    // Only this topic: seeds/topics.json ships digest topics of its own.
    const run = await handler({ topicIds: ['rate-decision'] }, lambdaContext());

    expect(run.sent).toMatchObject([
      { topicId: 'rate-decision', stories: 1, matches: 1, messageId: 'digest-1' },
    ]);
    const claim = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(claim?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(unmarshall(claim?.Item ?? {})).toMatchObject({ pk: 'DIGEST#rate-decision', status: 'pending' });
    const publish = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish?.MessageAttributes?.kind?.StringValue).toBe('digest');
    expect(JSON.parse(publish?.Message ?? '{}').email).toContain('Bank may cut rates next week');
    expect(dynamo.commandCalls(BatchWriteItemCommand)).toHaveLength(1);
  });

  it('runs only the topics it is asked for', async () => {
    const run = await handler({ topicIds: ['some-other-topic'] }, lambdaContext());
    expect(run.sent).toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('fails the invocation (to be retried) and gives the day back when SNS fails', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('internal'), { name: 'InternalError' }));
    const { DeleteItemCommand } = await import('@aws-sdk/client-dynamodb');
    dynamo.on(DeleteItemCommand).resolves({});

    await expect(handler({ topicIds: ['rate-decision'] }, lambdaContext())).rejects.toThrow(
      /digest failed for rate-decision/,
    );
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(1);
  });
});
