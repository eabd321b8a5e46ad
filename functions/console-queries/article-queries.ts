import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoMatchRepository } from '../adapters/dynamo-match-repository';
import { getItemsByKey, queryItems, type ItemKey } from '../adapters/query-items';
import type { Certainty } from '../contracts/vocabulary';
import type { MatchRecord } from '../ports/ports';
import { ARTICLES_GSI_PK, GSI1, ITEM_TYPE, REJECTIONS_GSI_PK, articleKey } from '../contracts/table-schema';
import type { TableAccess } from './access';

/**
 * Read-only queries of the table for the CLI's `articles`, `rejections` and `matches` and the
 * console API's lists, newest first. Dates
 * are inclusive `YYYY-MM-DD` bounds on the start of the gsi1 sort key (`<date or time>#<key>`).
 */

export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * The sort-key bounds of an inclusive day range. Sort keys continue after the day (`T10:00Z#…` or
 * `#articles/…`), so the upper bound is the day followed by U+FFFF, which sorts after all of them.
 */
export const sortKeyBounds = (range: DateRange) => ({
  from: range.from ?? '0000',
  to: `${range.to ?? '9999'}\uffff`,
});

/**
 * Pages through one gsi1 partition, newest first, until `limit` items pass `keep` (or the
 * partition ends).
 */
export async function queryIndex(
  table: TableAccess,
  partition: string,
  range: DateRange,
  options: { limit?: number; keep?: (item: Record<string, unknown>) => boolean } = {},
): Promise<Record<string, unknown>[]> {
  const bounds = sortKeyBounds(range);
  return queryItems(
    table.client,
    {
      TableName: table.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
      ExpressionAttributeValues: marshall({ ':pk': partition, ':from': bounds.from, ':to': bounds.to }),
      ScanIndexForward: false,
    },
    options,
  );
}

/** Lower-case words, so "kim jong-un" and "Kim Jong Un" compare equal. */
const words = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const containsWords = (name: string, query: string[]) => {
  const nameWords = words(name);
  for (let i = 0; i + query.length <= nameWords.length; i++) {
    if (query.every((word, j) => nameWords[i + j] === word)) return true;
  }
  return false;
};

/**
 * Whether an Article item names the entity: its canonical names (people, organisations, places)
 * and the aliases the article uses (entityDetails), whole words, case-insensitively, so "Kim"
 * finds "Kim Jong Un" and "President Trump" finds the alias of "Donald Trump".
 */
export function mentionsEntity(item: Record<string, unknown>, entity: string): boolean {
  const query = words(entity);
  if (query.length === 0) return false;
  const names: string[] = [];
  const entities = (item.entities ?? {}) as Record<string, unknown>;
  for (const list of Object.values(entities)) if (Array.isArray(list)) names.push(...list.map(String));
  if (Array.isArray(item.entityDetails)) {
    for (const detail of item.entityDetails as { name?: unknown; aliases?: unknown }[]) {
      if (typeof detail?.name === 'string') names.push(detail.name);
      if (Array.isArray(detail?.aliases)) names.push(...detail.aliases.map(String));
    }
  }
  return names.some((name) => containsWords(name, query));
}

export interface ArticleRow {
  key: string;
  entryId?: string;
  title: string;
  publishedAt: string | null;
  summaryLine?: string;
  summary: string[];
  entities: { people: string[]; organizations: string[]; places: string[] };
  source?: string;
  url?: string;
  wordCount?: number;
  /** Present when the body was over the analysis word budget: the words analysed. */
  analysedWords?: number;
  ingestedAt?: string;
}

