import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { createDynamoDbClient, createSnsClient } from '../adapters/aws-clients';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoMatchRepository } from '../adapters/dynamo-match-repository';
import { DynamoStoryLedger } from '../adapters/dynamo-story-ledger';
import { SnsAlertPublisher } from '../adapters/sns-alert-publisher';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadAlertConfig } from './config';
import { createRecordHandler } from './handle-record';
import { createProcessArticleChange } from './process-article-change';

// Cold start. No article text and no NLP here: the stream record carries the ingest's matches.
const runtime = createFunctionRuntime('newswatch-alert');
const { logger, counter } = runtime;
const config = loadAlertConfig(process.env);
const dynamoDb = runtime.traced(createDynamoDbClient());
const processArticleChange = createProcessArticleChange({
  ledger: new DynamoStoryLedger(dynamoDb, config.tableName),
  publisher: new SnsAlertPublisher(runtime.traced(createSnsClient()), config.alertsTopicArn),
  matches: new DynamoMatchRepository(dynamoDb, config.tableName),
  digests: new DynamoDigestLedger(dynamoDb, config.tableName),
  logger,
});
const recordHandler = createRecordHandler({ processArticleChange, logger, counter });
const processor = new BatchProcessor(EventType.DynamoDBStreams);

// Failed records are reported one by one (ReportBatchItemFailures), in order.
export const handler = lambdaHandler(
  runtime,
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { processInParallel: false }),
);
