import type { DateMention } from '../language/analysis';
import { monthOfDate } from '../language/dates/dates';
import type { TopicMatch } from '../topics/match-topics';
import type { Certainty } from '../../contracts/vocabulary';

/**
 * A story is one real-world event of a tracked topic: "a Trump–Kim summit in November 2025".
 * Articles from many outlets, re-uploads and follow-ups all belong to it, so subscribers hear of
 * it once, and again only when its certainty changes in a way that matters.
 *
 * Identity: the topic plus the month the event is placed in. The month comes from a date in the
 * evidence itself that is not before the article ("next month" → 2025-11), else from the
 * article's own date: news reports events close to when they happen.
 */
export interface StoryRef {
  storyId: string;
  topicId: string;
  /** `YYYY-MM`, or `undated` when neither the evidence nor the article has a date. */
  period: string;
}

/** The story id of a match kept on an Article item: `<topic>#<period>`. */
export const storyIdOf = (match: { topicId: string; period: string }) => `${match.topicId}#${match.period}`;

export const storyOf = (match: TopicMatch, dates: DateMention[], publishedAt: string | null): StoryRef => {
  const evidenceSentences = new Set(match.evidence.map((e) => e.index));
  const notBefore = publishedAt?.slice(0, 7) ?? '';
  // A day, week or month places the event in a month (a week by its Monday); a year or quarter is too coarse.
  let period: string | null = null;
  for (const date of dates) {
    if (!evidenceSentences.has(date.sentence)) continue;
    const month = monthOfDate(date);
    if (month !== null && month >= notBefore) {
      period = month;
      break;
    }
  }
  period ??= publishedAt?.slice(0, 7) ?? 'undated';
  return { storyId: storyIdOf({ topicId: match.topicId, period }), topicId: match.topicId, period };
};

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
