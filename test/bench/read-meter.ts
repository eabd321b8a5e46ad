/**
 * Read units the handlers spend, counted at the SDK: every DynamoDB GetItem and BatchGetItem a
 * client of this process sends while the meter runs, priced as DynamoDB bills them (per item
 * returned, its size rounded up to 4 KB: 1 RRU strongly consistent, 0.5 eventually; a key with
 * no item still costs the minimum), grouped by the kind of key read. Only in-process handlers
 * are counted: the local pipeline's, not the bundles run in child processes.
 */
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { itemBytes, type DynamoValue } from './cost-model';

const unitsOf = (item: Record<string, AttributeValue> | undefined, consistent: boolean) => {
  const blocks = Math.max(1, Math.ceil((item ? itemBytes(item as Record<string, DynamoValue>) : 0) / 4096));
  return blocks * (consistent ? 1 : 0.5);
};

/** The kind of an item from its pk: the prefix before its first `#` (`CSTORYKEY`, `ARTICLE`, …). */
const kindOf = (key: Record<string, AttributeValue> | undefined) => {
  const pk = key?.pk;
  return pk && 'S' in pk && typeof pk.S === 'string' ? (pk.S.split('#')[0] ?? '?') : '?';
};

export interface ReadMeter {
  /** Read units by kind of item, since the meter started. */
  units(): Record<string, number>;
  stop(): void;
}

export function startReadMeter(): ReadMeter {
  const totals: Record<string, number> = {};
  const add = (kind: string, units: number) => (totals[kind] = (totals[kind] ?? 0) + units);
  const original = DynamoDBClient.prototype.send;
  const metered = async function (this: DynamoDBClient, command: unknown, ...rest: unknown[]) {
    const output = await (original as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
    if (command instanceof GetItemCommand) {
      const found = (output as { Item?: Record<string, AttributeValue> }).Item;
      add(kindOf(command.input.Key), unitsOf(found, command.input.ConsistentRead === true));
    } else if (command instanceof BatchGetItemCommand) {
      const responses =
        (output as { Responses?: Record<string, Record<string, AttributeValue>[]> }).Responses ?? {};
      for (const [table, request] of Object.entries(command.input.RequestItems ?? {})) {
        const returned = responses[table] ?? [];
        const consistent = request.ConsistentRead === true;
        for (const item of returned) add(kindOf(item), unitsOf(item, consistent));
        // Keys with no item still cost the minimum read; unprocessed keys cost nothing yet.
        const missing = (request.Keys?.length ?? 0) - returned.length;
        const unprocessed =
          (output as { UnprocessedKeys?: Record<string, { Keys?: unknown[] }> }).UnprocessedKeys?.[table]
            ?.Keys?.length ?? 0;
        const absent = missing - unprocessed;
        if (absent > 0) add(kindOf(request.Keys?.[0]), absent * unitsOf(undefined, consistent));
      }
    }
    return output;
  };
  DynamoDBClient.prototype.send = metered as typeof original;
  return {
    units: () => ({ ...totals }),
    stop: () => {
      DynamoDBClient.prototype.send = original;
    },
  };
}
