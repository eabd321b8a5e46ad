import { analyseDocument } from '../domain/analyse-article';
import { compileTopics, matchTopics, type TopicMatch } from '../domain/match-topics';
import type { Topic } from '../domain/topics';
import type { TopicSource } from '../shared/topic-source';
import { decodeArticleBytes } from '../shared/decode-article-bytes';
import { MalformedEventError } from '../shared/errors';
import type { AppLogger } from '../shared/logger';
import { certaintyLevel, storyChange, storyOf } from '../domain/stories';
import {
  ObjectNotFoundError,
  type AlertPublisher,
  type DigestLedger,
  type MatchOutcome,
  type MatchRecord,
  type MatchRepository,
  type ObjectStore,
  type StoryLedger,
} from '../shared/ports';
import { formatAlert } from './format-alert';
import { objectRef } from '../shared/records';

/** The fields of an Article item (a stream image) that alerting needs. */
export interface ArticleImage {
  key: string;
  bucket: string;
  versionId?: string;
  entryId?: string;
  title: string;
  publishedAt: string | null;
  summary: string[];
  contentHash: string;
}

export interface ArticleChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

export type ChangeOutcome =
  | { status: 'ignored'; reason: string }
  | {
      status: 'processed';
      matches: TopicMatch[];
      sent: string[];
      duplicates: string[];
      belowMinimum: string[];
      /** Digest-mode topics: queued for the topic's daily digest instead of sent. */
      queued: string[];
    };

export interface AlertDependencies {
  store: ObjectStore;
  ledger: StoryLedger;
  publisher: AlertPublisher;
  /** Every match is recorded here, alerted or not, for `newswatch matches`. */
  matches: MatchRepository;
  /** Digest-mode matches wait here for the daily digest. */
  digests: DigestLedger;
  /** The tracked topics: a fixed list, or a source that follows the topic store. */
  topics: Topic[] | TopicSource;
  logger: AppLogger;
  now?: () => Date;
  /** A claim older than this may be taken over: the holder crashed between claim and publish. */
  claimLeaseSeconds?: number;
}

const isString = (value: unknown): value is string => typeof value === 'string';

export const toArticleImage = (image: Record<string, unknown> | undefined): ArticleImage => {
  if (!image) throw new MalformedEventError('stream record has no new image');
  const { key, bucket, versionId, entryId, title, publishedAt, summary, contentHash } = image;
  if (!isString(key) || !isString(bucket) || !isString(title) || !isString(contentHash)) {
    throw new MalformedEventError('stream image is not an Article item (key, bucket, title, contentHash)');
  }
  return {
    key,
    bucket,
    ...(isString(versionId) ? { versionId } : {}),
    ...(isString(entryId) ? { entryId } : {}),
    title,
    publishedAt: isString(publishedAt) ? publishedAt : null,
    summary: Array.isArray(summary) ? summary.filter(isString) : [],
    contentHash,
  };
};

/**
 * The alert use case for one change of an Article item: re-read the article's text, match the
 * tracked topics, and send each matching topic's alert at most once per content (claimed in the
 * table before publishing, so redelivered and concurrent records cannot both send).
 */
