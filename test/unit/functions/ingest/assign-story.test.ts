import { describe, expect, it } from 'vitest';
import type { StoryState } from '../../../../functions/domain/stories/story-grouping';
import { createAssignStory } from '../../../../functions/ingest/assign-story';
import { TransientError } from '../../../../functions/ports/errors';
import type { StoryIndex } from '../../../../functions/ports/ports';
import { seededRandom, shuffled } from '../../../../infra/training/seeded';
import { InMemoryStoryIndex } from '../../../support/in-memory/in-memory-story-index';
import {
  STORY_TEXTS,
  STORY_TEXT_EVENT,
  storyArticle,
  storyArticleOf,
  type StoryTextName,
} from '../../../support/story-articles';

const wire = storyArticleOf('chileQuakeWire');
const otherOutlet = storyArticleOf('chileQuakeOtherOutlet');

/** Every story id the index lists has a state, and every state is listed: nothing left behind. */
const expectConsistent = (index: InMemoryStoryIndex) => {
  const listed = new Set([...index.slots.values()].flatMap((slot) => [...slot.storyIds]));
  expect([...listed].sort()).toEqual([...index.states.keys()].sort());
};

/** Groups of item indices, independent of the ids the groups were given. */
const partition = (labels: readonly string[]) => {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), i]));
  return [...groups.values()].map((group) => group.join(',')).sort();
};

describe('assigning a story', () => {
  it('founds a story, joins another outlet on the event to it, and makes a re-upload a copy', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);

    const founded = await assign(wire);
    expect(founded).toEqual({ storyId: expect.stringMatching(/^2026-03-/), role: 'original', founded: true });

    const joined = await assign(otherOutlet);
    expect(joined).toMatchObject({ storyId: founded.storyId, role: 'original', founded: false });
    expect(joined.score).toBeGreaterThan(0.25);
    expect(joined.copyOf).toBeUndefined();
    // It learnt from the second original.
    expect(index.states.get(founded.storyId)?.originals.map((o) => o.articleId)).toEqual([
      wire.articleId,
      otherOutlet.articleId,
    ]);

    const copy = await assign({ ...wire, articleId: 'articles/reupload.txt' });
    expect(copy).toEqual({
      storyId: founded.storyId,
      role: 'copy',
      founded: false,
      score: 1,
      copyOf: wire.articleId,
    });

    const replay = await assign(wire);
    expect(replay).toEqual({ storyId: founded.storyId, role: 'original', founded: false, score: 1 });

    expect(index.states.size).toBe(1);
    expect(index.counts.conflicts).toBe(0);
    expectConsistent(index);
  });

  it('founds another story for another event of the same kind', async () => {
    const assign = createAssignStory(new InMemoryStoryIndex());
    const chile = await assign(wire);
    const turkey = await assign(storyArticleOf('turkeyQuakeWire'));
    expect(turkey.founded).toBe(true);
    expect(turkey.storyId).not.toBe(chile.storyId);
  });

  it('writes nothing for an article that changes no story', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    await assign(wire);
    const writes = index.counts.slotWrites + index.counts.stateWrites;
    await assign({ ...wire, articleId: 'articles/reupload.txt' });
    await assign(wire);
    expect(index.counts.slotWrites + index.counts.stateWrites).toBe(writes);
  });

  it('joins the winner when another founder of the event lists its story first', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    let rival: Awaited<ReturnType<typeof assign>> | undefined;
    index.beforeSlotWrite = async () => {
      if (rival) return;
      // The wire has written its state and read its slots as empty; the other outlet, in another
      // Lambda, looks up now, finds nothing and founds first.
      index.beforeSlotWrite = undefined;
      rival = await assign(otherOutlet);
    };
    const loser = await assign(wire);
    expect(rival).toMatchObject({ founded: true, role: 'original' });
    expect(loser).toMatchObject({ storyId: rival!.storyId, founded: false, role: 'original' });
    expect(index.counts.conflicts).toBeGreaterThanOrEqual(1);
    expect(index.states.size).toBe(1);
    expect(index.states.get(rival!.storyId)?.originals.map((o) => o.articleId)).toEqual([
      otherOutlet.articleId,
      wire.articleId,
    ]);
    expectConsistent(index);
  });

  it('ends with one story when two near-copies of one event are assigned at once', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    const copy = storyArticle(
      STORY_TEXTS.chileQuakeWire.replace('Earthquake strikes northern Chile', 'Strong quake in Chile'),
      'articles/chile-copy.txt',
    );
    expect(copy.contentHash).not.toBe(wire.contentHash);
    const [a, b] = await Promise.all([assign(wire), assign(copy)]);
    expect(a.storyId).toBe(b.storyId);
    expect([a.founded, b.founded].sort()).toEqual([false, true]);
    // Both read an empty index before either wrote: the race was run, and lost by one.
    expect(index.counts.conflicts).toBeGreaterThanOrEqual(1);
    expect(index.states.size).toBe(1);
    expectConsistent(index);
  });

  it('ends with one story when two outlets on one event are assigned at once', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    const [a, b] = await Promise.all([assign(wire), assign(otherOutlet)]);
    expect(a.storyId).toBe(b.storyId);
    expect(index.counts.conflicts).toBeGreaterThanOrEqual(1);
    expect(index.states.size).toBe(1);
    expectConsistent(index);
  });

  it('gives up to a retry with a TransientError when every founding loses its race', async () => {
    const index = new InMemoryStoryIndex();
    let creates = 0;
    const losing: StoryIndex = {
      lookup: (keys, months) => index.lookup(keys, months),
      read: (ids) => index.read(ids),
      create: async () => {
        creates += 1;
        return false;
      },
      update: (story, listUnder) => index.update(story, listUnder),
    };
    await expect(createAssignStory(losing)(wire)).rejects.toBeInstanceOf(TransientError);
    expect(creates).toBe(4);
  });

  it('gives up to a retry when the story changes under every join', async () => {
    const index = new InMemoryStoryIndex();
    await createAssignStory(index)(wire);
    let updates = 0;
    const changing: StoryIndex = {
      lookup: (keys, months) => index.lookup(keys, months),
      read: (ids) => index.read(ids),
      create: (story, slots) => index.create(story, slots),
      update: async (_story: StoryState) => {
        updates += 1;
        return false;
      },
    };
    await expect(createAssignStory(changing)(otherOutlet)).rejects.toThrow(TransientError);
    expect(updates).toBe(4);
    expect(index.states.size).toBe(1);
  });

  it('groups distinct events into the same partition in any order of arrival', async () => {
    const names = Object.keys(STORY_TEXTS) as StoryTextName[];
    const articles = names.map((name) => storyArticleOf(name));
    const gold = partition(names.map((name) => STORY_TEXT_EVENT[name]));
    const run = async (order: readonly number[]) => {
      const assign = createAssignStory(new InMemoryStoryIndex());
      const stories: string[] = new Array<string>(articles.length);
      for (const i of order) stories[i] = (await assign(articles[i]!)).storyId;
      return partition(stories);
    };
    const inOrder = names.map((_, i) => i);
    expect(await run(inOrder)).toEqual(gold);
    for (let seed = 1; seed <= 5; seed += 1) {
      expect(await run(shuffled(inOrder, seededRandom(seed)))).toEqual(gold);
    }
  });
});

