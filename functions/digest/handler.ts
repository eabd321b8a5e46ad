import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import topicsFile from '../../seeds/topics.json';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import { SnsAlertPublisher } from '../adapters/sns-alert-publisher';
import { parseTopics } from '../domain/topics/topic-schema';
import { createDynamoDbClient, createSnsClient } from '../adapters/aws-clients';
import { createLogger } from '../runtime/logger';
import { METRIC, createMetrics, createTracer, powertoolsCounter } from '../runtime/observability';
import { createTopicSource } from '../adapters/cached-topic-source';
import { loadDigestConfig } from './config';
import { createSendDigests, type DigestRun } from './send-digests';

// Cold start: configuration and default topics are validated once; clients are built once.
const logger = createLogger('newswatch-digest');
const metrics = createMetrics('newswatch-digest');
const tracer = createTracer('newswatch-digest');
const counter = powertoolsCounter(metrics);
const config = loadDigestConfig(process.env);
const dynamoDb = tracer.captureAWSv3Client(createDynamoDbClient());
const sendDigests = createSendDigests({
  topics: createTopicSource({
    defaults: parseTopics(topicsFile),
    store: new DynamoTopicStore(dynamoDb, config.tableName),
    logger,
    // Once a day: always read the table afresh.
    ttlSeconds: 0,
  }),
  ledger: new DynamoDigestLedger(dynamoDb, config.tableName),
  publisher: new SnsAlertPublisher(tracer.captureAWSv3Client(createSnsClient()), config.alertsTopicArn),
  logger,
});

/**
 * Invoked by the daily EventBridge schedule (the event carries nothing we need), or by the CLI
 * with `{ "topicIds": [...] }`. A failure throws, so the asynchronous invocation is retried;
 * topics already sent that day are skipped on the retry.
 */
const digest = async (event: { topicIds?: unknown } | undefined): Promise<DigestRun> => {
  const topicIds = Array.isArray(event?.topicIds)
    ? event.topicIds.filter((id): id is string => typeof id === 'string')
    : undefined;
  counter.count(METRIC.digestRuns);
  const run = await sendDigests(topicIds ? { topicIds } : {});
  for (const sent of run.sent) counter.count(METRIC.digestsSent, 1, { topic: sent.topicId });
  return run;
};

export const handler = middy(digest)
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(injectLambdaContext(logger, { resetKeys: true }));
