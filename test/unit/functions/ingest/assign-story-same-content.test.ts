import { describe, expect, it } from 'vitest';
import { createAssignStory } from '../../../../functions/ingest/assign-story';
import { InMemoryStoryIndex } from '../../../support/in-memory-story-index';
import { storyArticleOf } from '../../../support/story-articles';

// Two founders of the same text found the same story id (storyIdFor hashes the content): the
// state's write is conditional on there being none, and an article about to found reads the id it
// would found first, so the second joins the first's story, as a copy of it.
const wire = storyArticleOf('chileQuakeWire');
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