// Two founders of the same text found the same story id (storyIdFor hashes the content): the
// state's write is conditional on there being none, and an article about to found reads the id it
// would found first, so the second joins the first's story, as a copy of it.
const reupload = { ...wire, articleId: 'articles/reupload.txt' };

describe('two founders of the same content at once', () => {
  it('make one story: the first founds it, the re-upload is its copy', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    const [a, b] = await Promise.all([assign(wire), assign(reupload)]);
    expect(a.storyId).toBe(b.storyId);
    expect([a, b].filter((assignment) => assignment.founded)).toHaveLength(1);
    expect([a.role, b.role].sort()).toEqual(['copy', 'original']);
    const founder = a.founded ? wire : reupload;
    expect(index.states.get(a.storyId)?.originals.map((original) => original.articleId)).toEqual([
      founder.articleId,
    ]);
  });

  it('leave the story its founder was told of readable while another article arrives', async () => {
    const index = new InMemoryStoryIndex();
    const assign = createAssignStory(index);
    const create = index.create.bind(index);
    let third: Awaited<ReturnType<typeof assign>> | undefined;
    let arrived = false;
    // Between the loser's withdrawal and its next round, another outlet on the event arrives.
    index.create = async (story, slots) => {
      const created = await create(story, slots);
      if (!created && !arrived) {
        arrived = true;
        third = await assign(storyArticleOf('chileQuakeOtherOutlet'));
      }
      return created;
    };
    const [a, b] = await Promise.all([assign(wire), assign(reupload)]);
    for (const assignment of [a, b, third!]) expect(index.states.has(assignment.storyId)).toBe(true);
    expect(new Set([a.storyId, b.storyId, third!.storyId]).size).toBe(1);
  });
});
