import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoTopicStore } from '../adapters/dynamo-topic-store';
import type { ArticleTopicMatch } from '../domain/article-matches';
import type { Topic } from '../domain/topics/topic-schema';
import type { DateMention } from '../domain/language/analysis';
import type { SubscriptionChoice } from '../contracts/vocabulary';
import type { AlertsAccess, TableAccess } from './access';
import {
  getArticleItem,
  queryArticleItems,
  queryIndex,
  queryRejections,
  toArticleRow,
  type ArticleQuery,
  type ArticleRow,
  type DateRange,
  type RejectionRow,
} from './article-queries';
import { ARTICLES_GSI_PK } from '../contracts/table-schema';
import {
  listSubscriptions,
  subscribe,
  unsubscribe,
  type SubscribeResult,
  type SubscriptionRow,
} from './sns-subscriptions';
import {
  queryStories,
  queryStoryItems,
  type StoriesQuery,
  type StoryDetail,
  type StorySummary,
} from './story-queries';
import { listTopics, removeTopic, type TopicListing } from './topic-listing';

/** An article as the console lists it: its row, its story and the topics it matched. */
export interface ConsoleArticle extends ArticleRow {
  storyId?: string;
  matches: ArticleTopicMatch[];
}

export interface ConsoleArticleDetail extends ConsoleArticle {
  dates: Pick<DateMention, 'text' | 'value'>[];
}

export interface ConsoleStory {
  detail: StoryDetail;
  /** The matches of each article of the story, by `<key>` or `<key>#<entry id>`. */
  matches: Map<string, ArticleTopicMatch[]>;
}

/** A dead-letter queue's depth; null when it could not be read. */
export interface QueueDepth {
  name: string;
  depth: number | null;
}

/**
 * Everything the console API reads and writes, as one port: the use cases in functions/api take
 * it, and only the API's handler.ts builds it (createConsoleStore) from its clients.
 */
export interface ConsoleStore {
  stories(query: StoriesQuery & { limit: number }): Promise<StorySummary[]>;
  story(storyId: string): Promise<ConsoleStory | undefined>;
  articles(query: ArticleQuery & { limit: number }): Promise<ConsoleArticle[]>;
  article(key: string, entryId?: string): Promise<ConsoleArticleDetail | undefined>;
  /** ingestedAt of the newest article, or null when there is none. */
  lastIngest(): Promise<string | null>;
  rejections(query: DateRange & { limit: number }): Promise<RejectionRow[]>;
  topics(): Promise<TopicListing>;
  /** Adds or replaces a topic (already validated). */
  putTopic(topic: Topic): Promise<void>;
  /** Removes a topic in force; a TopicNotFoundError (a NotFoundError) when there is none. */
  removeTopic(id: string): Promise<void>;
  subscriptions(): Promise<SubscriptionRow[]>;
  subscribe(
    request: { protocol: 'email' | 'sms'; endpoint: string } & SubscriptionChoice,
  ): Promise<SubscribeResult>;
  /** A NotFoundError when no subscription has the ARN, a ConflictError when it awaits confirmation. */
  unsubscribe(subscriptionArn: string): Promise<SubscriptionRow[]>;
  deadLetterQueues(): Promise<QueueDepth[]>;
  alarms(): Promise<{ name: string; state: string }[]>;
}

export interface ConsoleStoreAccess {
  table: TableAccess;
  alerts: AlertsAccess;
  sqs: SQSClient;
  cloudWatch: CloudWatchClient;
  /** The topics that ship with the code (seeds/topics.json). */
  defaultTopics: Topic[];
  deadLetterQueueUrls: readonly string[];
  /** Unset: the alarms are not listed (locally). */
  alarmNamePrefix?: string;
  /** Logs a health read that failed; the health page shows null rather than failing. */
  warn: (message: string, error: unknown) => void;
  now?: () => Date;
}

/** Articles the health check looks through for the newest ingest: the newest by date. */
const LAST_INGEST_SAMPLE = 25;
/** A stack has a handful of alarms; a wrong prefix must not page through an account's thousands. */
const MAX_ALARMS = 100;

