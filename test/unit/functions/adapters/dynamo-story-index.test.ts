import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoStoryIndex } from '../../../../functions/adapters/dynamo-story-index';
import { slotAttributesOf, storySlotKey, storyStateKey } from '../../../../functions/contracts/table-schema';
import { joinedStory, newStory, type StoryState } from '../../../../functions/domain/stories/story-grouping';
import { TransientError } from '../../../../functions/ports/errors';
import type { StoryIndexSlot } from '../../../../functions/ports/ports';
import { storyArticleOf } from '../../../support/story-articles';

const TABLE = 'articles-table';
const dynamo = mockClient(DynamoDBClient);
/** The clock the index stamps slot expiry with. */
const NOW = Date.UTC(2026, 2, 15, 9, 0, 0);
const index = () => new DynamoStoryIndex(new DynamoDBClient({ region: 'eu-west-1' }), TABLE, () => NOW);
/** A key's item with its slots of some months: `{ '2026-02': [ids, version] }`. */
const keyItem = (key: string, months: Record<string, [string[], number]>) =>
  marshall({
    ...storySlotKey(key),
    type: 'StorySlot',
    ...Object.fromEntries(
      Object.entries(months).flatMap(([month, [ids, version]]) => [
        [slotAttributesOf(month).storyIds, new Set(ids)],
        [slotAttributesOf(month).version, version],
      ]),
    ),
  });

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const story = newStory(storyArticleOf('chileQuakeWire'));
const slot = (key: string, version: number, month = '2026-03'): StoryIndexSlot => ({
  key,
  month,
  storyIds: [],
  version,
});

type Input = Record<string, unknown> & {
  Key?: Record<string, AttributeValue>;
  Item?: Record<string, AttributeValue>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  ConditionExpression?: string;
  UpdateExpression?: string;
  RequestItems?: Record<string, { Keys: Record<string, AttributeValue>[]; ConsistentRead?: boolean }>;
};

/** The commands sent, in order, by name and input. */
const sent = () =>
  dynamo.calls().map((call) => {
    const command = call.args[0] as unknown as { constructor: { name: string }; input: Input };
    return { name: command.constructor.name, input: command.input };
  });

const keyOf = (input: Input) => unmarshall(input.Key!) as { pk: string; sk: string };
const valuesOf = (input: Input) => unmarshall(input.ExpressionAttributeValues ?? {});

beforeEach(() => {
  dynamo.reset();
});

describe('story index lookup', () => {
  it("reads every key's item (all its months) with one BatchGetItem, absent slots as empty at version 0", async () => {
    dynamo.on(BatchGetItemCommand).resolves({
      Responses: {
        [TABLE]: [keyItem('e:iquique', { '2026-02': [['2026-02-bbbbbbbbbb', '2026-02-aaaaaaaaaa'], 3] })],
      },
    });
    const slots = await index().lookup(['e:gabriel boric', 'e:iquique'], ['2026-03', '2026-02']);

    const batches = dynamo.commandCalls(BatchGetItemCommand);
    expect(batches).toHaveLength(1);
    const request = batches[0]!.args[0].input.RequestItems![TABLE]!;
    expect(request.Keys!.map((key) => unmarshall(key))).toEqual([
      storySlotKey('e:gabriel boric'),
      storySlotKey('e:iquique'),
    ]);
    expect(request.ConsistentRead).toBe(false);
    expect(slots).toEqual([
      { key: 'e:gabriel boric', month: '2026-03', storyIds: [], version: 0 },
      { key: 'e:iquique', month: '2026-03', storyIds: [], version: 0 },
      { key: 'e:gabriel boric', month: '2026-02', storyIds: [], version: 0 },
      {
        key: 'e:iquique',
        month: '2026-02',
        storyIds: ['2026-02-aaaaaaaaaa', '2026-02-bbbbbbbbbb'],
        version: 3,
      },
    ]);
  });

  it('reads strongly consistent in the round after a lost race, and only then', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(DeleteItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).rejects(conditionFailed());
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
    const shared = index();
    expect(await shared.create(story, [slot('e:chile', 0)])).toBe(false);
    await shared.lookup(['e:chile'], ['2026-03']);
    await shared.lookup(['e:chile'], ['2026-03']);
    expect(
      dynamo
        .commandCalls(BatchGetItemCommand)
        .map((call) => call.args[0].input.RequestItems![TABLE]!.ConsistentRead),
    ).toEqual([true, false]);
  });
});

