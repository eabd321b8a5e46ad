import { lastModifiedDay, withinDays } from '../contracts/reprocess-window';

/**
 * The edge of the reprocess function: one Distributed Map batch as Step Functions sends it. The
 * S3 item reader lists objects as `{Key, Etag, LastModified, Size, StorageClass}` (LastModified in
 * epoch seconds; an inventory manifest or the local runner may give an ISO string), and the
 * state machine adds the execution's options once per batch as `BatchInput`.
 */
export interface ListedObject {
  Key: string;
  Etag?: string;
  ETag?: string;
  LastModified?: number | string;
  /** What an S3 Inventory row calls it (when the inventory includes the field). */
  LastModifiedDate?: string;
  Size?: number;
}

const lastModifiedOf = (object: ListedObject) => object.LastModified ?? object.LastModifiedDate;

export interface ReprocessOptions {
  bucket: string;
  /** Re-match topics only: backfill Match items, no Article write, no alert. */
  topicsOnly?: boolean;
  /** Inclusive `YYYY-MM-DD` bounds on the object's LastModified day (UTC). */
  since?: string;
  until?: string;
}

export interface ReprocessBatchEvent {
  Items: ListedObject[];
  BatchInput: ReprocessOptions;
}

import { emptyCounts, type ReprocessCounts } from '../contracts/reprocess-window';

export { emptyCounts, type ReprocessCounts };

/** Thrown after the whole batch ran when some objects failed transiently: Step Functions retries it. */
export class ReprocessBatchFailedError extends Error {
  override readonly name = 'ReprocessBatchFailedError';
  constructor(readonly counts: ReprocessCounts) {
    super(`${counts.failed} of ${counts.processed} objects failed (a retry rewrites nothing already stored)`);
  }
}

/** A malformed batch (no Items, no bucket): the state machine was built or started wrongly. */
export class MalformedBatchError extends Error {
  override readonly name = 'MalformedBatchError';
}

/** Whether the object's LastModified day is within the options' inclusive bounds. */
export const withinDates = (object: ListedObject, options: Pick<ReprocessOptions, 'since' | 'until'>) =>
  withinDays(lastModifiedDay(lastModifiedOf(object)), options);

/**
 * The sequencer a reprocess writes with: the object's LastModified in milliseconds, as hex padded
 * like S3's. S3's own sequencers (padded the same way) are longer, so a reprocess never replaces
 * what an S3 event recorded for the key and a rerun is stale: it fills in objects the table has
 * nothing for (never ingested, or lost) and is idempotent.
 */
export const reprocessSequencer = (object: ListedObject): string => {
  const value = lastModifiedOf(object);
  const ms = typeof value === 'number' ? value * 1000 : value === undefined ? 0 : Date.parse(value);
  return Math.max(0, Number.isNaN(ms) ? 0 : ms)
    .toString(16)
    .toUpperCase();
};

export const toBatchEvent = (event: unknown): ReprocessBatchEvent => {
  const { Items, BatchInput } = (event ?? {}) as Partial<ReprocessBatchEvent>;
  if (!Array.isArray(Items) || typeof BatchInput?.bucket !== 'string') {
    throw new MalformedBatchError('a reprocess batch needs Items (listed objects) and BatchInput.bucket');
  }
  // The state machine always passes every option (a JSONPath to a missing field fails the run), so
  // the CLI sends "" for no bound.
  const day = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const since = day(BatchInput.since);
  const until = day(BatchInput.until);
  return {
    Items: Items.filter((item) => typeof item?.Key === 'string'),
    BatchInput: {
      bucket: BatchInput.bucket,
      topicsOnly: BatchInput.topicsOnly === true,
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    },
  };
};
