import type { ArticleRecord, ObjectRef, RejectionRecord } from './records';

/**
 * Ports the use cases depend on. Adapters in functions/adapters implement them with the AWS SDK;
 * tests may implement them in memory. Nothing here imports AWS.
 */

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
}

export interface ObjectStore {
  /** The object's bytes; throws ObjectNotFoundError when it (or that version) does not exist. */
  getObject(ref: ObjectRef): Promise<Uint8Array>;
}

/** `stale`: a newer (or the same) S3 event for this key was already recorded, so nothing was written. */
export type WriteOutcome = 'written' | 'stale';

export interface ArticleRepository {
  saveArticle(article: ArticleRecord): Promise<WriteOutcome>;
  saveRejection(rejection: RejectionRecord): Promise<WriteOutcome>;
}

export interface AlertClaim {
  topicId: string;
  contentHash: string;
  articleKey: string;
  claimedAt: string;
}

export interface AlertLedger {
  /**
   * Claims the right to send the alert for (topic, content). Returns false when another delivery
   * already sent it or holds a fresh claim; a claim older than the lease can be taken over, so a
   * crash between claim and publish delays the alert instead of losing it.
   */
  claim(claim: AlertClaim, leaseSeconds: number): Promise<boolean>;
  markSent(claim: AlertClaim, messageId: string): Promise<void>;
  release(claim: AlertClaim): Promise<void>;
}

export interface AlertMessage {
  subject: string;
  body: string;
  attributes: Record<string, string>;
}

export interface AlertPublisher {
  /** Returns the message id. */
  publish(message: AlertMessage): Promise<string>;
}
