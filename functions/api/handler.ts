import topicsFile from '../../seeds/topics.json';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoDbClient, createSnsClient } from '../adapters/aws-clients';
import { createConsoleStore } from '../console-queries/console-store';
import { parseTopics } from '../domain/topics/topic-schema';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadApiConfig } from './config';
import { createApiHandler } from './handle-request';

// Cold start: configuration, the default topics and the clients, once per execution environment.
// The topic test's analysis (the NLP model) is imported by its route on first use only.
const runtime = createFunctionRuntime('newswatch-api');
const { logger } = runtime;
const config = loadApiConfig(process.env);
const store = createConsoleStore({
  table: { client: runtime.traced(createDynamoDbClient()), tableName: config.tableName },
  alerts: { client: runtime.traced(createSnsClient()), topicArn: config.alertsTopicArn },
  // Health reads only: two attempts, the page shows what it could not read as unknown.
  sqs: runtime.traced(new SQSClient({ maxAttempts: 2 })),
  cloudWatch: runtime.traced(new CloudWatchClient({ maxAttempts: 2 })),
  defaultTopics: parseTopics(topicsFile),
  deadLetterQueueUrls: config.deadLetterQueueUrls,
  alarmNamePrefix: config.alarmNamePrefix,
  warn: (message, error) => logger.warn(message, { error }),
});
const loadTopicTest = async () => (await import('./topic-test')).testArticleText;

/** API Gateway HTTP API (payload format 2.0, JWT authoriser in front): the console's JSON API. */
export const handler = lambdaHandler(
  runtime,
  createApiHandler({ store, loadTopicTest, maxArticleBytes: config.maxArticleBytes, logger }),
);
