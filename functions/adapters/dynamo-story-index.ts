import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from './aws-errors';
import { queryItems } from './query-items';
import { TransientError } from '../ports/errors';
import type { StoryIndex, StoryIndexSlot } from '../ports/ports';
import type { StoryState } from '../domain/stories/story-grouping';
import { ITEM_TYPE, TTL_ATTRIBUTE, storySlotKey, storyStateKey } from '../contracts/table-schema';

/** BatchGetItem takes at most 100 keys; rounds of unprocessed keys before giving up to a retry. */
const BATCH_KEYS = 100;
const MAX_BATCH_ROUNDS = 5;
/**
 * A slot is searched by articles of its month and the next (story-grouping.ts `searchMonths`);
 * two months after that nothing reads it, and TTL deletes it.
 */
const SLOT_TTL_DAYS = 62 + 31;
/** Centroid weights are kept to four decimals: a cosine does not move for less. */
const WEIGHT_DECIMALS = 4;

const slotExpiry = (month: string) =>
  Math.floor(Date.parse(`${month}-01T00:00:00Z`) / 1000) + SLOT_TTL_DAYS * 86_400;

const idOf = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;

interface StoredState {
  storyId: string;
  title: string;
  firstSeen: string;
  centroid: Record<string, number>;
  /** Signatures as base64 of their little-endian bytes: a string, which every stream reader and
   * tool reads alike (binary attributes come back in different forms from the Streams API). */
  originals: { articleId: string; contentHash: string; signature: string }[];
  months: string[];
  keys: string[];
  revision: number;
}

const toItem = (story: StoryState) =>
  marshall(
    {
      ...storyStateKey(story.storyId),
      type: ITEM_TYPE.storyState,
      storyId: story.storyId,
      title: story.title,
      firstSeen: story.firstSeen,
      centroid: Object.fromEntries(
        [...story.centroid].map(([key, weight]) => [key, Number(weight.toFixed(WEIGHT_DECIMALS))]),
      ),
      originals: story.originals.map((original) => ({
        articleId: original.articleId,
        contentHash: original.contentHash,
        signature: Buffer.from(
          original.signature.buffer,
          original.signature.byteOffset,
          original.signature.byteLength,
        ).toString('base64'),
      })),
      months: story.months,
      keys: story.keys,
      revision: story.revision,
    },
    { removeUndefinedValues: true },
  );

