import { ITEM_TYPE, SOURCES_GSI_PK, sourceKey } from './table-schema';

/**
 * A followed feed as stored (the Source item of table-schema.ts), defined once: the poller's
 * repository, the CLI's `sources add` and the local twin's `--feeds` all write it through
 * {@link sourceItem}. The rules that change its health are in functions/domain/sources.
 */

export const SOURCE_STATUSES = ['ok', 'failing'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

export interface SourceHealth {
  status: SourceStatus;
  /** ISO time of the first failure in the current run of failures. */
  failingSince?: string;
  lastError?: string;
  /** Failures in a row (0 when ok). */
  failures: number;
  /** ISO time the source is due. */
  nextPollAt: string;
  lastPolledAt?: string;
}

export interface SourceRecord {
  id: string;
  url: string;
  name: string;
  intervalMinutes: number;
  createdAt: string;
  health: SourceHealth;
  /** Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Entries written / already seen at the last successful poll. */
  lastNew?: number;
  lastUnchanged?: number;
  /** The last answer was over the size cap and read only as far as it. */
  lastTruncated?: boolean;
}

/** A source as it is first stored: healthy and due at once. */
export const newSource = (
  fields: Pick<SourceRecord, 'id' | 'url' | 'name' | 'intervalMinutes'>,
  now: Date,
): SourceRecord => ({
  ...fields,
  createdAt: now.toISOString(),
  health: { status: 'ok', failures: 0, nextPollAt: now.toISOString() },
});

/** The table item of a source (unmarshalled): its keys, type and gsi1 listing, then its fields. */
export const sourceItem = (source: SourceRecord): Record<string, unknown> => ({
  ...sourceKey(source.id),
  type: ITEM_TYPE.source,
  gsi1pk: SOURCES_GSI_PK,
  gsi1sk: source.id,
  ...source,
});
