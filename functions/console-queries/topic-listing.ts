import { effectiveTopics, type InvalidStoredTopic } from '../domain/topics/topic-catalogue';
import type { Topic } from '../domain/topics/topic-schema';
import { NotFoundError } from '../ports/errors';
import type { TopicStore } from '../ports/ports';

/** Where a topic in force comes from: the shipped defaults, the table, or the table over a default. */
export type TopicOrigin = 'default' | 'stored' | 'overridden';

export interface TopicListing {
  topics: (Topic & { origin: TopicOrigin })[];
  invalid: InvalidStoredTopic[];
}

/** No topic in force has that id (removing it would only write a pointless tombstone). */
export class TopicNotFoundError extends NotFoundError {
  override readonly name = 'TopicNotFoundError';
  constructor(readonly topicId: string) {
    super(`no topic ${topicId}`);
  }
}

/** The effective topics (defaults merged with the store's) and where each comes from. */
export async function listTopics(store: Pick<TopicStore, 'list'>, defaults: Topic[]): Promise<TopicListing> {
  const stored = await store.list();
  const { topics, invalid } = effectiveTopics(defaults, stored);
  const storedIds = new Set(stored.flatMap((item) => (item.removed === true ? [] : [item.id])));
  const defaultIds = new Set(defaults.map((topic) => topic.id));
  return {
    topics: topics.map((topic) => ({
      ...topic,
      origin: storedIds.has(topic.id) ? (defaultIds.has(topic.id) ? 'overridden' : 'stored') : 'default',
    })),
    invalid,
  };
}

/** Removes a topic in force (a default stays hidden behind a tombstone), or TopicNotFoundError. */
export async function removeTopic(
  store: Pick<TopicStore, 'list' | 'remove'>,
  defaults: Topic[],
  id: string,
  now = new Date(),
): Promise<void> {
  const { topics } = await listTopics(store, defaults);
  if (!topics.some((topic) => topic.id === id)) throw new TopicNotFoundError(id);
  await store.remove(id, now.toISOString());
}