export const createProcessArticleChange = (deps: AlertDependencies) => {
  const now = deps.now ?? (() => new Date());
  const lease = deps.claimLeaseSeconds ?? 300;
  const { ledger, logger, publisher, store } = deps;
  const topicSource: TopicSource = Array.isArray(deps.topics)
    ? (
        (topics) => async () =>
          topics
      )(deps.topics)
    : deps.topics;
  // Compiled once per list read: the source hands back the same array until the topics change.
  const compiledFor = new WeakMap<Topic[], ReturnType<typeof compileTopics>>();
  const compiledTopics = async () => {
    const topics = await topicSource();
    let compiled = compiledFor.get(topics);
    if (!compiled) {
      compiled = compileTopics(topics);
      compiledFor.set(topics, compiled);
    }
    return compiled;
  };

  return async (change: ArticleChange): Promise<ChangeOutcome> => {
    if (change.eventName === 'REMOVE') return { status: 'ignored', reason: 'article removed' };
    const article = toArticleImage(change.newImage);
    if (change.eventName === 'MODIFY' && change.oldImage?.contentHash === article.contentHash) {
      return { status: 'ignored', reason: 'content unchanged' };
    }

    let bytes: Uint8Array;
    try {
      bytes = await store.getObject(objectRef(article));
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        logger.warn('Article object gone before alerting; nothing to alert on', { key: article.key });
        return { status: 'ignored', reason: 'object deleted' };
      }
      throw error;
    }
    const decoded = decodeArticleBytes(bytes);
    if (!decoded.ok) return { status: 'ignored', reason: `object no longer readable: ${decoded.reason}` };
    // Re-analysed exactly as ingest analysed it; a feed's entry is found again by its id.
    const analysed = analyseDocument(decoded.text, { fileName: article.key }).find(
      (entry) => entry.entryId === article.entryId,
    );
    if (!analysed)
      return { status: 'ignored', reason: `entry ${article.entryId ?? '(single)'} not in the object` };

    const matches = matchTopics(analysed.sentences, await compiledTopics(), analysed.publishedAt, {
      title: analysed.title,
    });
    const sent: string[] = [];
    const duplicates: string[] = [];
    const belowMinimum: string[] = [];
    const queued: string[] = [];

    for (const match of matches) {
      const story = storyOf(match, analysed.dates, analysed.publishedAt);
      const matchedAt = now().toISOString();
      const record = (outcome: MatchOutcome, messageId?: string): MatchRecord => ({
        topicId: match.topicId,
        topicName: match.topicName,
        storyId: story.storyId,
        certainty: match.certainty,
        outcome,
        delivery: match.delivery,
        articleKey: article.key,
        bucket: article.bucket,
        ...(article.versionId ? { versionId: article.versionId } : {}),
        ...(article.entryId ? { entryId: article.entryId } : {}),
        title: article.title,
        summaryLine: analysed.summaryLine,
        ...(analysed.source ? { source: analysed.source } : {}),
        ...(analysed.url ? { url: analysed.url } : {}),
        publishedAt: analysed.publishedAt,
        evidence: match.evidence.map(({ sentence, certainty, cues }) => ({ sentence, certainty, cues })),
        contentHash: article.contentHash,
        matchedAt,
        ...(messageId ? { messageId } : {}),
      });

      if (!match.alerts) {
        belowMinimum.push(match.topicId);
        await deps.matches.saveMatch(record('below-minimum'));
        logger.info('Topic matched below its minimum certainty', {
          topicId: match.topicId,
          certainty: match.certainty,
        });
        continue;
      }
      const claimed = await ledger.claim(
        {
          topicId: match.topicId,
          period: story.period,
          certainty: match.certainty,
          level: certaintyLevel(match.certainty),
          articleKey: article.key,
          contentHash: article.contentHash,
          claimedAt: now().toISOString(),
        },
        lease,
      );
      if (!claimed) {
        duplicates.push(match.topicId);
        await deps.matches.saveMatch(record('duplicate'));
        logger.info('Story already alerted at this certainty', { storyId: story.storyId, key: article.key });
        continue;
      }
      if (match.delivery === 'digest') {
        // The story is claimed like an instant alert, so a digest carries each story once and
        // again only when its certainty changes; the digest function sends the queue daily.
        const queuedMatch = record('digest');
        try {
          await deps.digests.addPending(queuedMatch);
          await deps.matches.saveMatch(queuedMatch);
        } catch (error) {
          await ledger.release(claimed);
          throw error;
        }
        await ledger.markSent(claimed, `digest:${matchedAt}`);
        queued.push(match.topicId);
        logger.info('Match queued for the daily digest', {
          storyId: story.storyId,
          certainty: match.certainty,
        });
        continue;
      }
      const change = storyChange(claimed.previous?.certainty, match.certainty);
      const message = formatAlert(
        match,
        {
          ...article,
          summaryLine: analysed.summaryLine,
          ...(analysed.source ? { source: analysed.source } : {}),
          ...(analysed.url ? { url: analysed.url } : {}),
        },
        {
          storyId: story.storyId,
          // A stale claim taken over, or a repeat after a crash, is still the story's first alert.
          change: change === 'duplicate' ? 'new' : change,
          ...(claimed.previous ? { previousCertainty: claimed.previous.certainty } : {}),
        },
      );
      let messageId: string;
      try {
        messageId = await publisher.publish(message);
      } catch (error) {
        // Give the claim back so the retry of this record can send it.
        await ledger.release(claimed);
        throw error;
      }
      await ledger.markSent(claimed, messageId);
      await deps.matches.saveMatch(record('sent', messageId));
      sent.push(match.topicId);
      logger.info('Alert sent', { storyId: story.storyId, certainty: match.certainty, change, messageId });
    }
    return { status: 'processed', matches, sent, duplicates, belowMinimum, queued };
  };
};

export type ProcessArticleChange = ReturnType<typeof createProcessArticleChange>;
