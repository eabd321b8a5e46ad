import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoMatchRepository } from '../adapters/dynamo-match-repository';
import { DynamoStoryLedger } from '../adapters/dynamo-story-ledger';
import { SnsAlertPublisher } from '../adapters/sns-alert-publisher';
import { createDynamoDbClient, createSnsClient } from '../adapters/aws-clients';
import { createLogger } from '../runtime/logger';
import { createMetrics, createTracer, powertoolsCounter } from '../runtime/observability';
import { countChangeOutcome } from './alert-metrics';
import { loadAlertConfig } from './config';
import { createProcessArticleChange, type ArticleChange } from './process-article-change';

// Cold start: configuration is validated and clients are built once per execution environment.
// No article text and no NLP here: the ingest function matched the topics when it analysed the
// article, and the stream record carries the matches.
const logger = createLogger('newswatch-alert');
const metrics = createMetrics('newswatch-alert');
const tracer = createTracer('newswatch-alert');
const counter = powertoolsCounter(metrics);
const config = loadAlertConfig(process.env);
const dynamoDb = tracer.captureAWSv3Client(createDynamoDbClient());
const processArticleChange = createProcessArticleChange({
  ledger: new DynamoStoryLedger(dynamoDb, config.tableName),
  publisher: new SnsAlertPublisher(tracer.captureAWSv3Client(createSnsClient()), config.alertsTopicArn),
  matches: new DynamoMatchRepository(dynamoDb, config.tableName),
  digests: new DynamoDigestLedger(dynamoDb, config.tableName),
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
  // Every line about this record carries the article's S3 key (the story id is on the lines that
  // concern a story), so one search finds an article's whole path through the function.
  const articleKey = record.dynamodb?.NewImage?.key?.S;
  if (articleKey) logger.appendKeys({ articleKey });
  try {
    const outcome = await processArticleChange(toArticleChange(record));
    countChangeOutcome(counter, outcome);
    logger.debug('Stream record processed', { eventId: record.eventID, outcome });
  } finally {
    logger.removeKeys(['articleKey']);
  }
};

// Failed records are reported individually (ReportBatchItemFailures); the event source mapping
// bisects, retries a bounded number of times, then sends the record to the on-failure queue.
const alert = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { processInParallel: false });

export const handler = middy(alert)
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics))
  .use(injectLambdaContext(logger, { resetKeys: true }));
