import type { DynamoDBRecord } from 'aws-lambda';
import type { Counter } from '../runtime/observability';
import type { AppLogger } from '../runtime/logger';
import { countChangeOutcome, countMalformedRecord } from './alert-metrics';
import type { ProcessArticleChange } from './process-article-change';
import { MalformedEventError, toArticleChange } from './stream-record';

export interface RecordHandlerDependencies {
  processArticleChange: ProcessArticleChange;
  logger: AppLogger & { removeKeys(keys: string[]): void };
  counter: Counter;
}

/**
 * One stream record through the use case. Every line about it carries the article's S3 key (the
 * story id is on the lines that concern a story), so one search finds an article's whole path. A
 * record that can never succeed is logged, counted and skipped; any other failure is thrown, so
 * the batch reports it and the event source mapping bisects, retries and then dead-letters it.
 */
export const createRecordHandler =
  ({ processArticleChange, logger, counter }: RecordHandlerDependencies) =>
  async (record: DynamoDBRecord): Promise<void> => {
    const articleKey = record.dynamodb?.NewImage?.key?.S;
    if (articleKey) logger.appendKeys({ articleKey });
    try {
      const outcome = await processArticleChange(toArticleChange(record));
      countChangeOutcome(counter, outcome);
      logger.debug('Stream record processed', { eventId: record.eventID, outcome });
    } catch (error) {
      if (!(error instanceof MalformedEventError)) throw error;
      logger.error('Stream record skipped: it can never be processed', { eventId: record.eventID, error });
      countMalformedRecord(counter);
    } finally {
      logger.removeKeys(['articleKey']);
    }
  };
