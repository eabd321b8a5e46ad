import topicsFile from '../../seeds/topics.json';
import { createDynamoDbClient, createS3Client } from '../adapters/aws-clients';
import { createTopicSource } from '../adapters/cached-topic-source';
import { DynamoArticleRepository } from '../adapters/dynamo-article-repository';
import { DynamoStoryIndex } from '../adapters/dynamo-story-index';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { parseTopics } from '../domain/topics/topic-schema';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadIngestConfig } from './config';
import { createDeleteArticle } from './delete-article';
import { createS3EventHandler } from './handle-s3-event';
import { createIngestArticle } from './ingest-article';

// Cold start: configuration, the default topics (a bad topics.json fails loudly) and clients,
// once per execution environment. Topics added at run time are re-read from the table each minute.
const runtime = createFunctionRuntime('newswatch-ingest');
const { logger, counter } = runtime;
const config = loadIngestConfig(process.env);
const dynamoDb = runtime.traced(createDynamoDbClient());
const repository = new DynamoArticleRepository(dynamoDb, config.tableName);
const topics = createTopicSource({
  defaults: parseTopics(topicsFile),
  store: new DynamoTopicStore(dynamoDb, config.tableName),
  logger,
});
const store = new S3ObjectStore(runtime.traced(createS3Client()));
const stories = new DynamoStoryIndex(dynamoDb, config.tableName);
const ingestArticle = createIngestArticle({ topics, store, repository, stories, config, logger });
const deleteArticle = createDeleteArticle({ repository, config, logger });

export const handler = lambdaHandler(
  runtime,
  createS3EventHandler({ ingestArticle, deleteArticle, logger, counter }),
);
