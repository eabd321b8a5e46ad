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
import { TransientError } from '../ports/errors';
import type { StoryIndex, StoryIndexSlot } from '../ports/ports';
import { CENTROID_TERMS, monthsBefore, type StoryState } from '../domain/stories/story-grouping';
import { strongest } from '../domain/stories/story-profile';
import {
  ITEM_TYPE,
  TTL_ATTRIBUTE,
  slotAttributesOf,
  storySlotKey,
  storyStateKey,
} from '../contracts/table-schema';

/** BatchGetItem takes at most 100 keys; rounds of unprocessed keys before giving up to a retry. */
const BATCH_KEYS = 100;
const MAX_BATCH_ROUNDS = 5;
/**
 * A key's item expires this long after its last write: a month's slots are searched by articles
 * of that month and the next (story-grouping.ts `searchMonths`), so a key no article has listed a
 * story under for three months lists nothing anyone still searches.
 */
const SLOT_TTL_DAYS = 93;
/**
 * Months before the one written whose slots the write removes: nothing searches them any more,
 * and they would only make the key's item (read whole by every lookup) grow.
 */
const PRUNED_MONTHS = [3, 4, 5, 6];
/** Centroid weights are kept to four decimals: a cosine does not move for less. */
const WEIGHT_DECIMALS = 4;

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
    // Strongest first, as grouping keeps it (its keys are read in that order).
    centroid: strongest(new Map(Object.entries(stored.centroid)), CENTROID_TERMS, false),
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
 * The story index in the single table: StorySlot items (a key → for each month a string set of
 * story ids and a version) and StoryState items. See functions/contracts/table-schema.ts.
 */
export class DynamoStoryIndex implements StoryIndex {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
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
   * One BatchGetItem of the keys' items: each holds all its months, so an article's search is one
   * request and one read unit's half per key, however many months it spans.
   */
  async lookup(keys: readonly string[], months: readonly string[]): Promise<StoryIndexSlot[]> {
    const consistent = this.consistent;
    this.consistent = false;
    const found = await this.batchGet(
      keys.map((key) => storySlotKey(key)),
      consistent,
    );
    return months.flatMap((month) => {
      const names = slotAttributesOf(month);
      return keys.map((key) => {
        const stored = found.get(idOf(storySlotKey(key)));
        const value = stored ? (unmarshall(stored) as Record<string, unknown>) : {};
        const ids = value[names.storyIds];
        return {
          key,
          month,
          storyIds: ids instanceof Set ? [...(ids as Set<string>)].sort() : [],
          version: Number(value[names.version] ?? 0),
        };
      });
    });
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
    const names = slotAttributesOf(month);
    const pruned = PRUNED_MONTHS.map((count) => slotAttributesOf(monthsBefore(month, count)));
    return new UpdateItemCommand({
      TableName: this.tableName,
      Key: marshall(storySlotKey(key)),
      UpdateExpression: `ADD #ids :id, #version :one SET #type = :type, #ttl = :ttl REMOVE ${pruned
        .map((_, i) => `#oldIds${i}, #oldVersion${i}`)
        .join(', ')}`,
      ...(version === undefined
        ? {}
        : {
            ConditionExpression: version === 0 ? 'attribute_not_exists(#version)' : '#version = :seen',
          }),
      ExpressionAttributeNames: {
        '#ids': names.storyIds,
        '#version': names.version,
        '#type': 'type',
        '#ttl': TTL_ATTRIBUTE,
        ...Object.fromEntries(
          pruned.flatMap((old, i) => [
            [`#oldIds${i}`, old.storyIds],
            [`#oldVersion${i}`, old.version],
          ]),
        ),
      },
      ExpressionAttributeValues: marshall({
        ':id': new Set([storyId]),
        ':one': 1,
        ':type': ITEM_TYPE.storySlot,
        ':ttl': Math.floor(this.now() / 1000) + SLOT_TTL_DAYS * 86_400,
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
          Key: marshall(storySlotKey(slot.key)),
          UpdateExpression: 'DELETE #ids :id ADD #version :one',
          ExpressionAttributeNames: {
            '#ids': slotAttributesOf(slot.month).storyIds,
            '#version': slotAttributesOf(slot.month).version,
          },
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
