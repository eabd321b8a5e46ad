import topicsFile from '../../seeds/topics.json';
import { createDynamoDbClient, createSnsClient } from '../adapters/aws-clients';
import { createTopicSource } from '../adapters/cached-topic-source';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import { SnsAlertPublisher } from '../adapters/sns-alert-publisher';
import { parseTopics } from '../domain/topics/topic-schema';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadDigestConfig } from './config';
import { createDigestEventHandler } from './handle-digest-event';
import { createSendDigests } from './send-digests';

// Cold start: configuration and default topics are validated once; clients are built once.
const runtime = createFunctionRuntime('newswatch-digest');
const { logger, counter } = runtime;
const config = loadDigestConfig(process.env);
const dynamoDb = runtime.traced(createDynamoDbClient());
const sendDigests = createSendDigests({
  // Once a day: always read the table's topics afresh.
  topics: createTopicSource({
    defaults: parseTopics(topicsFile),
    store: new DynamoTopicStore(dynamoDb, config.tableName),
    logger,
    ttlSeconds: 0,
  }),
  ledger: new DynamoDigestLedger(dynamoDb, config.tableName),
  publisher: new SnsAlertPublisher(runtime.traced(createSnsClient()), config.alertsTopicArn),
  logger,
});

// Invoked by the daily EventBridge schedule, or by `newswatch digest` with `{ "topicIds": [...] }`.
export const handler = lambdaHandler(runtime, createDigestEventHandler({ sendDigests, counter }));
