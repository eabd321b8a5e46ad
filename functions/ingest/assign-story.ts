import {
  INDEX_KEYS,
  MAX_STORIES_PER_KEY,
  decideStory,
  joinedStory,
  monthOf,
  newStory,
  rankCandidates,
  searchMonths,
  storyIdFor,
  type ArticleForStory,
  type StoryDecision,
  type StoryRole,
} from '../domain/stories/story-grouping';
import { TransientError } from '../ports/errors';
import type { StoryIndex, StoryIndexSlot } from '../ports/ports';

/** Rounds of read, decide and conditional write before the event is left to a retry. */
const MAX_ROUNDS = 4;

export interface StoryAssignment {
  storyId: string;
  role: StoryRole;
  /** This article founded the story. */
  founded: boolean;
  /** Cosine to the story's centroid (1 for a copy); absent for a founder. */
  score?: number;
  /** A copy: the original it repeats. */
  copyOf?: string;
}

/**
 * After a lost race, the story this article would found may exist already: a founder of the same
 * text (a re-upload, the same event delivered twice at once) was first, or crashed before listing
 * it. Then the article joins it, listing it first if no slot of its month does ('changed' when
 * that write lost). The first round leaves this read out: the state's conditional write tells.
 */
const foundBefore = async (
  index: StoryIndex,
  article: ArticleForStory,
  slots: readonly StoryIndexSlot[],
): Promise<StoryDecision | 'changed' | undefined> => {
  const [existing] = await index.read([storyIdFor(article)]);
  if (!existing) return undefined;
  const decision = decideStory(article, [existing]);
  const month = monthOf(article.date);
  const listed = slots.some((slot) => slot.month === month && slot.storyIds.includes(existing.storyId));
  if (decision.kind !== 'join' || listed) return decision;
  const relisted = { ...existing, revision: existing.revision + 1 };
  const written = await index.update(
    relisted,
    existing.keys.map((key) => ({ key, month })),
  );
  return written ? decision : 'changed';
};

/**
 * The story use case of ingest: search the index by the article's strongest keys in its month and
 * the one before, score the best-listed stories, join one or found one. Reads are bounded
 * (SEARCH_KEYS × 2 slots, MAX_CANDIDATES states); most articles write nothing, since a story's
 * state stops changing after its first originals.
 */
export const createAssignStory =
  (index: StoryIndex) =>
  async (article: ArticleForStory): Promise<StoryAssignment> => {
    // Nothing to find it by (a headline of digits, a list of numbers): a story of its own, and of
    // the same text again, with nothing written for it.
    if (article.profile.keys.length === 0) {
      return { storyId: newStory(article).storyId, role: 'original', founded: true };
    }
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const slots = await index.lookup(article.profile.keys, searchMonths(article.date));
      const candidates = await index.read(rankCandidates(article.profile, slots));
      let decision = decideStory(article, candidates);
      if (decision.kind === 'new' && round > 0) {
        const found = await foundBefore(index, article, slots);
        if (found === 'changed') continue;
        decision = found ?? decision;
      }
      if (decision.kind === 'join') {
        const { story, role, score } = decision;
        const assignment = {
          storyId: story.storyId,
          role,
          founded: false,
          score,
          ...(decision.copyOf ? { copyOf: decision.copyOf } : {}),
        };
        const changed = joinedStory(story, article, role);
        if (!changed || (await index.update(changed.story, changed.listUnder))) return assignment;
        continue;
      }
      const story = newStory(article);
      const month = monthOf(article.date);
      const writable = slots.filter(
        (slot) =>
          slot.month === month && story.keys.includes(slot.key) && slot.storyIds.length < MAX_STORIES_PER_KEY,
      );
      // Every key too common to list more stories: the story is still founded, under its first key.
      const under = writable.length > 0 ? writable : slots.filter((s) => s.month === month).slice(0, 1);
      if (await index.create({ ...story, keys: under.map((slot) => slot.key).slice(0, INDEX_KEYS) }, under)) {
        return { storyId: story.storyId, role: 'original', founded: true };
      }
    }
    throw new TransientError(`story of ${article.articleId} changed under ${MAX_ROUNDS} rounds in a row`);
  };

export type AssignStory = ReturnType<typeof createAssignStory>;
