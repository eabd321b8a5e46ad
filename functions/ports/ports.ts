import type { AlertPayload } from '../contracts/webhook';
import type { Certainty, Delivery, MatchOutcome } from '../contracts/vocabulary';
import type { StoredTopic } from '../domain/topics/topic-catalogue';
import type { Topic } from '../domain/topics/topic-schema';
import type { StoryState } from '../domain/stories/story-grouping';
import type { StoryRef } from '../domain/stories/story-identity';
import type { ArticleRecord, DeletionRecord, ObjectRef, RejectionRecord } from './records';

/**
 * Ports the use cases depend on. Adapters in functions/adapters implement them with the AWS SDK;
 * tests may implement them in memory. Nothing here imports AWS.
 */

export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
}

/** An object as read: its bytes and the metadata that says how to read them. */
export interface StoredObject {
  bytes: Uint8Array;
  /** The Content-Type stored with the object (`text/html; charset=windows-1252`), when it has one. */
  contentType?: string;
  /** The Content-Encoding stored with the object (`gzip`), when it has one; the bytes are as stored. */
  contentEncoding?: string;
}

export interface ObjectStore {
  /** The object; throws ObjectNotFoundError when it (or that version) does not exist. */
  getObject(ref: ObjectRef): Promise<StoredObject>;
}

/** `stale`: a newer (or the same) S3 event for this key was already recorded, so nothing was written. */
export type WriteOutcome = 'written' | 'stale';

export interface ArticleRepository {
  saveArticle(article: ArticleRecord): Promise<WriteOutcome>;
  saveRejection(rejection: RejectionRecord): Promise<WriteOutcome>;
}

/** What `reprocess --topics-only` reads of a stored article: the story its matches belong to. */
export interface StoredArticleLookup {
  /** The stored Article item's `storyId`; undefined when the key (or entry) has no Article item. */
  storyIdOf(key: string, entryId?: string): Promise<string | undefined>;
}

/** `removedItems`: feed entries, topic matches and an older rejection removed with the article. */
export interface DeletionOutcome {
  write: WriteOutcome;
  removedItems: number;
}

/** The port the deletion use case needs (implemented by DynamoArticleRepository). */
export interface ArticleDeletionRepository {
  /**
   * Replaces the key's article item(s) with a tombstone and removes what belongs to them, unless
   * a newer event for the key was already recorded (then `stale`, nothing changes).
   */
  markDeleted(deletion: DeletionRecord): Promise<DeletionOutcome>;
}

/** What the story index lists under one key in one month (see functions/domain/stories). */
export interface StoryIndexSlot {
  key: string;
  month: string;
  storyIds: string[];
  /** Bumped by every write of the slot; 0 when it does not exist. A new story's write is conditional on it. */
  version: number;
}

/**
 * Content stories in the table: the index from (key, month) to stories, and each story's state.
 * Writes are conditional, so two Lambdas that see the same event at once cannot both found a
 * story for it: the second finds a slot changed, reads again and joins the first's.
 */
export interface StoryIndex {
  /** The slots of these keys in these months (absent ones as empty, version 0). */
  lookup(keys: readonly string[], months: readonly string[]): Promise<StoryIndexSlot[]>;
  /** The states of these stories; ids with no state are left out. */
  read(storyIds: readonly string[]): Promise<StoryState[]>;
  /**
   * Writes a new story's state on condition that there is none (a founder of the same content may
   * have been first), then lists it under each slot on condition that the slot is still at the
   * version read. False when the state existed (nothing written) or a slot changed (what this
   * call wrote is taken back).
   */
  create(story: StoryState, slots: readonly StoryIndexSlot[]): Promise<boolean>;
  /**
   * Lists the story under `listUnder` (keys it learnt, or its keys in a month it went on into),
   * then writes its new state on condition that it is still at `revision - 1`. False when the
   * story changed meanwhile (the listing stays: a real story is only one more candidate there).
   */
  update(story: StoryState, listUnder: readonly { key: string; month: string }[]): Promise<boolean>;
}

