import type { ConsoleStore } from '../../../functions/console-queries/console-store';
import type { StorySummary } from '../../../functions/console-queries/story-queries';
import type { ConsoleArticle } from '../../../functions/console-queries/console-store';
import type { SubscriptionRow } from '../../../functions/console-queries/sns-subscriptions';
import { parseTopics, type Topic } from '../../../functions/domain/topics/topic-schema';
import { NotFoundError } from '../../../functions/ports/errors';
import topicsFile from '../../../seeds/topics.json';

/** A story summary with the fields a test does not care about filled in. */
export const storySummary = (overrides: Partial<StorySummary> = {}): StorySummary => ({
  storyId: '2025-11-3fa9c1d2e4',
  title: 'Summit planned',
  firstSeen: '2025-11-01',
  lastSeen: '2025-11-02',
  articles: 2,
  copies: 0,
  outlets: ['example.com'],
  certainty: { 'trump-kim-summit': 'planned' },
  ...overrides,
});

export const consoleArticle = (overrides: Partial<ConsoleArticle> = {}): ConsoleArticle => ({
  key: 'articles/001.txt',
  title: 'Summit planned',
  publishedAt: '2025-11-01',
  summary: ['A summit is planned.'],
  entities: { people: ['Kim Jong Un'], organizations: [], places: ['Singapore'] },
  matches: [],
  ...overrides,
});

/**
 * The console store in memory: the API's routes run on it without DynamoDB or SNS. Lists are
 * given newest first and cut at the query's limit, as the DynamoDB store does.
 */
export function inMemoryConsoleStore(
  seed: { stories?: StorySummary[]; articles?: ConsoleArticle[]; subscriptions?: SubscriptionRow[] } = {},
) {
  const stories = seed.stories ?? [];
  const articles = seed.articles ?? [];
  const subscriptions = [...(seed.subscriptions ?? [])];
  const stored = new Map<string, Topic>();
  const removed = new Set<string>();
  const defaults = parseTopics(topicsFile);
  const inForce = () =>
    [...new Map([...defaults, ...stored.values()].map((topic) => [topic.id, topic])).values()]
      .filter((topic) => !removed.has(topic.id))
      .sort((a, b) => a.id.localeCompare(b.id));
  const calls: { limit?: number }[] = [];
  const store: ConsoleStore = {
    async stories(query) {
      calls.push({ limit: query.limit });
      return stories
        .filter((s) => query.topic === undefined || query.topic in s.certainty)
        .slice(0, query.limit);
    },
    async story(storyId) {
      const story = stories.find((s) => s.storyId === storyId);
      if (!story) return undefined;
      return { detail: { ...story, articles: [] }, matches: new Map() };
    },
    async articles(query) {
      calls.push({ limit: query.limit });
      return articles.slice(0, query.limit);
    },
    async article(key, entryId) {
      const found = articles.find((a) => a.key === key && a.entryId === entryId);
      return found ? { ...found, dates: [] } : undefined;
    },
    lastIngest: async () => articles[0]?.ingestedAt ?? null,
    rejections: async () => [],
    topics: async () => ({
      topics: inForce().map((topic) => ({ ...topic, origin: stored.has(topic.id) ? 'stored' : 'default' })),
      invalid: [],
    }),
    async putTopic(topic) {
      stored.set(topic.id, topic);
      removed.delete(topic.id);
    },
    async removeTopic(id) {
      if (!inForce().some((topic) => topic.id === id)) throw new NotFoundError(`no topic ${id}`);
      removed.add(id);
    },
    subscriptions: async () => subscriptions,
    async subscribe(request) {
      const arn = `arn:aws:sns:us-east-1:000000000000:newswatch-alerts-local:${subscriptions.length + 1}`;
      subscriptions.push({
        subscriptionArn: arn,
        protocol: request.protocol,
        endpoint: request.endpoint,
        pendingConfirmation: false,
        topics: request.topics ? [...request.topics] : 'all',
        minimumCertainty: request.minimumCertainty ?? 'speculative',
      });
      return { subscriptionArn: arn, action: 'created', pendingConfirmation: false };
    },
    async unsubscribe(arn) {
      const index = subscriptions.findIndex((row) => row.subscriptionArn === arn);
      if (index < 0) throw new NotFoundError(`no subscription ${arn}`);
      return subscriptions.splice(index, 1);
    },
    deadLetterQueues: async () => [],
    alarms: async () => [],
  };
  return { store, stored, calls };
}
