import { readFile } from 'node:fs/promises';
import { DynamoTopicStore } from '../../../functions/adapters/dynamo-topic-store';
import { analyseUpload } from '../../../functions/domain/analyse-upload';
import type { ArticleTopicMatch } from '../../../functions/domain/article-matches';
import { compileTopics } from '../../../functions/domain/topics/match-topics';
import { effectiveTopics, type InvalidStoredTopic } from '../../../functions/domain/topics/topic-catalogue';
import type { Topic } from '../../../functions/domain/topics/topic-schema';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../functions/contracts/limits';
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
  /** The matches as the Article item would keep them. */
  matches: ArticleTopicMatch[];
}

/**
 * What an article would match, through the ingest function's own analysis (analyse-upload.ts:
 * decoding, the size cap, title and headline, matching), so what is shown is what ingest would
 * store; nothing is sent. A file ingest would reject fails with the rejection's reason.
 */
export async function testArticle(
  file: string,
  topics: Topic[],
  maxBytes = DEFAULT_MAX_ARTICLE_BYTES,
): Promise<TopicTestEntry[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const analysis = analyseUpload({ bytes, key: file }, { maxBytes }, compileTopics(topics));
  if (!analysis.ok) {
    throw new OperationFailedError(
      `${file}: ingest would reject it (${analysis.reason}): ${analysis.detail}`,
    );
  }
  return analysis.entries.map(({ article, matches }) => ({
    ...(article.entryId === undefined ? {} : { entryId: article.entryId }),
    title: article.title,
    publishedAt: article.publishedAt,
    matches,
  }));
}
