import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoStoryIndex } from '../../../functions/adapters/dynamo-story-index';
import { TTL_ATTRIBUTE } from '../../../functions/contracts/table-schema';
import { createAssignStory } from '../../../functions/ingest/assign-story';
import type { StoryIndex } from '../../../functions/ports/ports';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../../infra/local/local-stack';
import { STORY_TEXTS, storyArticle, storyArticleOf } from '../../support/story-articles';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

/**
 * Both assigns read the index before either writes, as two Lambdas that take one event at the
 * same moment: the first round's reads of each wait for the other's.
 */
const meetingAfterFirstRead = (indexes: StoryIndex[]): StoryIndex[] => {
  let waiting = indexes.length;
  let release!: () => void;
  const everyoneRead = new Promise<void>((resolve) => (release = resolve));
  return indexes.map((index) => {
    let first = true;
    return {
      lookup: (keys, months) => index.lookup(keys, months),
      read: async (ids) => {
        const states = await index.read(ids);
        if (first) {
          first = false;
          waiting -= 1;
          if (waiting === 0) release();
          await everyoneRead;
        }
        return states;
      },
      create: (story, slots) => index.create(story, slots),
      update: (story, listUnder) => index.update(story, listUnder),
    };
  });
};

// The story index against DynamoDB Local: the conditional slot writes are what keep two founders
// of one event from making two stories, so they are tested where DynamoDB evaluates them.
describe('story index (DynamoDB Local)', () => {
  let stack: LocalStack;
  /** The clock the index stamps expiry with: 2026-03-15. */
  const NOW = Date.UTC(2026, 2, 15);
  const newIndex = () => new DynamoStoryIndex(stack.clients.dynamodb, stack.tableName, () => NOW);
  /** Every story id a key's item lists, in any month. */
  const listedIn = (slot: Record<string, unknown>) =>
    Object.entries(slot)
      .filter(([name, value]) => /^s\d{6}$/.test(name) && value instanceof Set)
      .flatMap(([, value]) => [...(value as Set<string>)]);

  const items = async () => {
    const { Items = [] } = await stack.clients.dynamodb.send(new ScanCommand({ TableName: stack.tableName }));
    return Items.map((item) => unmarshall(item));
  };

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(async () => {
    await stack.reset();
  });

  it('makes one story of two near-identical articles assigned at once, another of another event', async () => {
    const wire = storyArticleOf('chileQuakeWire');
    const copy = storyArticle(
      STORY_TEXTS.chileQuakeWire.replace('Earthquake strikes northern Chile', 'Strong quake in Chile'),
      'articles/chile-copy.txt',
    );
    const [first, second] = meetingAfterFirstRead([newIndex(), newIndex()]);
    const [a, b] = await Promise.all([createAssignStory(first!)(wire), createAssignStory(second!)(copy)]);
    expect(a.storyId).toBe(b.storyId);
    expect([a.founded, b.founded].sort()).toEqual([false, true]);

    const turkey = await createAssignStory(newIndex())(storyArticleOf('turkeyQuakeWire'));
    expect(turkey.founded).toBe(true);
    expect(turkey.storyId).not.toBe(a.storyId);

    // A later outlet on the Chile quake, in a third Lambda, finds the one story.
    const later = await createAssignStory(newIndex())(storyArticleOf('chileQuakeOtherOutlet'));
    expect(later).toMatchObject({ storyId: a.storyId, founded: false, role: 'original' });

    const all = await items();
    const states = all.filter((item) => item.type === 'StoryState');
    expect(states.map((state) => state.storyId).sort()).toEqual([a.storyId, turkey.storyId].sort());
    // Nothing of the loser is left: every listed story has a state.
    const listed = new Set(all.filter((item) => item.type === 'StorySlot').flatMap(listedIn));
    expect([...listed].sort()).toEqual([a.storyId, turkey.storyId].sort());
  });

  it('makes one story of two outlets on one event assigned at once', async () => {
    const [first, second] = meetingAfterFirstRead([newIndex(), newIndex()]);
    const [a, b] = await Promise.all([
      createAssignStory(first!)(storyArticleOf('chileQuakeWire')),
      createAssignStory(second!)(storyArticleOf('chileQuakeOtherOutlet')),
    ]);
    expect(a.storyId).toBe(b.storyId);
    const states = (await items()).filter((item) => item.type === 'StoryState');
    expect(states).toHaveLength(1);
    expect(states[0]!.originals).toHaveLength(2);
  });

  it("keeps a key's slots in one item per key, a set and a version per month, expiring after its last write", async () => {
    const { storyId } = await createAssignStory(newIndex())(storyArticleOf('chileQuakeWire'));
    const all = await items();
    const slots = all.filter((item) => item.type === 'StorySlot');
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      expect(slot.sk).toBe('MONTHS');
      expect([...(slot.s202603 as Set<string>)]).toEqual([storyId]);
      expect(slot.v202603).toBe(1);
      expect(listedIn(slot)).toEqual([storyId]);
      // Three months after the write that listed it: 2026-03-15 + 93 days.
      expect(slot[TTL_ATTRIBUTE]).toBe(NOW / 1000 + 93 * 86_400);
    }
    // The story's state does not expire with its slots.
    expect(all.find((item) => item.type === 'StoryState')?.[TTL_ATTRIBUTE]).toBeUndefined();
  });
});
