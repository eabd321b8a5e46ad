import { METRIC, type Counter } from '../runtime/observability';
import type { DeleteOutcome } from './delete-article';
import type { IngestOutcome } from './ingest-article';

/**
 * Counts what became of one S3 event: articles stored (a feed counts each entry), rejections by
 * reason, deletions. A redelivered event that changed nothing (a stale write) is not counted again.
 */
export const countIngestOutcome = (counter: Counter, outcome: IngestOutcome | DeleteOutcome): void => {
  counter.count(METRIC.objectEvents);
  switch (outcome.status) {
    case 'stored':
      counter.count(
        METRIC.articlesIngested,
        outcome.entries.filter((entry) => entry.write === 'written').length,
      );
      return;
    case 'rejected':
      if (outcome.write === 'written') counter.count(METRIC.articlesRejected, 1, { reason: outcome.reason });
      return;
    case 'deleted':
      if (outcome.write === 'written') counter.count(METRIC.articlesDeleted);
      return;
    case 'ignored':
      return;
  }
};
