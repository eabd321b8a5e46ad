import { randomUUID } from 'node:crypto';
import type { Certainty } from '../../../functions/contracts/vocabulary';
import { topicStoryIdOf, type StoryRef } from '../../../functions/domain/stories/story-identity';
import type { StoredTopic } from '../../../functions/domain/topics/topic-catalogue';
import {
  ObjectNotFoundError,
  type AlertMessage,
  type AlertPublisher,
  type ArticleDeletionRepository,
  type ArticleRepository,
  type ClaimedStory,
  type DeletionOutcome,
  type DigestLedger,
  type MatchQuery,
  type MatchRecord,
  type MatchRepository,
  type ObjectStore,
  type StoredObject,
  type StoryClaim,
  type StoryLedger,
  type TopicStore,
  type WriteOutcome,
} from '../../../functions/ports/ports';
import type {
  ArticleRecord,
  DeletionRecord,
  ObjectRef,
  RejectionRecord,
} from '../../../functions/ports/records';
import type { AppLogger } from '../../../functions/runtime/logger';

/**
 * The ports of functions/ports/ports.ts (and the deletion repository of delete-article.ts) in
 * memory, for testing the use cases without the AWS SDK. Each keeps to the contract documented on
 * its interface, as the DynamoDB, S3 and SNS adapters do, and exposes its state for assertions.
 * What only DynamoDB can show (conditional writes racing, lost responses) stays in the
 * integration tests against DynamoDB Local.
 */

/** A failure to inject: the next call of the port's method throws it (once). */
class FailNext {
  private readonly failures: unknown[] = [];
  failNext(error: unknown): void {
    this.failures.push(error);
  }
  protected throwIfFailing(): void {
    if (this.failures.length > 0) throw this.failures.shift();
  }
}

/** Objects by key, every version kept; a read without a version gets the latest, as S3 does. */
export class InMemoryObjectStore extends FailNext implements ObjectStore {
  private readonly objects = new Map<string, ({ versionId?: string } & StoredObject)[]>();
  /** Every read, in order. */
  readonly reads: ObjectRef[] = [];

  /** Stores a version, with the Content-Type and Content-Encoding S3 would keep with it. */
  put(
    ref: ObjectRef,
    content: string | Uint8Array,
    metadata: Pick<StoredObject, 'contentType' | 'contentEncoding'> = {},
  ): void {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const id = `${ref.bucket}/${ref.key}`;
    this.objects.set(id, [
      ...(this.objects.get(id) ?? []),
      { ...(ref.versionId ? { versionId: ref.versionId } : {}), bytes, ...metadata },
    ]);
  }

  async getObject(ref: ObjectRef): Promise<StoredObject> {
    this.reads.push(ref);
    this.throwIfFailing();
    const versions = this.objects.get(`${ref.bucket}/${ref.key}`) ?? [];
    const found = ref.versionId ? versions.find((v) => v.versionId === ref.versionId) : versions.at(-1);
    if (!found) throw new ObjectNotFoundError(`s3://${ref.bucket}/${ref.key} not found`);
    const { versionId: _version, ...stored } = found;
    return stored;
  }
}

type ArticleSlot = { kind: 'article'; record: ArticleRecord } | { kind: 'deleted'; record: DeletionRecord };

/**
 * Articles, feed entries, rejections and tombstones of each S3 key, written only for an event
 * newer than what the key already holds (`stale` otherwise), with the rules of
 * DynamoArticleRepository: a single article and a tombstone share the key's one slot; an entry or
 * a rejection is written only if that slot holds nothing as new; a deletion removes the key's
 * older entries, its older rejection and its topic matches (from `matches`, when given).
 */
