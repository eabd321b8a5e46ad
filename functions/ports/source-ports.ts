import type { SourceHealth, SourceRecord } from '../contracts/source-record';

export type { SourceRecord } from '../contracts/source-record';

/**
 * Ports of the feed poller (functions/poller) and of `newswatch sources`. Adapters implement them
 * with DynamoDB, S3 and the SSRF-guarded fetcher; tests implement them in memory.
 */

/** What one poll changed on a source. */
export interface SourcePollUpdate {
  health: SourceHealth;
  etag?: string;
  lastModified?: string;
  lastNew?: number;
  lastUnchanged?: number;
  lastTruncated?: boolean;
}

export class SourceExistsError extends Error {
  override readonly name = 'SourceExistsError';
}

export class SourceNotFoundError extends Error {
  override readonly name = 'SourceNotFoundError';
}

export interface SourceRepository {
  /** Every source, in id order. */
  list(): Promise<SourceRecord[]>;
  get(id: string): Promise<SourceRecord | undefined>;
  /** @throws SourceExistsError when a source with this id (or URL) is there already. */
  add(source: SourceRecord): Promise<void>;
  /** Removes the source and forgets its entries. @throws SourceNotFoundError */
  remove(id: string): Promise<void>;
  recordPoll(id: string, update: SourcePollUpdate): Promise<void>;
  /**
   * Marks an entry of the source as seen, on condition that it was not: true the first time,
   * false ever after, whatever the feed repeats.
   */
  markSeen(id: string, entryHash: string, seenAt: string): Promise<boolean>;
  /** Takes a mark back (the entry's object could not be written: the next poll tries again). */
  unmarkSeen(id: string, entryHash: string): Promise<void>;
}

export interface ObjectWriter {
  putObject(key: string, body: string, contentType: string): Promise<void>;
}

export interface FeedResponse {
  status: number;
  notModified: boolean;
  body: Uint8Array;
  truncated: boolean;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

/** A conditional GET of a feed; throws on a blocked destination, a timeout or a network error. */
export type FeedFetcher = (request: {
  url: string;
  etag?: string;
  lastModified?: string;
}) => Promise<FeedResponse>;
