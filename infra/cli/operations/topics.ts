import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DynamoTopicStore } from '../../../functions/adapters/dynamo-topic-store';
import { analyseDocument } from '../../../functions/domain/analyse-article';
import { compileTopics, matchTopics, type TopicMatch } from '../../../functions/domain/topics/match-topics';
import { effectiveTopics, type InvalidStoredTopic } from '../../../functions/domain/topics/topic-catalogue';
import type { Topic } from '../../../functions/domain/topics/topic-schema';
import type { TableAccess } from '../environment';
import { OperationFailedError, UsageError } from '../errors';
import { defaultTopics, readTopicFile } from './topic-file';

export type TopicOrigin = 'default' | 'stored' | 'overridden';

export interface TopicListing {
  topics: (Topic & { origin: TopicOrigin })[];
  invalid: InvalidStoredTopic[];
}

/** The effective topics (defaults merged with the table's) and where each comes from. */
export async function listTopics(table: TableAccess): Promise<TopicListing> {
  const defaults = defaultTopics();
  const stored = await new DynamoTopicStore(table.client, table.tableName).list();
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

export async function addTopics(table: TableAccess, file: string, now = new Date()): Promise<Topic[]> {
  const topics = await readTopicFile(file);
  const store = new DynamoTopicStore(table.client, table.tableName);
  for (const topic of topics) await store.put(topic.id, topic, now.toISOString());
  return topics;
}

export async function removeTopic(table: TableAccess, id: string, now = new Date()): Promise<void> {
  const { topics } = await listTopics(table);
  if (!topics.some((topic) => topic.id === id)) {
    throw new OperationFailedError(`no topic ${id} (see: newswatch topics list)`);
  }
  await new DynamoTopicStore(table.client, table.tableName).remove(id, now.toISOString());
}

export interface TopicTestEntry {
  entryId?: string;
  title: string;
  publishedAt: string | null;
  matches: TopicMatch[];
}

/** What an article would match, analysed exactly as the functions analyse it; nothing is sent. */
export async function testArticle(file: string, topics: Topic[]): Promise<TopicTestEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const compiled = compileTopics(topics);
  return analyseDocument(text, { fileName: basename(file) }).map((entry) => ({
    ...(entry.entryId === undefined ? {} : { entryId: entry.entryId }),
    title: entry.title,
    publishedAt: entry.publishedAt,
    matches: matchTopics(entry.sentences, compiled, entry.publishedAt),
  }));
}
