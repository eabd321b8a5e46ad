import { readFile } from 'node:fs/promises';
import { DynamoTopicStore } from '../../../functions/adapters/dynamo-topic-store';
import { analyseUpload } from '../../../functions/domain/analyse-upload';
import type { ArticleTopicMatch } from '../../../functions/domain/article-matches';
import { compileTopics } from '../../../functions/domain/topics/match-topics';
import {
  TopicNotFoundError,
  listTopics as listEffectiveTopics,
  removeTopic as removeEffectiveTopic,
  type TopicListing,
} from '../../../functions/console-queries/topic-listing';
import type { Topic } from '../../../functions/domain/topics/topic-schema';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../functions/contracts/limits';
import type { TableAccess } from '../environment';
import { OperationFailedError, UsageError } from '../errors';
import { defaultTopics, readTopicFile } from './topic-file';

export type { TopicListing, TopicOrigin } from '../../../functions/console-queries/topic-listing';

const topicStore = (table: TableAccess) => new DynamoTopicStore(table.client, table.tableName);

/** The effective topics (defaults merged with the table's) and where each comes from. */
export const listTopics = (table: TableAccess): Promise<TopicListing> =>
  listEffectiveTopics(topicStore(table), defaultTopics());

export async function addTopics(table: TableAccess, file: string, now = new Date()): Promise<Topic[]> {
  const topics = await readTopicFile(file);
  const store = topicStore(table);
  for (const topic of topics) await store.put(topic.id, topic, now.toISOString());
  return topics;
}

export async function removeTopic(table: TableAccess, id: string, now = new Date()): Promise<void> {
  try {
    await removeEffectiveTopic(topicStore(table), defaultTopics(), id, now);
  } catch (error) {
    if (error instanceof TopicNotFoundError) {
      throw new OperationFailedError(`no topic ${id} (see: newswatch topics list)`);
    }
    throw error;
  }
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