describe('story index reads of states', () => {
  it('asks again for unprocessed keys, and only for them', async () => {
    const late = marshall(storyStateKey(story.storyId));
    dynamo
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [late] } } })
      .resolvesOnce({ Responses: { [TABLE]: [] } });
    await index().read([story.storyId, 'absent']);
    const batches = dynamo.commandCalls(BatchGetItemCommand);
    expect(batches).toHaveLength(2);
    expect(batches[1]!.args[0].input.RequestItems![TABLE]!.Keys).toEqual([late]);
  });

  it('gives up to a retry when keys stay unprocessed', async () => {
    const late = marshall(storyStateKey(story.storyId));
    dynamo.on(BatchGetItemCommand).resolves({ UnprocessedKeys: { [TABLE]: { Keys: [late] } } });
    await expect(index().read([story.storyId])).rejects.toBeInstanceOf(TransientError);
    expect(dynamo.commandCalls(BatchGetItemCommand).length).toBeGreaterThan(1);
  });

  it('splits more than 100 ids over several requests', async () => {
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
    const ids = Array.from({ length: 120 }, (_, i) => `2026-03-${String(i).padStart(10, '0')}`);
    expect(await index().read(ids)).toEqual([]);
    expect(
      dynamo
        .commandCalls(BatchGetItemCommand)
        .map((call) => call.args[0].input.RequestItems![TABLE]!.Keys!.length),
    ).toEqual([100, 20]);
  });
});

describe('story index create', () => {
  it('writes the state, then lists the story in key order, each slot conditional on the version read', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).resolves({});
    const created = await index().create(story, [
      slot('w:chile', 2),
      slot('e:iquique', 0),
      slot('e:chile', 5),
    ]);
    expect(created).toBe(true);

    const calls = sent();
    expect(calls.map((call) => call.name)).toEqual([
      'PutItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
      'UpdateItemCommand',
    ]);
    const [put, ...updates] = calls;
    expect(put!.input.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(unmarshall(put!.input.Item!)).toMatchObject({
      ...storyStateKey(story.storyId),
      type: 'StoryState',
      storyId: story.storyId,
      revision: 0,
    });
    expect(updates.map(({ input }) => keyOf(input))).toEqual([
      storySlotKey('e:chile'),
      storySlotKey('e:iquique'),
      storySlotKey('w:chile'),
    ]);
    expect(updates.map(({ input }) => input.ConditionExpression)).toEqual([
      '#version = :seen',
      'attribute_not_exists(#version)',
      '#version = :seen',
    ]);
    expect(updates.map(({ input }) => valuesOf(input)[':seen'])).toEqual([5, undefined, 2]);
    for (const { input } of updates) {
      expect(input.UpdateExpression).toMatch(
        /^ADD #ids :id, #version :one SET #type = :type, #ttl = :ttl REMOVE /,
      );
      // The month's attributes, and those of months nobody searches any more taken out.
      expect(input.ExpressionAttributeNames).toMatchObject({
        '#ids': 's202603',
        '#version': 'v202603',
        '#oldIds0': 's202512',
        '#oldVersion3': 'v202509',
      });
      expect(valuesOf(input)).toMatchObject({
        ':id': new Set([story.storyId]),
        ':one': 1,
        ':type': 'StorySlot',
      });
      // The key's item expires 93 days after its last write.
      expect(valuesOf(input)[':ttl']).toBe(NOW / 1000 + 93 * 86_400);
    }
  });

  it('withdraws the story when a slot changed: out of the slots written, its state deleted if unjoined', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(DeleteItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).resolvesOnce({}).rejectsOnce(conditionFailed()).resolves({});
    const storyIndex = index();
    const created = await storyIndex.create(story, [
      slot('w:chile', 0),
      slot('e:iquique', 0),
      slot('e:chile', 1),
    ]);
    expect(created).toBe(false);

    const calls = sent();
    expect(calls.map((call) => call.name)).toEqual([
      'PutItemCommand',
      'UpdateItemCommand', // e:chile, listed
      'UpdateItemCommand', // e:iquique, changed meanwhile
      'UpdateItemCommand', // e:chile, taken back
      'DeleteItemCommand',
    ]);
    const withdraw = calls[3]!.input;
    expect(keyOf(withdraw)).toEqual(storySlotKey('e:chile'));
    expect(withdraw.UpdateExpression).toBe('DELETE #ids :id ADD #version :one');
    expect(withdraw.ExpressionAttributeNames).toEqual({ '#ids': 's202603', '#version': 'v202603' });
    expect(withdraw.ConditionExpression).toBeUndefined();
    expect(valuesOf(withdraw)[':id']).toEqual(new Set([story.storyId]));
    const remove = calls[4]!.input;
    expect(keyOf(remove)).toEqual(storyStateKey(story.storyId));
    expect(remove.ConditionExpression).toBe('revision = :founded');
    expect(valuesOf(remove)).toEqual({ ':founded': 0 });

    // (The next lookup reads strongly consistent: see 'story index lookup'.)
  });

  it('leaves a state that someone joined meanwhile', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).rejects(conditionFailed());
    dynamo.on(DeleteItemCommand).rejects(conditionFailed());
    await expect(index().create(story, [slot('e:chile', 0)])).resolves.toBe(false);
  });

  it('passes on any other failure', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo
      .on(UpdateItemCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(index().create(story, [slot('e:chile', 0)])).rejects.toThrow('throttled');
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(0);
  });
});