const matchesOf = (item: Record<string, unknown>): ArticleTopicMatch[] =>
  Array.isArray(item.matches) ? (item.matches as ArticleTopicMatch[]) : [];

const consoleArticle = (item: Record<string, unknown>): ConsoleArticle => ({
  ...toArticleRow(item),
  ...(typeof item.storyId === 'string' ? { storyId: item.storyId } : {}),
  matches: matchesOf(item),
});

const articleId = (item: { key?: unknown; entryId?: unknown }) =>
  typeof item.entryId === 'string' && item.entryId !== ''
    ? `${String(item.key)}#${item.entryId}`
    : String(item.key);

/** The queue's name: the last segment of its URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
export const queueNameOf = (url: string) => url.replace(/\/+$/, '').split('/').at(-1) ?? url;

export function createConsoleStore(access: ConsoleStoreAccess): ConsoleStore {
  const { table, alerts } = access;
  const topicStore = new DynamoTopicStore(table.client, table.tableName);
  const now = access.now ?? (() => new Date());
  return {
    stories: (query) => queryStories(table, query, now()),
    async story(storyId) {
      const found = await queryStoryItems(table, storyId);
      if (!found) return undefined;
      return {
        detail: found.detail,
        matches: new Map(found.items.map((item) => [articleId(item), matchesOf(item)])),
      };
    },
    articles: async (query) => (await queryArticleItems(table, query)).map(consoleArticle),
    async article(key, entryId) {
      const item = await getArticleItem(table, key, entryId);
      if (!item) return undefined;
      const dates = Array.isArray(item.dates) ? (item.dates as Partial<DateMention>[]) : [];
      return {
        ...consoleArticle(item),
        dates: dates.flatMap((date) =>
          typeof date?.text === 'string' && typeof date.value === 'string'
            ? [{ text: date.text, value: date.value }]
            : [],
        ),
      };
    },
    async lastIngest() {
      const items = await queryIndex(table, ARTICLES_GSI_PK, {}, { limit: LAST_INGEST_SAMPLE });
      const times = items.flatMap((item) => (typeof item.ingestedAt === 'string' ? [item.ingestedAt] : []));
      return times.sort().at(-1) ?? null;
    },
    rejections: (query) => queryRejections(table, query),
    topics: () => listTopics(topicStore, access.defaultTopics),
    putTopic: (topic) => topicStore.put(topic.id, topic, now().toISOString()),
    removeTopic: (id) => removeTopic(topicStore, access.defaultTopics, id, now()),
    subscriptions: () => listSubscriptions(alerts),
    subscribe: (request) => subscribe(alerts, request),
    unsubscribe: (subscriptionArn) => unsubscribe(alerts, subscriptionArn),
    deadLetterQueues: () =>
      Promise.all(
        access.deadLetterQueueUrls.map(async (url): Promise<QueueDepth> => {
          const name = queueNameOf(url);
          try {
            const { Attributes } = await access.sqs.send(
              new GetQueueAttributesCommand({
                QueueUrl: url,
                AttributeNames: ['ApproximateNumberOfMessages'],
              }),
            );
            const depth = Number(Attributes?.ApproximateNumberOfMessages);
            return { name, depth: Number.isFinite(depth) ? depth : null };
          } catch (error) {
            access.warn(`cannot read the depth of ${name}`, error);
            return { name, depth: null };
          }
        }),
      ),
    async alarms() {
      if (access.alarmNamePrefix === undefined || access.alarmNamePrefix === '') return [];
      const alarms: { name: string; state: string }[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await access.cloudWatch.send(
            new DescribeAlarmsCommand({ AlarmNamePrefix: access.alarmNamePrefix, NextToken: token }),
          );
          for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
            alarms.push({ name: alarm.AlarmName ?? '', state: alarm.StateValue ?? 'UNKNOWN' });
          }
          token = page.NextToken;
        } while (token !== undefined && alarms.length < MAX_ALARMS);
      } catch (error) {
        access.warn('cannot describe the alarms', error);
      }
      return alarms.slice(0, MAX_ALARMS).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
