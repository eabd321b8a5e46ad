import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import topicsFile from '../../seeds/topics.json';
import { DynamoStoryLedger } from '../adapters/dynamo-story-ledger';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { SnsAlertPublisher } from '../adapters/sns-alert-publisher';
import { parseTopics } from '../domain/topics';
import { createDynamoDbClient, createS3Client, createSnsClient } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { loadAlertConfig } from './config';
import { createProcessArticleChange, type ArticleChange } from './process-article-change';

// Cold start: topics and configuration are validated here, so a bad topics.json fails the first
// invocation loudly instead of silently matching nothing.
const logger = createLogger('newswatch-alert');
const config = loadAlertConfig(process.env);
const topics = parseTopics(topicsFile);
const dynamoDb = createDynamoDbClient();
const processArticleChange = createProcessArticleChange({
  store: new S3ObjectStore(createS3Client()),
  ledger: new DynamoStoryLedger(dynamoDb, config.tableName),
  publisher: new SnsAlertPublisher(createSnsClient(), config.alertsTopicArn),
  topics,
  logger,
});

type StreamImage = Record<string, AttributeValue>;

export const toArticleChange = (record: DynamoDBRecord): ArticleChange => {
  const image = (value: unknown) => (value ? unmarshall(value as StreamImage) : undefined);
  const newImage = image(record.dynamodb?.NewImage);
  const oldImage = image(record.dynamodb?.OldImage);
  return {
    eventName: record.eventName ?? 'MODIFY',
    ...(newImage ? { newImage } : {}),
    ...(oldImage ? { oldImage } : {}),
  };
};

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const recordHandler = async (record: DynamoDBRecord) => {
  const outcome = await processArticleChange(toArticleChange(record));
  logger.debug('Stream record processed', { eventId: record.eventID, outcome });
};

// Failed records are reported individually (ReportBatchItemFailures); the event source mapping
// bisects, retries a bounded number of times, then sends the record to the on-failure queue.
const alert = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { processInParallel: false });

export const handler = middy(alert).use(injectLambdaContext(logger, { resetKeys: true }));