export class InMemoryArticleRepository
  extends FailNext
  implements ArticleRepository, ArticleDeletionRepository
{
  private readonly slots = new Map<string, ArticleSlot>();
  private readonly entryRecords = new Map<string, Map<string, ArticleRecord>>();
  private readonly rejections = new Map<string, RejectionRecord>();

  constructor(private readonly options: { matches?: InMemoryMatchRepository } = {}) {
    super();
  }

  /** The key's single article (not a tombstone), or the entry `entryId` of a feed. */
  article(key: string, entryId?: string): ArticleRecord | undefined {
    if (entryId !== undefined) return this.entryRecords.get(key)?.get(entryId);
    const slot = this.slots.get(key);
    return slot?.kind === 'article' ? slot.record : undefined;
  }

  /** The entries of a feed (or JSON list) stored under the key, in the order written. */
  entries(key: string): ArticleRecord[] {
    return [...(this.entryRecords.get(key)?.values() ?? [])];
  }

  rejection(key: string): RejectionRecord | undefined {
    return this.rejections.get(key);
  }

  tombstone(key: string): DeletionRecord | undefined {
    const slot = this.slots.get(key);
    return slot?.kind === 'deleted' ? slot.record : undefined;
  }

  /** Every article and entry stored, of every key. */
  allArticles(): ArticleRecord[] {
    return [
      ...[...this.slots.values()].flatMap((slot) => (slot.kind === 'article' ? [slot.record] : [])),
      ...[...this.entryRecords.values()].flatMap((entries) => [...entries.values()]),
    ];
  }

  private slotIsOlderThan(key: string, sequencer: string): boolean {
    const slot = this.slots.get(key);
    return !slot || slot.record.sequencer < sequencer;
  }

  async saveArticle(article: ArticleRecord): Promise<WriteOutcome> {
    this.throwIfFailing();
    if (!this.slotIsOlderThan(article.key, article.sequencer)) return 'stale';
    if (article.entryId === undefined) {
      this.slots.set(article.key, { kind: 'article', record: article });
      return 'written';
    }
    const entries = this.entryRecords.get(article.key) ?? new Map<string, ArticleRecord>();
    const existing = entries.get(article.entryId);
    if (existing && existing.sequencer >= article.sequencer) return 'stale';
    entries.set(article.entryId, article);
    this.entryRecords.set(article.key, entries);
    // An older tombstone (or single article of the same key) goes with the entry's write.
    this.slots.delete(article.key);
    return 'written';
  }

  async saveRejection(rejection: RejectionRecord): Promise<WriteOutcome> {
    this.throwIfFailing();
    const existing = this.rejections.get(rejection.key);
    if (existing && existing.sequencer >= rejection.sequencer) return 'stale';
    if (!this.slotIsOlderThan(rejection.key, rejection.sequencer)) return 'stale';
    this.rejections.set(rejection.key, rejection);
    return 'written';
  }

  async markDeleted(deletion: DeletionRecord): Promise<DeletionOutcome> {
    this.throwIfFailing();
    const { key, sequencer } = deletion;
    // A permanently deleted version only deletes the article if it is the version stored.
    const versionSpecific = deletion.eventName === 'ObjectRemoved:Delete' && deletion.versionId !== undefined;
    const slot = this.slots.get(key);
    const replaceable =
      !slot ||
      (slot.record.sequencer < sequencer &&
        (!versionSpecific ||
          slot.kind === 'deleted' ||
          slot.record.versionId === undefined ||
          slot.record.versionId === deletion.versionId));
    // This very deletion's tombstone already there (a redelivery): the clean-up still runs.
    const again = slot?.kind === 'deleted' && slot.record.sequencer === sequencer;
    if (!replaceable && !again) return { write: 'stale', removedItems: 0 };
    if (replaceable) this.slots.set(key, { kind: 'deleted', record: deletion });

    const entries = this.entryRecords.get(key) ?? new Map<string, ArticleRecord>();
    const survivor = [...entries.values()].some(
      (entry) => entry.sequencer > sequencer || (versionSpecific && entry.versionId !== deletion.versionId),
    );
    if (survivor) {
      // A newer feed (or another version than the one deleted) is there: no tombstone over it.
      this.slots.delete(key);
      return { write: 'stale', removedItems: 0 };
    }
    let removedItems = 0;
    for (const [entryId, entry] of entries) {
      if (entry.sequencer < sequencer) {
        entries.delete(entryId);
        removedItems++;
      }
    }
    removedItems += this.options.matches?.removeArticle(key) ?? 0;
    const rejection = this.rejections.get(key);
    if (rejection && rejection.sequencer < sequencer) {
      this.rejections.delete(key);
      removedItems++;
    }
    return { write: replaceable ? 'written' : 'stale', removedItems };
  }
}

