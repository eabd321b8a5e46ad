import type { S3Event } from 'aws-lambda';
import type { Counter } from '../runtime/observability';
import type { AppLogger } from '../runtime/logger';
import type { DeleteArticle } from './delete-article';
import type { IngestArticle } from './ingest-article';
import { countIngestOutcome } from './ingest-metrics';
import { toObjectEvent } from './s3-event';

export interface S3EventHandlerDependencies {
  ingestArticle: IngestArticle;
  deleteArticle: DeleteArticle;
  logger: AppLogger;
  counter: Counter;
}

/**
 * One S3 notification through the use cases, record by record: ObjectCreated stores an article
 * (or a rejection), ObjectRemoved leaves a tombstone. A transient failure throws and Lambda
 * retries the whole event; the records already stored are no-ops the second time
 * (sequencer-conditional writes).
 */
export const createS3EventHandler =
  ({ ingestArticle, deleteArticle, logger, counter }: S3EventHandlerDependencies) =>
  async (event: S3Event): Promise<void> => {
    for (const object of (event.Records ?? []).map(toObjectEvent)) {
      if (object.kind === 'other') {
        logger.warn('S3 event of an unhandled type skipped', { eventName: object.eventName });
        continue;
      }
      logger.appendKeys({ objectKey: object.key, eventName: object.eventName });
      const outcome = object.kind === 'created' ? await ingestArticle(object) : await deleteArticle(object);
      countIngestOutcome(counter, outcome);
    }
  };
