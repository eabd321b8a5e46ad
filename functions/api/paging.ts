import { DEFAULT_PAGE_SIZE, type Page } from '../contracts/console-api';
import { InvalidRequestError } from './api-errors';

/**
 * Pages over a list read newest first: the cursor is the position of the next item, written as
 * base64url JSON so clients treat it as opaque (it may become a DynamoDB key later without a
 * contract change). A list is read up to the end of the page plus one item, which says whether
 * there is a next page; no response ever holds more than `limit` items.
 */
export interface PageRequest {
  offset: number;
  limit: number;
}

/** Far beyond any console list: a forged cursor must not make a read unbounded. */
const MAX_OFFSET = 10_000;

export const encodeCursor = (offset: number) =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function pageRequest(query: { limit?: string | undefined; cursor?: string | undefined }): PageRequest {
  const limit = query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit);
  if (query.cursor === undefined) return { offset: 0, limit };
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { o?: unknown }).o;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new InvalidRequestError('invalid cursor', [
      { path: 'cursor', message: 'not a cursor this API gave out: start again without it' },
    ]);
  }
  return { offset, limit };
}

/** How many items to read for the page: through its end, and one more. */
export const readThrough = (page: PageRequest) => page.offset + page.limit + 1;

/** The page of `items` (read from the start, see readThrough), with a cursor when more follow. */
export function pageOf<T, V>(items: readonly T[], page: PageRequest, view: (item: T) => V): Page<V> {
  const slice = items.slice(page.offset, page.offset + page.limit).map(view);
  const more = items.length > page.offset + page.limit;
  return more ? { items: slice, cursor: encodeCursor(page.offset + page.limit) } : { items: slice };
}
