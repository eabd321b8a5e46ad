import { effectiveTopics } from '../domain/topics/topic-catalogue';
import type { Topic } from '../domain/topics/topic-schema';
import type { AppLogger } from '../runtime/logger';
import type { TopicSource, TopicStore } from '../ports/ports';

export interface TopicSourceOptions {
  /** The topics that ship with the code (seeds/topics.json), validated at cold start. */
  defaults: Topic[];
  /** Topics added or removed at run time; absent: the defaults only. */
  store?: TopicStore;
  logger: Pick<AppLogger, 'warn' | 'error'>;
  /** How long a read of the table is reused. Topics change rarely; articles arrive all day. */
  ttlSeconds?: number;
  now?: () => number;
}

/**
 * The tracked topics as of now: the defaults with the table's additions, overrides and removals,
 * re-read at most every `ttlSeconds` per execution environment, so a `topics add` takes effect
 * within a minute without a redeploy. A stored topic that fails validation is logged and skipped
 * (one bad item must not stop every alert). If the table cannot be read, the last good list is
 * used; with none yet, the error propagates and the invocation is retried.
 */
export const createTopicSource = (options: TopicSourceOptions): TopicSource => {
  const ttlMs = (options.ttlSeconds ?? 60) * 1000;
  const now = options.now ?? Date.now;
  const { store, logger } = options;
  let cached: { topics: Topic[]; at: number } | undefined;

  return async () => {
    if (!store) return options.defaults;
    if (cached && now() - cached.at < ttlMs) return cached.topics;
    try {
      const { topics, invalid } = effectiveTopics(options.defaults, await store.list());
      for (const problem of invalid) {
        logger.error('Stored topic is invalid and is ignored', { topicId: problem.id, error: problem.error });
      }
      cached = { topics, at: now() };
      return topics;
    } catch (error) {
      if (!cached) throw error;
      logger.warn('Could not re-read topics; using the last list read', { error: String(error) });
      return cached.topics;
    }
  };
};