describe('story index update', () => {
  const joined = joinedStory(story, storyArticleOf('chileQuakeOtherOutlet'), 'original')!;
  const listUnder = [{ key: 'e:new', month: '2026-04' }];

  it('lists the story unconditionally, then writes the state on condition it is still at the revision before', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).resolves({});
    expect(await index().update(joined.story, listUnder)).toBe(true);
    const [list, put] = sent();
    expect(put!.name).toBe('PutItemCommand');
    expect(put!.input.ConditionExpression).toBe('revision = :previous');
    expect(valuesOf(put!.input)).toEqual({ ':previous': joined.story.revision - 1 });
    expect(unmarshall(put!.input.Item!).revision).toBe(1);
    expect(list!.name).toBe('UpdateItemCommand');
    expect(keyOf(list!.input)).toEqual(storySlotKey('e:new'));
    expect(list!.input.ExpressionAttributeNames).toMatchObject({ '#ids': 's202604', '#version': 'v202604' });
    expect(list!.input.ConditionExpression).toBeUndefined();
    expect(valuesOf(list!.input)[':ttl']).toBe(NOW / 1000 + 93 * 86_400);
  });

  it('returns false when the story changed meanwhile (its listing stays: a real story)', async () => {
    dynamo.on(PutItemCommand).rejects(conditionFailed());
    dynamo.on(UpdateItemCommand).resolves({});
    expect(await index().update(joined.story, listUnder)).toBe(false);
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(1);
  });

  it('creates nothing when the state exists already: a founder of the same text was first', async () => {
    dynamo.on(PutItemCommand).rejects(conditionFailed());
    expect(await index().create(story, [slot('e:chile', 0)])).toBe(false);
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(0);
  });
});

describe('story state', () => {
  /** What `create` writes, read back by `read`. */
  const roundTrip = async (state: StoryState) => {
    dynamo.on(PutItemCommand).resolves({});
    await index().create(state, []);
    const item = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input.Item!;
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [item] } });
    const [back] = await index().read([state.storyId, '2026-03-0000000000']);
    return back!;
  };

  it('reads back as written: centroid to four decimals, strongest first, signatures bit for bit', async () => {
    const learnt = joinedStory(story, storyArticleOf('chileQuakeOtherOutlet'), 'original')!.story;
    const back = await roundTrip(learnt);
    expect(back).toMatchObject({
      storyId: learnt.storyId,
      title: learnt.title,
      firstSeen: learnt.firstSeen,
      months: learnt.months,
      keys: learnt.keys,
      revision: learnt.revision,
    });
    expect([...back.centroid.keys()]).toEqual([...learnt.centroid.keys()]);
    for (const [key, weight] of learnt.centroid) {
      expect(back.centroid.get(key)).toBe(Number(weight.toFixed(4)));
    }
    expect(back.originals).toHaveLength(2);
    back.originals.forEach((original, i) => {
      expect(original.articleId).toBe(learnt.originals[i]!.articleId);
      expect(original.contentHash).toBe(learnt.originals[i]!.contentHash);
      expect(original.signature).toBeInstanceOf(Uint32Array);
      expect([...original.signature]).toEqual([...learnt.originals[i]!.signature]);
    });
  });

  it('keeps a signature that is a view into a larger buffer, and reads one from unaligned bytes', async () => {
    const buffer = new Uint32Array(40).map((_, i) => 0xfff00000 + i);
    const view = buffer.subarray(3, 35);
    const state = { ...story, originals: [{ ...story.originals[0]!, signature: view }] };
    const back = await roundTrip(state);
    expect([...back.originals[0]!.signature]).toEqual([...view]);

    // Bytes DynamoDB hands back need not start on a 4-byte boundary.
    const bytes = new Uint8Array(view.byteLength + 1);
    bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), 1);
    const item = marshall({
      ...storyStateKey(story.storyId),
      storyId: story.storyId,
      title: story.title,
      firstSeen: story.firstSeen,
      centroid: { 'e:chile': 0.5 },
      originals: [{ articleId: 'a', contentHash: 'h', signature: bytes.subarray(1) }],
      months: ['2026-03'],
      keys: ['e:chile'],
      revision: 0,
    });
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [item] } });
    const [unaligned] = await index().read([story.storyId]);
    expect([...unaligned!.originals[0]!.signature]).toEqual([...view]);
  });

  it('reads nothing for no ids, and leaves out ids with no state', async () => {
    expect(await index().read([])).toEqual([]);
    expect(dynamo.commandCalls(BatchGetItemCommand)).toHaveLength(0);
    dynamo.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
    expect(await index().read(['2026-03-0000000000'])).toEqual([]);
  });
});
