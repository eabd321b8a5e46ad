import type { AppLogger } from '../runtime/logger';
import type { AlertPublisher, DigestLedger } from '../ports/ports';
import type { TopicSource } from '../ports/ports';
import { formatDigest } from '../messages/digest-message';

export interface DigestDependencies {
  topics: TopicSource;
  ledger: DigestLedger;
  publisher: AlertPublisher;
  logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

export interface DigestRun {
  /** The UTC day the digests are for. */
  day: string;
  sent: { topicId: string; stories: number; matches: number; messageId: string }[];
  skipped: { topicId: string; reason: 'nothing-matched' | 'already-sent' }[];
}

/** Some topics' digests could not be sent; the others were. A retry sends only the failed ones. */
export class DigestFailedError extends Error {
  override readonly name = 'DigestFailedError';
  constructor(readonly failures: { topicId: string; error: unknown }[]) {
    super(`digest failed for ${failures.map((f) => f.topicId).join(', ')}`, {
      cause: failures[0]?.error,
    });
  }
}

/**
 * The daily digest: for every digest-mode topic with queued matches, one message with the day's
 * stories; nothing for a topic with none. Each topic's day is claimed with a conditional write
 * before publishing, so the scheduler's retries (or a doubled schedule) send each digest once.
 */
export const createSendDigests = (deps: DigestDependencies) => {
  const now = deps.now ?? (() => new Date());
  const { ledger, logger, publisher } = deps;

  return async (options: { topicIds?: string[] } = {}): Promise<DigestRun> => {
    const at = now().toISOString();
    const day = at.slice(0, 10);
    const run: DigestRun = { day, sent: [], skipped: [] };
    const failures: { topicId: string; error: unknown }[] = [];
    const topics = (await deps.topics()).filter(
      (topic) => topic.delivery === 'digest' && (!options.topicIds || options.topicIds.includes(topic.id)),
    );
    for (const topic of topics) {
      try {
        const pending = await ledger.pending(topic.id, at);
        if (pending.length === 0) {
          // Sent earlier today (its entries left the queue then), or nothing matched at all.
          const sentToday = await ledger.wasSent(topic.id, day);
          run.skipped.push({ topicId: topic.id, reason: sentToday ? 'already-sent' : 'nothing-matched' });
          continue;
        }
        if (!(await ledger.claimDay(topic.id, day, at))) {
          run.skipped.push({ topicId: topic.id, reason: 'already-sent' });
          logger.info('Digest already sent today', { topicId: topic.id, day });
          continue;
        }
        const message = formatDigest(topic, day, pending);
        let messageId: string;
        try {
          messageId = await publisher.publish(message);
        } catch (error) {
          await ledger.release(topic.id, day);
          throw error;
        }
        await ledger.markSent(topic.id, day, messageId, pending);
        const stories = new Set(pending.map((m) => m.storyId)).size;
        run.sent.push({ topicId: topic.id, stories, matches: pending.length, messageId });
        logger.info('Digest sent', { topicId: topic.id, day, stories, matches: pending.length, messageId });
      } catch (error) {
        logger.error('Digest failed', { topicId: topic.id, day, error: String(error) });
        failures.push({ topicId: topic.id, error });
      }
    }
    if (failures.length > 0) throw new DigestFailedError(failures);
    return run;
  };
};
export type SendDigests = ReturnType<typeof createSendDigests>;
