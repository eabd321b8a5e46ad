import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsoleStore, queueNameOf } from '../../../../functions/console-queries/console-store';
import { TopicNotFoundError } from '../../../../functions/console-queries/topic-listing';
import { parseTopics } from '../../../../functions/domain/topics/topic-schema';
import { NotFoundError } from '../../../../functions/ports/errors';
import topicsFile from '../../../../seeds/topics.json';

const dynamo = mockClient(DynamoDBClient);
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
const cloudWatch = mockClient(CloudWatchClient);
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts';

const store = (overrides: { deadLetterQueueUrls?: string[]; alarmNamePrefix?: string } = {}) => {
  const warnings: string[] = [];
  const made = createConsoleStore({
    table: { client: new DynamoDBClient({ region: 'eu-west-1' }), tableName: 'table' },
    alerts: { client: new SNSClient({ region: 'eu-west-1' }), topicArn: TOPIC_ARN },
    sqs: new SQSClient({ region: 'eu-west-1' }),
    cloudWatch: new CloudWatchClient({ region: 'eu-west-1' }),
    defaultTopics: parseTopics(topicsFile),
    deadLetterQueueUrls: overrides.deadLetterQueueUrls ?? [],
    ...(overrides.alarmNamePrefix === undefined ? {} : { alarmNamePrefix: overrides.alarmNamePrefix }),
    warn: (message) => warnings.push(message),
  });
  return { store: made, warnings };
};

beforeEach(() => {
  for (const mock of [dynamo, sns, sqs, cloudWatch]) mock.reset();
});

describe('the console store', () => {
  it('names a queue by the last segment of its URL', () => {
    expect(queueNameOf('https://sqs.eu-west-1.amazonaws.com/123456789012/newswatch-ingest-dlq')).toBe(
      'newswatch-ingest-dlq',
    );
  });

  it('asks nothing of SQS or CloudWatch when no queue or alarm prefix is configured (locally)', async () => {
    const { store: local } = store();
    expect(await local.deadLetterQueues()).toEqual([]);
    expect(await local.alarms()).toEqual([]);
    expect(sqs.calls()).toHaveLength(0);
    expect(cloudWatch.calls()).toHaveLength(0);
  });

  it('reports a queue or alarms it cannot read as unknown, and says why in the log', async () => {
    sqs.on(GetQueueAttributesCommand).rejects(new Error('AccessDenied'));
    cloudWatch.on(DescribeAlarmsCommand).rejects(new Error('Throttling'));
    const { store: deployed, warnings } = store({
      deadLetterQueueUrls: ['https://sqs.eu-west-1.amazonaws.com/123456789012/dlq'],
      alarmNamePrefix: 'Newswatch-',
    });
    expect(await deployed.deadLetterQueues()).toEqual([{ name: 'dlq', depth: null }]);
    expect(await deployed.alarms()).toEqual([]);
    expect(warnings).toHaveLength(2);
  });

  it('refuses to remove a topic that is not in force, writing nothing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const removal = store().store.removeTopic('no-such-topic');
    await expect(removal).rejects.toBeInstanceOf(TopicNotFoundError);
    await expect(removal).rejects.toBeInstanceOf(NotFoundError);
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('refuses to remove a subscription it does not have with a NotFoundError', async () => {
    sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    await expect(store().store.unsubscribe(`${TOPIC_ARN}:abc`)).rejects.toBeInstanceOf(NotFoundError);
  });
});
