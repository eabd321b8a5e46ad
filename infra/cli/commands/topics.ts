import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import topicsFile from '../../../seeds/topics.json';
import { DynamoTopicStore } from '../../../functions/adapters/dynamo-topic-store';
import { analyseDocument } from '../../../functions/domain/analyse-article';
import { compileTopics, matchTopics, type TopicMatch } from '../../../functions/domain/topics/match-topics';
import { effectiveTopics, type InvalidStoredTopic } from '../../../functions/domain/topics/topic-catalogue';
import {
  InvalidTopicsError,
  parseTopic,
  parseTopics,
  type Topic,
} from '../../../functions/domain/topics/topic-schema';
import type { TableAccess } from '../environment';
import { OperationFailedError, UsageError } from '../errors';

/** The topics that ship with the code: what the functions use when the table has none. */
export const defaultTopics = (): Topic[] => parseTopics(topicsFile);

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

/** A problem with one topic of a file, every schema error with its path (zod's pretty form). */
export class InvalidTopicFileError extends OperationFailedError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid topic definition\n${problems.join('\n')}`);
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OperationFailedError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads topic definitions from a file: one topic object, an array of them, or `{"topics":[…]}`
 * (the form of seeds/topics.json). Every topic is validated; all problems are reported at once.
 */
export async function readTopicFile(file: string): Promise<Topic[]> {
  const json = await readJson(file);
  const list = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null && Array.isArray((json as { topics?: unknown }).topics)
      ? (json as { topics: unknown[] }).topics
      : [json];
  if (list.length === 0) throw new InvalidTopicFileError(file, ['no topics in the file']);
  const topics: Topic[] = [];
  const problems: string[] = [];
  list.forEach((entry, index) => {
    try {
      topics.push(parseTopic(entry));
    } catch (error) {
      if (!(error instanceof InvalidTopicsError)) throw error;
      const id =
        typeof (entry as { id?: unknown })?.id === 'string' ? ` "${(entry as { id: string }).id}"` : '';
      const label = list.length > 1 || Array.isArray(json) ? `topic ${index + 1}${id}` : `topic${id}`;
      const details = error.message
        .split('\n')
        .slice(1)
        .map((line) => `  ${line}`);
      problems.push(`${label}:`, ...details);
    }
  });
  const seen = new Set<string>();
  for (const topic of topics) {
    if (seen.has(topic.id)) problems.push(`duplicate topic id "${topic.id}"`);
    seen.add(topic.id);
  }
  if (problems.length > 0) throw new InvalidTopicFileError(file, problems);
  return topics;
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
