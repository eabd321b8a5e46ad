/**
 * Which listed objects `newswatch reprocess` takes: shared by the reprocess function (per batch),
 * the CLI's `--dry-run` count and the local runner, so the three cannot disagree.
 */

/**
 * The LastModified day (UTC) of a listed object: Step Functions' S3 reader gives epoch seconds, an
 * SDK listing a Date, the local runner an ISO string. Undefined when absent or unreadable.
 */
export const lastModifiedDay = (value: number | string | Date | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
};

/** Inclusive bounds on the day; an undated object passes only when there are none. */
export const withinDays = (
  day: string | undefined,
  window: { since?: string | undefined; until?: string | undefined },
): boolean => {
  if (!window.since && !window.until) return true;
  if (day === undefined) return false;
  return (!window.since || day >= window.since) && (!window.until || day <= window.until);
};

/** Keys the reprocess takes: under the articles prefix, no folder marker. */
export const isReprocessKey = (key: string, articlesPrefix: string): boolean =>
  key.startsWith(articlesPrefix) && !key.endsWith('/');

/** Objects per batch, deployed (the Map's ItemBatcher) and locally. */
export const REPROCESS_BATCH_SIZE = 20;

/** Per batch, summed by the state machine's result and by the local runner. */
export interface ReprocessCounts {
  /** Objects that reached the use case (not skipped). */
  processed: number;
  /** Article items written, or backfill matches recorded with --topics-only. */
  stored: number;
  rejected: number;
  /** Outside the dates or the prefix, a folder marker, already recorded (stale), or not stored (--topics-only). */
  skipped: number;
  failed: number;
}

export const emptyCounts = (): ReprocessCounts => ({
  processed: 0,
  stored: 0,
  rejected: 0,
  skipped: 0,
  failed: 0,
});