const fromItem = (item: Record<string, AttributeValue>): StoryState => {
  const stored = unmarshall(item) as StoredState;
  return {
    storyId: stored.storyId,
    title: stored.title,
    firstSeen: stored.firstSeen,
    centroid: new Map(Object.entries(stored.centroid).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
    originals: stored.originals.map((original) => ({
      articleId: original.articleId,
      contentHash: original.contentHash,
      // Copied into a fresh buffer: decoded bytes need not be 4-byte aligned.
      signature: new Uint32Array(Uint8Array.from(Buffer.from(original.signature, 'base64')).buffer),
    })),
    months: stored.months,
    keys: stored.keys,
    revision: Number(stored.revision),
  };
};

/**
 * The story index in the single table: StorySlot items (a key in a month → a string set of story
 * ids and a version) and StoryState items. See functions/contracts/table-schema.ts.
 */
export class DynamoStoryIndex implements StoryIndex {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** Items by key, unprocessed keys retried; eventually consistent (writes are conditional). */
  private async batchGet(keys: { pk: string; sk: string }[], consistent: boolean) {
    const found = new Map<string, Record<string, AttributeValue>>();
    for (let i = 0; i < keys.length; i += BATCH_KEYS) {
      let request: KeysAndAttributes | undefined = {
        Keys: keys.slice(i, i + BATCH_KEYS).map((key) => marshall(key)),
        ConsistentRead: consistent,
      };
      for (let round = 0; request?.Keys?.length; round += 1) {
        if (round === MAX_BATCH_ROUNDS) throw new TransientError('story index reads left unprocessed');
        const output: BatchGetItemCommandOutput = await this.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.tableName]: request } }),
        );
        for (const item of output.Responses?.[this.tableName] ?? []) {
          found.set(idOf(unmarshall(item) as { pk: string; sk: string }), item);
        }
        request = output.UnprocessedKeys?.[this.tableName];
      }
    }
    return found;
  }

  /** Reads strongly consistent after a conflict, so the next round sees what beat it. */
  private consistent = false;

  /**
   * One Query per key over its months (a key's slots share its partition, months sort in its sort
   * key): DynamoDB bills a Query by the bytes it returns, at least 0.5 read unit, so the months of
   * a key cost what one of them would, where a BatchGetItem bills every item apart.
   */
  async lookup(keys: readonly string[], months: readonly string[]): Promise<StoryIndexSlot[]> {
    const consistent = this.consistent;
    this.consistent = false;
    const sorted = [...months].sort();
    const first = sorted[0];
    const last = sorted.at(-1);
    if (first === undefined || last === undefined) return [];
    const found = new Map<string, { storyIds?: Set<string>; version?: number }>();
    await Promise.all(
      keys.map(async (key) => {
        const items = await queryItems(this.client, {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: marshall({
            ':pk': storySlotKey(key, first).pk,
            ':first': storySlotKey(key, first).sk,
            ':last': storySlotKey(key, last).sk,
          }),
          ConsistentRead: consistent,
        });
        for (const item of items) found.set(idOf(item as { pk: string; sk: string }), item);
      }),
    );
    return months.flatMap((month) =>
      keys.map((key) => {
        const value = found.get(idOf(storySlotKey(key, month))) ?? {};
        return {
          key,
          month,
          storyIds: [...(value.storyIds ?? [])].sort(),
          version: Number(value.version ?? 0),
        };
      }),
    );
  }

  async read(storyIds: readonly string[]): Promise<StoryState[]> {
    if (storyIds.length === 0) return [];
    const found = await this.batchGet(
      storyIds.map((id) => storyStateKey(id)),
      false,
    );
    return storyIds.flatMap((id) => {
      const item = found.get(idOf(storyStateKey(id)));
      return item ? [fromItem(item)] : [];
    });
  }

  private list(storyId: string, key: string, month: string, version?: number) {
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key: marshall(storySlotKey(key, month)),
      UpdateExpression: 'ADD storyIds :id, version :one SET #type = :type, #ttl = :ttl',
      ...(version === undefined
        ? {}
        : {
            ConditionExpression: version === 0 ? 'attribute_not_exists(version)' : 'version = :seen',
          }),
      ExpressionAttributeNames: { '#type': 'type', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: marshall({
        ':id': new Set([storyId]),
        ':one': 1,
        ':type': ITEM_TYPE.storySlot,
        ':ttl': slotExpiry(month),
        ...(version ? { ':seen': version } : {}),
      }),
    });
  }

  async create(story: StoryState, slots: readonly StoryIndexSlot[]): Promise<boolean> {
    // The state first, so that a story listed in a slot can always be read. Its id comes from the
    // founding article's content, so two founders of one text meet here: the second loses.
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(story),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      this.consistent = true;
      return false;
    }
    const listed: StoryIndexSlot[] = [];
    // In a fixed order, so that two founders of one event meet at the same first slot.
    for (const slot of [...slots].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      try {
        await this.client.send(this.list(story.storyId, slot.key, slot.month, slot.version));
        listed.push(slot);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        await this.withdraw(story, listed);
        this.consistent = true;
        return false;
      }
    }
    return true;
  }

  /** Takes back a story that lost the race: out of the slots it was listed in, and its state. */
  private async withdraw(story: StoryState, listed: readonly StoryIndexSlot[]) {
    for (const slot of listed) {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(storySlotKey(slot.key, slot.month)),
          UpdateExpression: 'DELETE storyIds :id ADD version :one',
          ExpressionAttributeValues: marshall({ ':id': new Set([story.storyId]), ':one': 1 }),
        }),
      );
    }
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(storyStateKey(story.storyId)),
          ConditionExpression: 'revision = :founded',
          ExpressionAttributeValues: marshall({ ':founded': 0 }),
        }),
      );
    } catch (error) {
      // Someone joined it meanwhile and it learnt from them: it stays, a story like any other.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async update(story: StoryState, listUnder: readonly { key: string; month: string }[]): Promise<boolean> {
    // Listed first: listing is idempotent and harmless if the state write then loses (the story is
    // a real one either way), while a state write whose response was lost, retried into a
    // condition failure, leaves the next round nothing left to list.
    for (const { key, month } of listUnder) await this.client.send(this.list(story.storyId, key, month));
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem(story),
          ConditionExpression: 'revision = :previous',
          ExpressionAttributeValues: marshall({ ':previous': story.revision - 1 }),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      this.consistent = true;
      return false;
    }
    return true;
  }
}
