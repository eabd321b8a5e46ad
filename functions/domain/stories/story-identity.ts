import type { Certainty } from '../../contracts/vocabulary';

/**
 * A topic's story is one real-world event of the topic: the content story (story-grouping.ts)
 * that the article reporting it belongs to. Articles from many outlets, re-uploads, copies and
 * follow-ups all belong to it, so subscribers hear of it once, and again only when its certainty
 * changes in a way that matters; a second real event of the same kind is another content story,
 * and alerts again.
 *
 * Article items written before content stories name a `period` (`YYYY-MM` or `undated`) in each
 * match instead; their changes still claim the topic's story of that period.
 */
export type StoryRef = { storyId: string } | { period: string };

/** The story id of a topic's story as alerts and matches show it: `<topic>#<story id or period>`. */
export const topicStoryIdOf = (topicId: string, story: StoryRef) =>
  `${topicId}#${'storyId' in story ? story.storyId : story.period}`;

/** The story (content story id, or old period) of a topic's story id: `<topic>#<story>` → `<story>`. */
export const storyOfTopicStoryId = (topicStoryId: string) =>
  topicStoryId.slice(topicStoryId.lastIndexOf('#') + 1);

/**
 * How sure a story is, as a ladder: a later article that climbs it (speculative → planned →
 * confirmed) is news; one that stays or steps down is a duplicate. Denial sits apart: going to
 * or from denied is always news ("called off", then "back on").
 */
const LEVEL: Record<Exclude<Certainty, 'past'>, number> = {
  speculative: 1,
  conditional: 1,
  planned: 2,
  confirmed: 3,
  denied: 0,
};

export const certaintyLevel = (certainty: Certainty) => (certainty === 'past' ? -1 : LEVEL[certainty]);

export type StoryChange = 'new' | 'escalated' | 'flipped' | 'duplicate';

export const storyChange = (previous: Certainty | undefined, next: Certainty): StoryChange => {
  if (previous === undefined) return 'new';
  if ((previous === 'denied') !== (next === 'denied')) return 'flipped';
  return certaintyLevel(next) > certaintyLevel(previous) ? 'escalated' : 'duplicate';
};
