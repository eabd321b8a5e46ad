import { isReprocessKey } from '../contracts/reprocess-window';
import type { IngestArticle } from '../ingest/ingest-article';
import type { ObjectCreated } from '../ingest/s3-event';
import type { AppLogger } from '../runtime/logger';
import {
  ReprocessBatchFailedError,
  emptyCounts,
  reprocessSequencer,
  withinDates,
  type ListedObject,
  type ReprocessBatchEvent,
  type ReprocessCounts,
} from './batch-event';
import type { RematchTopics } from './rematch-topics';

/** Objects of one batch in flight at once: a batch is small and each object is mostly CPU. */
const OBJECT_CONCURRENCY = 4;

export interface ReprocessBatchDependencies {
  ingestArticle: IngestArticle;
  rematchTopics: RematchTopics;
  /** Only keys under it are articles (the ingest function's own prefix). */
  articlesPrefix: string;
  logger: AppLogger;
}

/** A listed object as the ingest use case takes it: what an ObjectCreated event would say. */
const toObjectCreated = (bucket: string, object: ListedObject): ObjectCreated => {
  const eTag = (object.Etag ?? object.ETag)?.replace(/"/g, '');
  return {
    bucket,
    key: object.Key,
    rawKey: object.Key,
    size: object.Size ?? 0,
    ...(eTag ? { eTag } : {}),
    sequencer: reprocessSequencer(object).padStart(32, '0'),
  };
};

/**
 * One Distributed Map batch through the ingest use case (or, with topicsOnly, the topic re-match),
 * object by object, a few at a time. Objects outside the dates or the articles prefix, and folder
 * markers, are skipped. Every object is tried; if some failed transiently the batch throws after
 * the rest were done, so Step Functions retries it and counts it towards the tolerated failures
 * (what was already stored is a stale no-op the second time).
 */
export const createReprocessBatch =
  ({ ingestArticle, rematchTopics, articlesPrefix, logger }: ReprocessBatchDependencies) =>
  async ({ Items, BatchInput }: ReprocessBatchEvent): Promise<ReprocessCounts> => {
    const counts = emptyCounts();
    const wanted = Items.filter((object) => {
      const keep = isReprocessKey(object.Key, articlesPrefix) && withinDates(object, BatchInput);
      if (!keep) counts.skipped++;
      return keep;
    });
    const one = async (object: ListedObject) => {
      counts.processed++;
      try {
        if (BatchInput.topicsOnly === true) {
          const outcome = await rematchTopics({ bucket: BatchInput.bucket, key: object.Key });
          counts[outcome.status]++;
          return;
        }
        const outcome = await ingestArticle(toObjectCreated(BatchInput.bucket, object));
        const written =
          outcome.status === 'stored'
            ? outcome.entries.some((e) => e.write === 'written')
            : outcome.write === 'written';
        if (!written) counts.skipped++;
        else counts[outcome.status]++;
      } catch (error) {
        counts.failed++;
        logger.error('Reprocess of an object failed', { key: object.Key, error });
      }
    };
    for (let i = 0; i < wanted.length; i += OBJECT_CONCURRENCY) {
      await Promise.all(wanted.slice(i, i + OBJECT_CONCURRENCY).map(one));
    }
    logger.info('Reprocess batch done', { ...counts, topicsOnly: BatchInput.topicsOnly === true });
    if (counts.failed > 0) throw new ReprocessBatchFailedError(counts);
    return counts;
  };
