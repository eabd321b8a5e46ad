import { createHash } from 'node:crypto';
import type { AnalysedArticle } from '../language/analysis';
import {
  cosine,
  resemblance,
  storyProfileOf,
  strongest,
  type StoryProfile,
  type TermVector,
} from './story-profile';

/**
 * Which story an article belongs to, decided once at ingest by content and time, not by topic:
 * every article has one, matched or not. Single-pass clustering against a centroid: an article
 * joins the most similar story of the window when its cosine reaches JOIN_THRESHOLD, else it
 * starts one. A story's centroid is the sum of its first MAX_ORIGINALS originals: enough to stand
 * for the event (ECB+: as good as every member), and a story item that stops changing, so later
 * articles cost no write.
 *
 * A near-copy (MinHash resemblance ≥ COPY_RESEMBLANCE to one of the story's originals, or the same
 * content hash) joins as a *copy*: listed with the story, never a second alert.
 */
export const JOIN_THRESHOLD = 0.25;
export const COPY_RESEMBLANCE = 0.9;
export const MAX_ORIGINALS = 3;
/** Terms kept of a story's centroid. */
export const CENTROID_TERMS = 60;
/** Keys a new story is written under in the index (an article searches by SEARCH_KEYS). */
export const INDEX_KEYS = 4;
/** Candidate stories whose state is read and scored, best by the index first. */
export const MAX_CANDIDATES = 4;
/**
 * A key month of the index that already lists this many stories is too common to tell stories
 * apart ("e:united states" in a busy month): no more are added, as a stop word is never indexed.
 */
export const MAX_STORIES_PER_KEY = 100;

export interface StoryOriginal {
  /** The article's id: its S3 key, and `#<entry id>` for an entry of a feed. */
  articleId: string;
  contentHash: string;
  signature: Uint32Array;
}

export interface StoryState {
  storyId: string;
  /** The founding article's title. */
  title: string;
  /** The founding article's date (`YYYY-MM-DD`): its publication date, else its ingest date. */
  firstSeen: string;
  centroid: TermVector;
  originals: StoryOriginal[];
  /** Months (`YYYY-MM`) the story is written under in the index. */
  months: string[];
  /** Keys it is written under in each of those months. */
  keys: string[];
  /** Bumped on every write: the condition of the next. */
  revision: number;
}

export interface ArticleForStory {
  articleId: string;
  contentHash: string;
  title: string;
  /** `YYYY-MM-DD`: the publication date, else the ingest date. */
  date: string;
  profile: StoryProfile;
}

export type StoryRole = 'original' | 'copy';

export type StoryDecision =
  { kind: 'new' } | { kind: 'join'; story: StoryState; role: StoryRole; score: number; copyOf?: string };

/**
 * An analysed article as grouping sees it. `date`: its publication date, else the day it was
 * ingested (news is reported close to when it happens; an undated article is placed by arrival).
 */
export const articleForStory = (
  article: Pick<
    AnalysedArticle,
    'title' | 'publishedAt' | 'sentences' | 'entityDetails' | 'keyPhrases' | 'dates'
  >,
  ids: { articleId: string; contentHash: string; ingestedAt: string },
): ArticleForStory => ({
  articleId: ids.articleId,
  contentHash: ids.contentHash,
  title: article.title,
  date: article.publishedAt ?? ids.ingestedAt.slice(0, 10),
  profile: storyProfileOf(article),
});

export const monthOf = (date: string) => date.slice(0, 7);