export interface StoryClaim {
  topicId: string;
  /** The content story, or on an item written before content stories its period. */
  story: StoryRef;
  certainty: Certainty;
  /** certaintyLevel(certainty): the ladder a later article must climb to alert again. */
  level: number;
  articleKey: string;
  contentHash: string;
  claimedAt: string;
}

/** A won claim: what the story was before, so the alert can say what changed. */
export interface ClaimedStory {
  claim: StoryClaim;
  /** The random id written with the claim: markSent and release act only while it is still ours. */
  claimId?: string;
  previous?: { certainty: Certainty; articleKey?: string; alertCount?: number };
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
  /**
   * The message id the story's alert went out with, when this same article and content sent it:
   * a record retried after its alert was published (a later step failed) is no duplicate of it.
   */
  sentBy(claim: StoryClaim): Promise<string | undefined>;
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
  /**
   * The alert as data, for the webhook channels (delivered to the SQS subscription that feeds the
   * delivery function); digests have none.
   */
  payload?: AlertPayload;
}

export interface AlertPublisher {
  /** Returns the message id. */
  publish(message: AlertMessage): Promise<string>;
}

/** The tracked topics in force now: the defaults merged with those added at run time. */
export type TopicSource = () => Promise<Topic[]>;

export interface TopicStore {
  /** Every topic item in the table, raw: callers validate definitions (see domain/topic-catalogue). */
  list(): Promise<StoredTopic[]>;
  /** Adds or replaces a topic definition (already validated by the caller). */
  put(id: string, definition: unknown, updatedAt: string): Promise<void>;
  /** Removes a topic: deletes a stored one and leaves a tombstone so a default stays hidden. */
  remove(id: string, updatedAt: string): Promise<void>;
}

/** One article (or feed entry) matching one tracked topic, kept whether or not it alerted. */
export interface MatchRecord {
  topicId: string;
  topicName: string;
  storyId: string;
  certainty: Certainty;
  outcome: MatchOutcome;
  delivery: Delivery;
  articleKey: string;
  bucket: string;
  versionId?: string;
  entryId?: string;
  title: string;
  summaryLine: string;
  source?: string;
  url?: string;
  publishedAt: string | null;
  evidence: { sentence: string; certainty: Certainty; cues: string[] }[];
  contentHash: string;
  matchedAt: string;
  /** The SNS message id when this match sent the alert. */
  messageId?: string;
}

export interface MatchQuery {
  topicId: string;
  /** Inclusive `YYYY-MM-DD` bounds on the article's date (its publication date, else when it matched). */
  from?: string;
  to?: string;
  limit?: number;
}

export interface MatchRepository {
  /**
   * Records a match; one that was sent is never replaced by another outcome for the same content,
   * and a `backfill` match replaces nothing but an earlier backfill (what the alert function
   * recorded stays as it decided).
   */
  saveMatch(match: MatchRecord): Promise<void>;
  /** Newest first. */
  queryMatches(query: MatchQuery): Promise<MatchRecord[]>;
}

export interface DigestLedger {
  /** Queues a digest-mode match for its topic's next digest. */
  addPending(match: MatchRecord): Promise<void>;
  /** Pending matches of a topic queued before `until` (ISO), oldest first. */
  pending(topicId: string, until: string): Promise<MatchRecord[]>;
  /**
   * Claims the day's digest of a topic with a conditional write; false when it was already sent
   * (a retried schedule). The claim is given back with `release` if publishing fails.
   */
  claimDay(topicId: string, day: string, claimedAt: string): Promise<boolean>;
  /** Whether the day's digest of a topic was already sent (or is being sent). */
  wasSent(topicId: string, day: string): Promise<boolean>;
  release(topicId: string, day: string): Promise<void>;
  /** Marks the day sent and removes the pending entries it covered. */
  markSent(topicId: string, day: string, messageId: string, sent: MatchRecord[]): Promise<void>;
}
