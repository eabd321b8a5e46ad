import { readFile } from 'node:fs/promises';
import topicsFile from '../../../seeds/topics.json';
import {
  InvalidTopicsError,
  parseTopic,
  parseTopics,
  type Topic,
} from '../../../functions/domain/topics/topic-schema';
import { OperationFailedError, UsageError } from '../errors';

/*
 * Topic definitions read from files, validated with the functions' schema. Apart from topics.ts:
 * `analyse` and `topics test --topics-file` need neither the table nor the AWS SDK.
 */

/** The topics that ship with the code: what the functions use when the table has none. */
export const defaultTopics = (): Topic[] => parseTopics(topicsFile);

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
