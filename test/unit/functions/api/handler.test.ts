import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { BatchGetItemCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ApiError,
  HealthView,
  Page,
  StorySummaryView,
} from '../../../../functions/contracts/console-api';
import { httpApiEvent } from '../../../../infra/local/invocation/http-api-event';
import { articleImage, lambdaContext } from '../../../support/article-factories';
import { articleKey } from '../../../../functions/contracts/table-schema';

const dynamo = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);
const cloudWatch = mockClient(CloudWatchClient);
mockClient(SNSClient);
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/newswatch-ingest-dlq';

type Handler = typeof import('../../../../functions/api/handler').handler;
let handler: Handler;

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ALERTS_TOPIC_ARN', 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts');
  vi.stubEnv('DEAD_LETTER_QUEUE_URLS', QUEUE);
  vi.stubEnv('ALARM_NAME_PREFIX', 'Newswatch-');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  ({ handler } = await import('../../../../functions/api/handler'));
});

const story = (title: string) =>
  articleImage({
    ...articleKey('articles/001.txt'),
    key: 'articles/001.txt',
    title,
    publishedAt: '2025-11-01',
    ingestedAt: '2025-11-01T10:00:00.000Z',
    storyId: '2025-11-3fa9c1d2e4',
    storyRole: 'original',
  });

beforeEach(() => {
  dynamo.reset();
  sqs.reset();
  cloudWatch.reset();
});

const get = async (url: string) => {
  const [path, rawQueryString] = url.split('?') as [string, string | undefined];
  const result = await handler(
    httpApiEvent({ method: 'GET', path, ...(rawQueryString ? { rawQueryString } : {}) }),
    lambdaContext(),
  );
  return {
    status: result.statusCode,
    headers: result.headers,
    body: JSON.parse(result.body ?? 'null') as unknown,
  };
};

describe('the API function (DynamoDB, SQS and CloudWatch mocked)', () => {
  it('lists stories from gsi1 ARTICLES, a script in a title kept as a string', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [marshall(story('<script>alert(1)</script>'))] })
      .resolves({ Items: [] });
    const response = await get('/api/stories?from=2025-10-01');
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    const page = response.body as Page<StorySummaryView>;
    expect(page.items).toEqual([
      expect.objectContaining({ storyId: '2025-11-3fa9c1d2e4', title: '<script>alert(1)</script>' }),
    ]);
  });

  it('reads one article by its URL-encoded key, and 404s a missing one', async () => {
    dynamo
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { 'articles-table': [marshall(story('A summit'))] } });
    const found = await get('/api/articles/articles%2F001.txt');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      key: 'articles/001.txt',
      title: 'A summit',
      storyId: '2025-11-3fa9c1d2e4',
    });
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { 'articles-table': [] } });
    expect((await get('/api/articles/articles%2Fnone.txt')).status).toBe(404);
  });

  it('reports dead-letter depths, alarms and the last ingest', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [marshall(story('A summit'))] });
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '3' } });
    cloudWatch
      .on(DescribeAlarmsCommand)
      .resolves({ MetricAlarms: [{ AlarmName: 'Newswatch-IngestErrors', StateValue: 'OK' }] });
    const health = (await get('/api/health')).body as HealthView;
    expect(health).toEqual({
      deadLetterQueues: [{ name: 'newswatch-ingest-dlq', depth: 3 }],
      lastIngest: '2025-11-01T10:00:00.000Z',
      alarms: [{ name: 'Newswatch-IngestErrors', state: 'OK' }],
    });
    expect(cloudWatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toMatchObject({
      AlarmNamePrefix: 'Newswatch-',
    });
  });

  it('shows a queue it cannot read as depth null, and answers 500 without details when DynamoDB fails', async () => {
    dynamo.on(QueryCommand).rejects(new Error('boom'));
    sqs.on(GetQueueAttributesCommand).rejects(new Error('AccessDenied'));
    cloudWatch.on(DescribeAlarmsCommand).resolves({});
    const failed = await get('/api/health');
    expect(failed.status).toBe(500);
    expect((failed.body as ApiError).error).not.toMatch(/boom/);
  });
});
