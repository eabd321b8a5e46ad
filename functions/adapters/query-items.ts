import {
  BatchGetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export interface QueryItemsOptions {
  /** Stop once this many items are kept. */
  limit?: number;
  /** Items to keep (all by default): a filter that needs more than a FilterExpression can say. */
  keep?: (item: Record<string, unknown>) => boolean;
}

/**
 * The items of a Query, unmarshalled, page after page: DynamoDB answers at most 1 MB at a time,
 * and a caller that read only the first page would silently miss the rest of a busy partition.
 */
export async function queryItems(
  client: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  options: QueryItemsOptions = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      if (options.keep && !options.keep(item)) continue;
      items.push(item);
      if (options.limit !== undefined && items.length >= options.limit) return items;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** A table key: the pk and sk every item has. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_KEYS = 100;
/** Rounds of asking again for the keys DynamoDB left unprocessed under load. */
const BATCH_GET_ROUNDS = 8;

export class UnprocessedKeysError extends Error {
  override name = 'UnprocessedKeysError';
}

/**
 * The whole items of the given keys from the table (an index holds only what it projects), in
 * the order of the keys; keys with no item are skipped. Strongly consistent reads are not
 * needed: the keys come from an index, itself eventually consistent.
 */
export async function getItemsByKey(
  client: DynamoDBClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<Record<string, unknown>[]> {
  const id = (key: { pk: unknown; sk: unknown }) => `${String(key.pk)}\u0000${String(key.sk)}`;
  const unique = [...new Map(keys.map((key) => [id(key), { pk: key.pk, sk: key.sk }])).values()];
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
    let pending: Record<string, AttributeValue>[] = unique
      .slice(i, i + BATCH_GET_KEYS)
      .map((key) => marshall(key));
    for (let round = 0; pending.length > 0; round++) {
      if (round === BATCH_GET_ROUNDS) {
        throw new UnprocessedKeysError(`DynamoDB left ${pending.length} key(s) unprocessed ${round} times`);
      }
      const page = await client.send(
        new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
      );
      for (const raw of page.Responses?.[tableName] ?? []) {
        const item = unmarshall(raw);
        found.set(id(item as { pk: unknown; sk: unknown }), item);
      }
      pending = page.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return unique.flatMap((key) => {
    const item = found.get(id(key));
    return item === undefined ? [] : [item];
  });
}
