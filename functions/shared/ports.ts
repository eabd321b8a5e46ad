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

export type StoryCertainty = 'speculative' | 'conditional' | 'planned' | 'confirmed' | 'denied' | 'past';

export interface StoryClaim {
  topicId: string;
  /** `YYYY-MM` or `undated`: see functions/domain/stories.ts. */
  period: string;
  certainty: StoryCertainty;
  /** certaintyLevel(certainty): the ladder a later article must climb to alert again. */
  level: number;
  articleKey: string;
  contentHash: string;
  claimedAt: string;
}

/** A won claim: what the story was before, so the alert can say what changed. */
export interface ClaimedStory {
  claim: StoryClaim;
  previous?: { certainty: StoryCertainty; articleKey?: string; alertCount?: number };
  /** The item as it was, restored if publishing fails. */
  restore?: Record<string, unknown>;
}

export interface StoryLedger {
  /**
   * Claims the right to alert on this story at this certainty. Wins when the story is new, when
   * the certainty climbs or flips to/from denied, or when an earlier claim went stale (its holder
   * crashed between claim and publish). Returns null when the alert would be a duplicate.
   */
  claim(claim: StoryClaim, leaseSeconds: number): Promise<ClaimedStory | null>;
  markSent(claimed: ClaimedStory, messageId: string): Promise<void>;
  /** Gives a claim back after a failed publish, so the retried record can send it. */
  release(claimed: ClaimedStory): Promise<void>;
}

export interface AlertMessage {
  subject: string;
  /** The email (and default) body. */
  body: string;
  /** At most 160 GSM-safe characters: one SMS segment. */
  sms: string;
  attributes: Record<string, string>;
}

export interface AlertPublisher {
  /** Returns the message id. */
  publish(message: AlertMessage): Promise<string>;
}