/** The day a match is filed and queried under (MatchQuery): the article's date, else when it matched. */
const matchDay = (match: MatchRecord) => (match.publishedAt ?? match.matchedAt).slice(0, 10);

/** Matches by article (and entry) and topic: a re-analysed article overwrites its match. */
export class InMemoryMatchRepository extends FailNext implements MatchRepository {
  private readonly matches = new Map<string, MatchRecord>();

  private static idOf(match: Pick<MatchRecord, 'articleKey' | 'topicId' | 'entryId'>) {
    return `${match.articleKey}\u0000${match.entryId ?? ''}\u0000${match.topicId}`;
  }

  /** The match kept for an article (or entry) and topic. */
  match(articleKey: string, topicId: string, entryId?: string): MatchRecord | undefined {
    return this.matches.get(InMemoryMatchRepository.idOf({ articleKey, topicId, entryId }));
  }

  all(): MatchRecord[] {
    return [...this.matches.values()];
  }

  /** Removes an article's matches (what deleting the article does); how many there were. */
  removeArticle(articleKey: string): number {
    const mine = [...this.matches.entries()].filter(([, match]) => match.articleKey === articleKey);
    for (const [id] of mine) this.matches.delete(id);
    return mine.length;
  }

  async saveMatch(match: MatchRecord): Promise<void> {
    this.throwIfFailing();
    const stored = this.matches.get(InMemoryMatchRepository.idOf(match));
    // A sent match stays sent for its content, as DynamoMatchRepository's condition keeps it.
    if (match.outcome !== 'sent' && stored?.outcome === 'sent' && stored.contentHash === match.contentHash)
      return;
    this.matches.set(InMemoryMatchRepository.idOf(match), match);
  }

  async queryMatches(query: MatchQuery): Promise<MatchRecord[]> {
    const sortKey = (match: MatchRecord) => `${matchDay(match)}#${match.articleKey}#${match.entryId ?? ''}`;
    const found = this.all()
      .filter(
        (match) =>
          match.topicId === query.topicId &&
          (query.from === undefined || matchDay(match) >= query.from) &&
          (query.to === undefined || matchDay(match) <= query.to),
      )
      .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
    return query.limit === undefined ? found : found.slice(0, query.limit);
  }
}

/** A story as the ledger keeps it. */
export interface LedgerStory {
  certainty: Certainty;
  level: number;
  status: 'pending' | 'sent';
  claimId: string;
  claimedAt: string;
  articleKey: string;
  contentHash: string;
  alertCount: number;
  previousCertainty?: Certainty;
  messageId?: string;
}

/**
 * Stories by topic and content story (or period, for items of the old form). A claim wins when the story is new, when its certainty climbs the
 * ladder (`level`), when it flips to or from denied, or when the story's claim is still pending
 * past the lease (its holder crashed); otherwise it is a duplicate and returns null. markSent and
 * release act only while the claim is still the story's.
 */
export class InMemoryStoryLedger extends FailNext implements StoryLedger {
  private readonly stories = new Map<string, LedgerStory>();

  private static idOf(claim: { topicId: string; story: StoryRef }) {
    return topicStoryIdOf(claim.topicId, claim.story);
  }

