import topicsFile from '../../seeds/topics.json';
import { createDynamoDbClient, createS3Client } from '../adapters/aws-clients';
import { createTopicSource } from '../adapters/cached-topic-source';
import { DynamoArticleRepository } from '../adapters/dynamo-article-repository';
import { DynamoMatchRepository } from '../adapters/dynamo-match-repository';
import { DynamoStoryIndex } from '../adapters/dynamo-story-index';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { parseTopics } from '../domain/topics/topic-schema';
import { loadIngestConfig } from '../ingest/config';
import { createIngestArticle } from '../ingest/ingest-article';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { toBatchEvent } from './batch-event';
import { createRematchTopics } from './rematch-topics';
import { createReprocessBatch } from './reprocess-batch';

// Cold start, as the ingest function's: the same configuration, topics, clients and use case.
const runtime = createFunctionRuntime('newswatch-reprocess');
const { logger } = runtime;
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
const matches = new DynamoMatchRepository(dynamoDb, config.tableName);
const rematchTopics = createRematchTopics({ store, articles: repository, matches, topics, config, logger });
const { articlesPrefix } = config;
const reprocess = createReprocessBatch({ ingestArticle, rematchTopics, articlesPrefix, logger });

/** One Distributed Map batch: `{Items, BatchInput}` in, counts out. */
export const handler = lambdaHandler(runtime, (event: unknown) => reprocess(toBatchEvent(event)));
