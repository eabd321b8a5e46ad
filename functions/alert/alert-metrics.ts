import { METRIC, type Counter } from '../runtime/observability';
import type { ChangeOutcome } from './process-article-change';

/** Counts one stream record's outcome: matches by topic and certainty, and what became of them. */
export const countChangeOutcome = (counter: Counter, outcome: ChangeOutcome): void => {
  counter.count(METRIC.articleChanges);
  if (outcome.status !== 'processed') return;
  for (const match of outcome.matches) {
    counter.count(METRIC.topicMatches, 1, { topic: match.topicId, certainty: match.certainty });
  }
  counter.count(METRIC.alertsSent, outcome.sent.length);
  counter.count(METRIC.alertsSuppressed, outcome.duplicates.length);
  counter.count(METRIC.digestQueued, outcome.queued.length);
};

/** A stream record that is not an Article item the ingest function wrote: skipped, never retried. */
export const countMalformedRecord = (counter: Counter): void => {
  counter.count(METRIC.articleChanges);
  counter.count(METRIC.malformedRecords);
};
