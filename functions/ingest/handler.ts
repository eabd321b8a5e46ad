import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { DynamoArticleRepository } from '../adapters/dynamo-article-repository';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { createDynamoDbClient, createS3Client } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { loadIngestConfig } from './config';
import { createIngestArticle } from './ingest-article';
import { toObjectCreated } from './s3-event';

// Cold start: configuration is validated and clients are built once per execution environment.
const logger = createLogger('newswatch-ingest');
const config = loadIngestConfig(process.env);
const ingestArticle = createIngestArticle({
  store: new S3ObjectStore(createS3Client()),
  repository: new DynamoArticleRepository(createDynamoDbClient(), config.tableName),
  config,
  logger,
});

const ingest = async (event: S3Event): Promise<void> => {
  // Records are handled one by one; a transient failure throws, Lambda retries the whole event
  // and the records already stored are no-ops the second time (sequencer-conditional writes).
  for (const record of event.Records ?? []) {
    const object = toObjectCreated(record);
    logger.appendKeys({ objectKey: object.key });
    await ingestArticle(object);
  }
};

export const handler = middy(ingest).use(injectLambdaContext(logger, { resetKeys: true }));
