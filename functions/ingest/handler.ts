import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { S3Event } from 'aws-lambda';
import topicsFile from '../../seeds/topics.json';
import { DynamoArticleRepository } from '../adapters/dynamo-article-repository';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import { parseTopics } from '../domain/topics/topic-schema';
import { createTopicSource } from '../adapters/cached-topic-source';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { createDynamoDbClient, createS3Client } from '../adapters/aws-clients';
import { createLogger } from '../runtime/logger';
import { createMetrics, createTracer, powertoolsCounter } from '../runtime/observability';
import { countIngestOutcome } from './ingest-metrics';
import { loadIngestConfig } from './config';
import { createDeleteArticle } from './delete-article';
import { createIngestArticle } from './ingest-article';
import { toObjectEvent } from './s3-event';

// Cold start: configuration is validated and clients are built once per execution environment.
const logger = createLogger('newswatch-ingest');
const metrics = createMetrics('newswatch-ingest');
const tracer = createTracer('newswatch-ingest');
const counter = powertoolsCounter(metrics);
const config = loadIngestConfig(process.env);
const dynamoDb = tracer.captureAWSv3Client(createDynamoDbClient());
const repository = new DynamoArticleRepository(dynamoDb, config.tableName);
const ingestArticle = createIngestArticle({
  // The default topics are validated here, at cold start (a bad topics.json fails loudly); those
  // added at run time are read from the table and re-read every minute.
  topics: createTopicSource({
    defaults: parseTopics(topicsFile),
    store: new DynamoTopicStore(dynamoDb, config.tableName),
    logger,
  }),
  store: new S3ObjectStore(tracer.captureAWSv3Client(createS3Client())),
  repository,
  config,
  logger,
});
const deleteArticle = createDeleteArticle({ repository, config, logger });

const ingest = async (event: S3Event): Promise<void> => {
  // Records are handled one by one; a transient failure throws, Lambda retries the whole event
  // and the records already stored are no-ops the second time (sequencer-conditional writes).
  // ObjectCreated stores an article (or a rejection), ObjectRemoved leaves a tombstone.
  for (const record of event.Records ?? []) {
    const object = toObjectEvent(record);
    if (object.kind === 'other') {
      logger.warn('S3 event of an unhandled type skipped', { eventName: object.eventName });
      continue;
    }
    logger.appendKeys({ objectKey: object.key, eventName: record.eventName });
    countIngestOutcome(
      counter,
      object.kind === 'created' ? await ingestArticle(object) : await deleteArticle(object),
    );
  }
};

export const handler = middy(ingest)
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(injectLambdaContext(logger, { resetKeys: true }));