  /** The topic's story: `story` a content story id, or `{ period }` for one of the old form. */
  story(topicId: string, story: string | { period: string }): LedgerStory | undefined {
    const ref: StoryRef = typeof story === 'string' ? { storyId: story } : story;
    return this.stories.get(InMemoryStoryLedger.idOf({ topicId, story: ref }));
  }

  /** Every story of the ledger, by `<topic>#<story id>`. */
  ids(): string[] {
    return [...this.stories.keys()].sort();
  }

  private static isNews(stored: LedgerStory, claim: StoryClaim, leaseSeconds: number): boolean {
    const flips = (stored.certainty === 'denied') !== (claim.certainty === 'denied');
    const climbs = claim.level > stored.level;
    const stale =
      stored.status === 'pending' &&
      Date.parse(stored.claimedAt) < Date.parse(claim.claimedAt) - leaseSeconds * 1000;
    return flips || climbs || stale;
  }

  async claim(claim: StoryClaim, leaseSeconds: number): Promise<ClaimedStory | null> {
    this.throwIfFailing();
    const id = InMemoryStoryLedger.idOf(claim);
    const stored = this.stories.get(id);
    if (stored && !InMemoryStoryLedger.isNews(stored, claim, leaseSeconds)) return null;
    const claimId = randomUUID();
    this.stories.set(id, {
      certainty: claim.certainty,
      level: claim.level,
      status: 'pending',
      claimId,
      claimedAt: claim.claimedAt,
      articleKey: claim.articleKey,
      contentHash: claim.contentHash,
      alertCount: stored?.alertCount ?? 0,
      ...(stored ? { previousCertainty: stored.certainty } : {}),
    });
    if (!stored) return { claim, claimId };
    return {
      claim,
      claimId,
      previous: { certainty: stored.certainty, articleKey: stored.articleKey, alertCount: stored.alertCount },
      restore: { ...stored },
    };
  }

  private mine(claimed: ClaimedStory): LedgerStory | undefined {
    const stored = this.stories.get(InMemoryStoryLedger.idOf(claimed.claim));
    return stored && stored.claimId === claimed.claimId ? stored : undefined;
  }

  async sentBy(claim: StoryClaim): Promise<string | undefined> {
    const stored = this.stories.get(InMemoryStoryLedger.idOf(claim));
    return stored?.status === 'sent' &&
      stored.articleKey === claim.articleKey &&
      stored.contentHash === claim.contentHash
      ? stored.messageId
      : undefined;
  }

  async markSent(claimed: ClaimedStory, messageId: string): Promise<void> {
    this.throwIfFailing();
    const stored = this.mine(claimed);
    // A newer claim already replaced the story: it stands.
    if (!stored) return;
    stored.status = 'sent';
    stored.messageId = messageId;
    stored.alertCount = (claimed.previous?.alertCount ?? 0) + 1;
  }

  async release(claimed: ClaimedStory): Promise<void> {
    this.throwIfFailing();
    if (!this.mine(claimed)) return;
    const id = InMemoryStoryLedger.idOf(claimed.claim);
    if (claimed.restore) this.stories.set(id, { ...(claimed.restore as unknown as LedgerStory) });
    else this.stories.delete(id);
  }
}

/** Records every message; ids are `message-1`, `message-2`… */
export class InMemoryAlertPublisher extends FailNext implements AlertPublisher {
  readonly messages: AlertMessage[] = [];

  async publish(message: AlertMessage): Promise<string> {
    this.throwIfFailing();
    this.messages.push(message);
    return `message-${this.messages.length}`;
  }
}

/** A digest day as the ledger keeps it. */
export interface DigestDay {
  status: 'pending' | 'sent';
  claimedAt: string;
  messageId?: string;
  matchCount?: number;
}

/**
 * Each topic's digest queue, in the order entries matched, and its days: claimed once (a second
 * claim of the day is refused), given back only while still pending, and marked sent with the
 * entries it covered leaving the queue.
 */