const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
const optional = (name: string, value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? { [name]: value } : {};

export function toArticleRow(item: Record<string, unknown>): ArticleRow {
  const entities = (item.entities ?? {}) as Record<string, unknown>;
  return {
    key: String(item.key ?? ''),
    ...optional('entryId', item.entryId),
    title: String(item.title ?? ''),
    publishedAt: typeof item.publishedAt === 'string' ? item.publishedAt : null,
    ...optional('summaryLine', item.summaryLine),
    summary: strings(item.summary),
    entities: {
      people: strings(entities.people),
      organizations: strings(entities.organizations),
      places: strings(entities.places),
    },
    ...optional('source', item.source),
    ...optional('url', item.url),
    ...optional('wordCount', item.wordCount),
    ...optional('analysedWords', item.analysedWords),
    ...optional('ingestedAt', item.ingestedAt),
  } as ArticleRow;
}

export interface ArticleQuery extends DateRange {
  topic?: string;
  entity?: string;
  limit?: number;
}

/** Articles newest first; with a topic, those that matched it (through its Match items). */
export async function queryArticles(table: TableAccess, query: ArticleQuery): Promise<ArticleRow[]> {
  return (await queryArticleItems(table, query)).map(toArticleRow);
}

/** The whole Article items {@link queryArticles} lists, for readers that need more than a row. */
export async function queryArticleItems(
  table: TableAccess,
  query: ArticleQuery,
): Promise<Record<string, unknown>[]> {
  const keep =
    query.entity === undefined
      ? undefined
      : (item: Record<string, unknown>) => mentionsEntity(item, query.entity as string);
  if (query.topic === undefined) {
    const listed = await queryIndex(table, ARTICLES_GSI_PK, query, {
      ...(query.limit === undefined ? {} : { limit: query.limit }),
      ...(keep ? { keep } : {}),
    });
    // The index projects what the filters read; the rows (summaries, word counts) come whole
    // from the table, for this page only.
    const items = await getItemsByKey(table.client, table.tableName, listed as unknown as ItemKey[]);
    return items.filter((item) => item.type === ITEM_TYPE.article);
  }
  const matches = await new DynamoMatchRepository(table.client, table.tableName).queryMatches({
    topicId: query.topic,
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  });
  const articles = await getArticles(table.client, table.tableName, matches);
  const kept = keep ? articles.filter(keep) : articles;
  return kept.slice(0, query.limit ?? kept.length);
}

/** One Article item by its object key (and entry of a feed), or undefined (none, or deleted). */
export async function getArticleItem(
  table: TableAccess,
  key: string,
  entryId?: string,
): Promise<Record<string, unknown> | undefined> {
  const [item] = await getItemsByKey(table.client, table.tableName, [articleKey(key, entryId)]);
  return item?.type === ITEM_TYPE.article ? item : undefined;
}

/** The Article items of matches, in the matches' order (newest first); gone articles are skipped. */
async function getArticles(
  client: DynamoDBClient,
  tableName: string,
  matches: Pick<MatchRecord, 'articleKey' | 'entryId'>[],
): Promise<Record<string, unknown>[]> {
  const keys = matches.map((match) => articleKey(match.articleKey, match.entryId));
  const items = await getItemsByKey(client, tableName, keys);
  return items.filter((item) => item.type === ITEM_TYPE.article);
}

export interface RejectionRow {
  key: string;
  reason: string;
  detail: string;
  rejectedAt: string;
  size?: number;
}

export async function queryRejections(
  table: TableAccess,
  query: DateRange & { reason?: string; limit?: number },
): Promise<RejectionRow[]> {
  const items = await queryIndex(table, REJECTIONS_GSI_PK, query, {
    ...(query.limit === undefined ? {} : { limit: query.limit }),
    ...(query.reason === undefined ? {} : { keep: (item) => item.reason === query.reason }),
  });
  return items.map((item) => ({
    key: String(item.key ?? ''),
    reason: String(item.reason ?? ''),
    detail: String(item.detail ?? ''),
    rejectedAt: String(item.rejectedAt ?? ''),
    ...(typeof item.size === 'number' ? { size: item.size } : {}),
  }));
}

export async function queryMatches(
  table: TableAccess,
  query: DateRange & { topic: string; certainty?: Certainty; limit?: number },
): Promise<MatchRecord[]> {
  const repository = new DynamoMatchRepository(table.client, table.tableName);
  // The certainty is filtered here, so the limit applies after it.
  const matches = await repository.queryMatches({
    topicId: query.topic,
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(query.limit !== undefined && query.certainty === undefined ? { limit: query.limit } : {}),
  });
  const kept =
    query.certainty === undefined ? matches : matches.filter((m) => m.certainty === query.certainty);
  return kept.slice(0, query.limit ?? kept.length);
}