/** The month `count` months before `month` (`YYYY-MM`). */
export const monthsBefore = (month: string, count: number) => {
  const [year, value] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (value - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The months whose index an article searches: its own and the one before, so a story of the
 * last weeks is found across a month boundary; a story goes on into a new month when an article
 * of that month joins it (it is written under the new month then: see `reindexMonth`).
 */
export const searchMonths = (date: string) => [monthOf(date), monthsBefore(monthOf(date), 1)];

/**
 * The story id: the month it began and a hash of its founding article's content, so a replay of
 * the same uploads into an empty table founds the same ids.
 */
export const storyIdFor = (article: Pick<ArticleForStory, 'contentHash' | 'date'>) =>
  `${monthOf(article.date)}-${createHash('sha256').update(article.contentHash).digest('hex').slice(0, 10)}`;

const byScore = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Candidate story ids from what the index lists under the article's keys, best first: the sum of
 * the article's weights of the keys that list the story. Only these are read and scored.
 */
export const rankCandidates = (
  profile: Pick<StoryProfile, 'terms'>,
  listed: ReadonlyArray<{ key: string; storyIds: readonly string[] }>,
  limit = MAX_CANDIDATES,
): string[] => {
  const scores = new Map<string, number>();
  for (const { key, storyIds } of listed) {
    const weight = profile.terms.get(key) ?? 0;
    for (const id of storyIds) scores.set(id, (scores.get(id) ?? 0) + weight);
  }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort(byScore)
    .slice(0, limit)
    .map(({ id }) => id);
};

export const decideStory = (article: ArticleForStory, candidates: readonly StoryState[]): StoryDecision => {
  // The same content again (a replay, a re-upload under another key) or a near-copy of an original.
  for (const story of [...candidates].sort((a, b) => (a.storyId < b.storyId ? -1 : 1))) {
    for (const original of story.originals) {
      if (original.contentHash === article.contentHash) {
        return original.articleId === article.articleId
          ? { kind: 'join', story, role: 'original', score: 1 }
          : { kind: 'join', story, role: 'copy', score: 1, copyOf: original.articleId };
      }
    }
  }
  let best: { story: StoryState; score: number; copyOf?: string } | undefined;
  for (const story of candidates) {
    const copyOf = story.originals.find(
      (original) => resemblance(original.signature, article.profile.signature) >= COPY_RESEMBLANCE,
    );
    const score = copyOf ? 1 : cosine(article.profile.terms, story.centroid);
    if (!best || score > best.score || (score === best.score && story.storyId < best.story.storyId)) {
      best = { story, score, ...(copyOf ? { copyOf: copyOf.articleId } : {}) };
    }
  }
  if (!best || best.score < JOIN_THRESHOLD) return { kind: 'new' };
  return best.copyOf
    ? { kind: 'join', story: best.story, role: 'copy', score: best.score, copyOf: best.copyOf }
    : { kind: 'join', story: best.story, role: 'original', score: best.score };
};

export const newStory = (article: ArticleForStory): StoryState => ({
  storyId: storyIdFor(article),
  title: article.title,
  firstSeen: article.date,
  centroid: article.profile.terms,
  originals: [
    { articleId: article.articleId, contentHash: article.contentHash, signature: article.profile.signature },
  ],
  months: [monthOf(article.date)],
  keys: article.profile.keys.slice(0, INDEX_KEYS),
  revision: 0,
});

const centroidKeys = (centroid: TermVector) => [...centroid.keys()].slice(0, INDEX_KEYS);

/**
 * The story after an article joined it, and the slots it is to be listed in anew: null when
 * nothing of it changes (the usual case: a story stops changing after its first originals, unless
 * it goes on into a new month). A centroid that learnt a new strongest key is listed under it too.
 */
export const joinedStory = (
  story: StoryState,
  article: ArticleForStory,
  role: StoryRole,
): { story: StoryState; listUnder: { key: string; month: string }[] } | null => {
  const month = monthOf(article.date);
  const known = story.originals.some((original) => original.articleId === article.articleId);
  const learns = role === 'original' && !known && story.originals.length < MAX_ORIGINALS;
  const newMonth = !story.months.includes(month);
  if (!learns && !newMonth) return null;
  let { centroid, originals } = story;
  if (learns) {
    const sum = new Map(centroid);
    for (const [key, weight] of article.profile.terms) sum.set(key, (sum.get(key) ?? 0) + weight);
    centroid = strongest(sum, CENTROID_TERMS, false);
    originals = [
      ...originals,
      {
        articleId: article.articleId,
        contentHash: article.contentHash,
        signature: article.profile.signature,
      },
    ];
  }
  const keys = centroidKeys(centroid);
  const listUnder = newMonth
    ? keys.map((key) => ({ key, month }))
    : keys.filter((key) => !story.keys.includes(key)).map((key) => ({ key, month }));
  return {
    story: {
      ...story,
      centroid,
      originals,
      months: newMonth ? [...story.months, month].sort() : story.months,
      keys: [...new Set([...story.keys, ...keys])],
      revision: story.revision + 1,
    },
    listUnder,
  };
};