export class InMemoryDigestLedger extends FailNext implements DigestLedger {
  private readonly queues = new Map<string, Map<string, MatchRecord>>();
  private readonly days = new Map<string, DigestDay>();

  private static entryOf(match: MatchRecord) {
    return `${match.matchedAt}#${match.articleKey}#${match.entryId ?? ''}`;
  }

  /** What is queued for a topic, oldest first. */
  queued(topicId: string): MatchRecord[] {
    const queue = this.queues.get(topicId) ?? new Map<string, MatchRecord>();
    return [...queue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, match]) => match);
  }

  day(topicId: string, day: string): DigestDay | undefined {
    return this.days.get(`${topicId}#${day}`);
  }

  async addPending(match: MatchRecord): Promise<void> {
    this.throwIfFailing();
    const queue = this.queues.get(match.topicId) ?? new Map<string, MatchRecord>();
    queue.set(InMemoryDigestLedger.entryOf(match), match);
    this.queues.set(match.topicId, queue);
  }

  async pending(topicId: string, until: string): Promise<MatchRecord[]> {
    this.throwIfFailing();
    return this.queued(topicId).filter((match) => match.matchedAt < until);
  }

  async claimDay(topicId: string, day: string, claimedAt: string): Promise<boolean> {
    this.throwIfFailing();
    if (this.days.has(`${topicId}#${day}`)) return false;
    this.days.set(`${topicId}#${day}`, { status: 'pending', claimedAt });
    return true;
  }

  async wasSent(topicId: string, day: string): Promise<boolean> {
    this.throwIfFailing();
    return this.days.has(`${topicId}#${day}`);
  }

  async release(topicId: string, day: string): Promise<void> {
    this.throwIfFailing();
    if (this.days.get(`${topicId}#${day}`)?.status === 'pending') this.days.delete(`${topicId}#${day}`);
  }

  async markSent(topicId: string, day: string, messageId: string, sent: MatchRecord[]): Promise<void> {
    this.throwIfFailing();
    const claimed = this.days.get(`${topicId}#${day}`);
    this.days.set(`${topicId}#${day}`, {
      claimedAt: claimed?.claimedAt ?? '',
      status: 'sent',
      messageId,
      matchCount: sent.length,
    });
    // The sent entries leave the queue; one that matched after the digest was read stays.
    const queue = this.queues.get(topicId);
    for (const match of sent) queue?.delete(InMemoryDigestLedger.entryOf(match));
  }
}

/** Topics added at run time: a definition or a tombstone per id, as stored (not validated). */
export class InMemoryTopicStore extends FailNext implements TopicStore {
  private readonly topics = new Map<string, StoredTopic>();
  /** When each topic was last put or removed. */
  readonly updatedAt = new Map<string, string>();

  async list(): Promise<StoredTopic[]> {
    this.throwIfFailing();
    return [...this.topics.values()];
  }

  async put(id: string, definition: unknown, updatedAt: string): Promise<void> {
    this.throwIfFailing();
    this.topics.set(id, { id, definition });
    this.updatedAt.set(id, updatedAt);
  }

  /** A tombstone rather than a delete, so a default topic of the same id stays hidden. */
  async remove(id: string, updatedAt: string): Promise<void> {
    this.throwIfFailing();
    this.topics.set(id, { id, removed: true });
    this.updatedAt.set(id, updatedAt);
  }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  extra: unknown[];
}

/** A logger that keeps what it is told, for tests that care what a use case reports. */
export const recordingLogger = (): AppLogger & { entries: LogEntry[] } => {
  const entries: LogEntry[] = [];
  const log =
    (level: LogEntry['level']) =>
    (message: unknown, ...extra: unknown[]) => {
      entries.push({ level, message: String(message), extra });
    };
  return {
    entries,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    appendKeys: () => {},
  };
};
