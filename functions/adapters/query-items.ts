import {
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

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
