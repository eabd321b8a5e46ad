import type { ArticleTopicMatch } from '../domain/article-matches';
import { certaintyLevel, storyChange, topicStoryIdOf, type StoryRef } from '../domain/stories/story-identity';
import type { MatchOutcome } from '../contracts/vocabulary';
import type { AppLogger } from '../runtime/logger';
import type { AlertPublisher, DigestLedger, MatchRecord, MatchRepository, StoryLedger } from '../ports/ports';
import { formatAlert } from '../messages/alert-message';

/** What a digest claim is marked sent with: the digest, not a message, carries its story. */
const DIGEST_MARK = 'digest:';

const UNSENT_LOG = {
  'side-mention': 'Topic mentioned on the side, not reported',
  'below-minimum': 'Topic matched below its minimum certainty',
} as const;

/** The fields of an Article item (a stream image) that alerting needs. */
export interface ArticleImage {
  key: string;
  bucket: string;
  versionId?: string;
  entryId?: string;
  title: string;
  publishedAt: string | null;
  summary: string[];
  summaryLine?: string;
  source?: string;
  url?: string;
  contentHash: string;
  /** The content story; absent on items written before content stories (matches name a period). */
  storyId?: string;
  /** A near-copy of an article of its story: listed with it, never alerted. */
  storyRole?: 'original' | 'copy';
  matches: ArticleTopicMatch[];
}

/**
 * One change of an Article item, decoded and validated at the edge (stream-record.ts): a removal,
 * or the article as it is now with the content hash it had before (on a MODIFY).
 */
export type ArticleChange =
  | { eventName: 'REMOVE' }
  | { eventName: 'INSERT' | 'MODIFY'; article: ArticleImage; previousContentHash?: string };

export type ChangeOutcome =
  | { status: 'ignored'; reason: string }
  | {
      status: 'processed';
      matches: ArticleTopicMatch[];
      sent: string[];
      duplicates: string[];
      belowMinimum: string[];
      /** Digest-mode topics: queued for the topic's daily digest instead of sent. */
      queued: string[];
    };

export interface AlertDependencies {
  ledger: StoryLedger;
  publisher: AlertPublisher;
  /** Every match is recorded here, alerted or not, for `newswatch matches`. */
  matches: MatchRepository;
  /** Digest-mode matches wait here for the daily digest. */
  digests: DigestLedger;
  logger: AppLogger;
  now?: () => Date;
  /** A claim older than this may be taken over: the holder crashed between claim and publish. */
  claimLeaseSeconds?: number;
}

/**
 * The alert use case for one change of an Article item: the ingest function matched the article
 * against the tracked topics when it analysed it, so the stream record carries everything. Each
 * match that reaches its topic's minimum claims its story (a conditional write, so redelivered and
 * concurrent records cannot both send) and is published at once or queued for the daily digest.
 * Every match is recorded, whatever became of it.
 */
export const createProcessArticleChange = (deps: AlertDependencies) => {
  const now = deps.now ?? (() => new Date());
  const lease = deps.claimLeaseSeconds ?? 300;
  const { ledger, logger, publisher } = deps;

  return async (change: ArticleChange): Promise<ChangeOutcome> => {
    if (change.eventName === 'REMOVE') return { status: 'ignored', reason: 'article removed' };
    const { article } = change;
    if (change.eventName === 'MODIFY' && change.previousContentHash === article.contentHash) {
      return { status: 'ignored', reason: 'content unchanged' };
    }

    const sent: string[] = [];
    const duplicates: string[] = [];
    const belowMinimum: string[] = [];
    const queued: string[] = [];

    for (const match of article.matches) {
      const story: StoryRef = article.storyId
        ? { storyId: article.storyId }
        : { period: match.period ?? 'undated' };
      const storyId = topicStoryIdOf(match.topicId, story);
      const matchedAt = now().toISOString();
      const record = (outcome: MatchOutcome, messageId?: string): MatchRecord => ({
        topicId: match.topicId,
        topicName: match.topicName,
        storyId,
        certainty: match.certainty,
        outcome,
        delivery: match.delivery,
        articleKey: article.key,
        bucket: article.bucket,
        ...(article.versionId ? { versionId: article.versionId } : {}),
        ...(article.entryId ? { entryId: article.entryId } : {}),
        title: article.title,
        summaryLine: article.summaryLine ?? article.summary[0] ?? article.title,
        ...(article.source ? { source: article.source } : {}),
        ...(article.url ? { url: article.url } : {}),
        publishedAt: article.publishedAt,
        evidence: match.evidence,
        contentHash: article.contentHash,
        matchedAt,
        ...(messageId ? { messageId } : {}),
      });

      // A near-copy of an article of the story is listed with it and never alerts: its original
      // made (or will make) the story's claim with the same text.
      if (article.storyRole === 'copy') {
        duplicates.push(match.topicId);
        await deps.matches.saveMatch(record('duplicate'));
        logger.info('Copy of an article of the story: not alerted', { storyId, key: article.key });
        continue;
      }
      // A side mention never alerts, whatever its certainty; a reported one only at its minimum.
      const unsent = !match.reported ? 'side-mention' : !match.alerts ? 'below-minimum' : null;
      if (unsent) {
        belowMinimum.push(match.topicId);
        await deps.matches.saveMatch(record(unsent));
        logger.info(UNSENT_LOG[unsent], { topicId: match.topicId, certainty: match.certainty });
        continue;
      }
      const claim = {
        topicId: match.topicId,
        story,
        certainty: match.certainty,
        level: certaintyLevel(match.certainty),
        articleKey: article.key,
        contentHash: article.contentHash,
        claimedAt: matchedAt,
      };
      const claimed = await ledger.claim(claim, lease);
      if (!claimed) {
        duplicates.push(match.topicId);
        // This article's own alert, if a later step of its first try failed: the match was sent.
        const sentWith = await ledger.sentBy(claim);
        await deps.matches.saveMatch(
          !sentWith
            ? record('duplicate')
            : sentWith.startsWith(DIGEST_MARK)
              ? record('digest')
              : record('sent', sentWith),
        );
        logger.info('Story already alerted at this certainty', { storyId, key: article.key });
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
        await ledger.markSent(claimed, `${DIGEST_MARK}${matchedAt}`);
        queued.push(match.topicId);
        logger.info('Match queued for the daily digest', { storyId, certainty: match.certainty });
        continue;
      }
      const change = storyChange(claimed.previous?.certainty, match.certainty);
      const message = formatAlert(match, article, {
        storyId,
        // A stale claim taken over, or a repeat after a crash, is still the story's first alert.
        change: change === 'duplicate' ? 'new' : change,
        ...(claimed.previous ? { previousCertainty: claimed.previous.certainty } : {}),
      });
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
      logger.info('Alert sent', { storyId, certainty: match.certainty, change, messageId });
    }
    return { status: 'processed', matches: article.matches, sent, duplicates, belowMinimum, queued };
  };
};

export type ProcessArticleChange = ReturnType<typeof createProcessArticleChange>;
