import type { AnalysedArticle, RankedSentence } from '../analysis';
import { headlineFrom } from './headline';
import type { Token } from '../tokenise';

/** What the summariser knows of one summary candidate (a body sentence). */
export interface SummaryCandidate {
  /** Position of the sentence in the article. */
  index: number;
  /** Content terms (see content-words.ts). */
  terms: readonly string[];
  /** Words in the sentence, content or not. */
  words: number;
  /** Ids of the entities the sentence mentions, once per mention. */
  entities: readonly string[];
  /** Starts with a quotation mark, a pronoun or a connective: it leans on the sentence before. */
  dependent: boolean;
}

// Feature weights, set with a coarse grid on the BBC News Summary set (`npm run eval:summary`):
// centrality carries most of the signal there; position and entities are kept smaller but non-zero
// because real leads and named actors matter more in today's copy than in that 2005 corpus.
// Position decays as 1/√rank, so the lead still wins a close call.
const POSITION_WEIGHT = 0.5;
const CENTRALITY_WEIGHT = 1.2;
const ENTITY_WEIGHT = 0.2;
const SHORT_SENTENCE_WORDS = 8;
const LONG_SENTENCE_WORDS = 55;
const SHORT_PENALTY = 0.5;
const LONG_PENALTY = 0.85;
const DEPENDENT_PENALTY = 0.85;
// Jaccard similarity of content terms above which two sentences say the same thing.
const NEAR_DUPLICATE = 0.5;

// Openings that refer back to the sentence before; out of context they read as non sequiturs.
const DEPENDENT_OPENERS: ReadonlySet<string> = new Set([
  'he',
  'she',
  'it',
  'they',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'its',
  'their',
  'but',
  'and',
  'so',
  'however',
  'also',
  'meanwhile',
  'yet',
  'still',
  'instead',
  'then',
  'there',
]);
const QUOTE = /^["'“‘]$/;

/** Whether a sentence starts by leaning on the one before: a quotation, "But", "He", "This". */
export const leansOnPrevious = (tokens: readonly Token[]): boolean => {
  const first = tokens[0]?.text ?? '';
  return QUOTE.test(first) || DEPENDENT_OPENERS.has(first.toLowerCase());
};

/**
 * Cosine similarity of a sentence with the centroid of the *rest* of the document. Leaving the
 * sentence out stops long sentences scoring high merely by containing their own words. O(terms).
 *
 * Terms are integer ids, `ids[from..to)`; `own` is a scratch array of per-term counts, zero on
 * entry and on exit.
 */
const centrality = (
  ids: readonly number[],
  from: number,
  to: number,
  own: Int32Array,
  doc: Int32Array,
  docNormSquared: number,
) => {
  for (let k = from; k < to; k += 1) {
    const id = ids[k] ?? 0;
    own[id] = (own[id] ?? 0) + 1;
  }
  let dot = 0;
  let ownNormSquared = 0;
  let overlap = 0;
  for (let k = from; k < to; k += 1) {
    const id = ids[k] ?? 0;
    const count = own[id] ?? 0;
    if (count === 0) continue; // a repeated term, already counted
    const total = doc[id] ?? 0;
    dot += count * (total - count);
    ownNormSquared += count * count;
    overlap += count * total;
    own[id] = 0;
  }
  // |D - s|² = |D|² - 2 s·D + |s|²
  const restNormSquared = docNormSquared - 2 * overlap + ownNormSquared;
  if (dot <= 0 || restNormSquared <= 0) return 0;
  return dot / Math.sqrt(ownNormSquared * restNormSquared);
};

const normalise = (values: Float64Array) => {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) / max;
  return values;
};

/**
 * Most sentences kept in a ranking. A summary of any budget is cut from these, so a sentence
 * ranked lower is never summarised (no budget in use reaches that far); the cap bounds the
 * pairwise redundancy check (60² / 2 comparisons at most) and the ranking's size when it is
 * stored with the article (60 entries of a few numbers: a few KB of the 400 KB DynamoDB item).
 */
export const MAX_RANKED = 60;

/**
 * Candidates ranked for an extractive summary, best first, with the near-duplicates of each
 * among those ranked above it (at most {@link MAX_RANKED}).
 *
 * Score = position (news is written lead first) + centrality (how much of the article's
 * vocabulary the sentence shares) + entity weight (mentions of the article's most mentioned
 * people, organisations and places), with penalties for fragments, very long sentences and
 * sentences that lean on the one before. Linear in the number of tokens, plus the pairs of the
 * ranked sentences for redundancy.
 */
export const rankSentences = (candidates: readonly SummaryCandidate[]): RankedSentence[] => {
  const n = candidates.length;
  if (n === 0) return [];

  // Terms become small integers so that counting is array indexing, not string hashing. All
  // sentences' ids share one array: sentence i has ids[starts[i] .. starts[i + 1]).
  const termIds = new Map<string, number>();
  const entityCounts = new Map<string, number>();
  const ids: number[] = [];
  const starts: number[] = [];
  for (const c of candidates) {
    starts.push(ids.length);
    for (const term of c.terms) {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      ids.push(id);
    }
    for (const id of c.entities) entityCounts.set(id, (entityCounts.get(id) ?? 0) + 1);
  }
  starts.push(ids.length);
  const doc = new Int32Array(termIds.size);
  for (const id of ids) doc[id] = (doc[id] ?? 0) + 1;
  let docNormSquared = 0;
  for (const total of doc) docNormSquared += total * total;
  let topEntityCount = 1;
  for (const total of entityCounts.values()) if (total > topEntityCount) topEntityCount = total;

  const central = new Float64Array(n);
  const entity = new Float64Array(n);
  const own = new Int32Array(termIds.size);
  candidates.forEach((c, i) => {
    central[i] = centrality(ids, starts[i] ?? 0, starts[i + 1] ?? 0, own, doc, docNormSquared);
    let weight = 0;
    c.entities.forEach((id, k) => {
      // Once per entity and sentence: the first of its mentions counts.
      if (c.entities.indexOf(id) === k) weight += (entityCounts.get(id) ?? 0) / topEntityCount;
    });
    entity[i] = weight / Math.sqrt(Math.max(c.words, 1));
  });
  normalise(central);
  normalise(entity);

  const scores = new Float64Array(n);
  candidates.forEach((c, rank) => {
    let score =
      POSITION_WEIGHT / Math.sqrt(rank + 1) +
      CENTRALITY_WEIGHT * (central[rank] ?? 0) +
      ENTITY_WEIGHT * (entity[rank] ?? 0);
    if (c.words < SHORT_SENTENCE_WORDS) score *= SHORT_PENALTY;
    if (c.words > LONG_SENTENCE_WORDS) score *= LONG_PENALTY;
    if (c.dependent) score *= DEPENDENT_PENALTY;
    scores[rank] = score;
  });

  // Best first, equal scores in article order: repeated scans, as only the top MAX_RANKED are
  // wanted. Scores are never negative; a taken one is set to -1.
  const order: number[] = [];
  while (order.length < Math.min(n, MAX_RANKED)) {
    let best = 0;
    for (let i = 1; i < n; i += 1) if ((scores[i] ?? -1) > (scores[best] ?? -1)) best = i;
    order.push(best);
    scores[best] = -1;
  }
  // Each ranked sentence's distinct term ids, packed in one array: sentence r's are
  // distinct[rankStarts[r] .. rankStarts[r + 1]). `own` is zero after centrality; it now holds,
  // per term, 1 + the rank that last wrote it.
  const distinct: number[] = [];
  const rankStarts: number[] = [];
  order.forEach((i, rank) => {
    rankStarts.push(distinct.length);
    for (let k = starts[i] ?? 0; k < (starts[i + 1] ?? 0); k += 1) {
      const id = ids[k] ?? 0;
      if (own[id] === rank + 1) continue;
      own[id] = rank + 1;
      distinct.push(id);
    }
  });
  rankStarts.push(distinct.length);

  const ranked: RankedSentence[] = [];
  for (let rank = 0; rank < order.length; rank += 1) {
    const from = rankStarts[rank] ?? 0;
    const to = rankStarts[rank + 1] ?? 0;
    // Mark this sentence's terms with a value no other sentence uses.
    const mark = -(rank + 1);
    for (let k = from; k < to; k += 1) own[distinct[k] ?? 0] = mark;
    const repeats: number[] = [];
    for (let better = 0; better < rank; better += 1) {
      const otherFrom = rankStarts[better] ?? 0;
      const otherTo = rankStarts[better + 1] ?? 0;
      // Jaccard similarity is at most the ratio of the sizes: most pairs need no counting.
      const size = to - from;
      const otherSize = otherTo - otherFrom;
      if (Math.min(size, otherSize) <= NEAR_DUPLICATE * Math.max(size, otherSize)) continue;
      let shared = 0;
      for (let k = otherFrom; k < otherTo; k += 1) if (own[distinct[k] ?? 0] === mark) shared += 1;
      if (shared / (size + otherSize - shared) > NEAR_DUPLICATE)
        repeats.push(candidates[order[better] ?? 0]?.index ?? 0);
    }
    const candidate = candidates[order[rank] ?? 0];
    ranked.push({ index: candidate?.index ?? 0, words: candidate?.words ?? 0, repeats });
  }
  return ranked;
};

/** How long a summary may be: sentences, words, or both (both must hold). */
export interface SummaryLimits {
  sentences?: number;
  words?: number;
}

/**
 * A summary budget: `sms` is one line of at most {@link SMS_CHARS} characters, `email` three
 * sentences (what `summary` holds by default), `long` six; or explicit limits.
 */
export type SummaryBudget = 'sms' | 'email' | 'long' | SummaryLimits;

export const EMAIL_SENTENCES = 3;
export const LONG_SENTENCES = 6;
/** Longest summary line, in characters: one SMS with room to spare, a notification's preview. */
export const SMS_CHARS = 140;

const checkLimit = (name: string, value: number | undefined) => {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
};

/**
 * Sentence indices of the best ranked sentences within the limits, in article order. Greedy,
 * best first: a sentence that would break the word limit is passed over for a shorter one
 * further down; a near-duplicate of one already chosen is never taken. With a word limit that
 * not even the shortest ranked sentence fits, the summary is empty.
 *
 * @throws RangeError when a limit is not a non-negative integer.
 */
export const selectWithin = (ranking: readonly RankedSentence[], limits: SummaryLimits): number[] => {
  checkLimit('sentences', limits.sentences);
  checkLimit('words', limits.words);
  const maxSentences = limits.sentences ?? Number.POSITIVE_INFINITY;
  let wordsLeft = limits.words ?? Number.POSITIVE_INFINITY;
  const chosen: number[] = [];
  for (const ranked of ranking) {
    if (chosen.length >= maxSentences) break;
    if (ranked.words > wordsLeft) continue;
    if (ranked.repeats.some((index) => chosen.includes(index))) continue;
    chosen.push(ranked.index);
    wordsLeft -= ranked.words;
  }
  return chosen.sort((a, b) => a - b);
};

/**
 * One line of at most `max` characters from a sentence: the sentence itself when it fits, else
 * cut at a clause boundary as headlines are (attribution dropped first) and ended with "…".
 */
export const summaryLineOf = (sentence: string, max = SMS_CHARS): string => {
  // Sentences come with their whitespace collapsed already; anything else is made one line.
  const text = /[^\S ]| {2}|^ | $/.test(sentence) ? sentence.replace(/\s+/g, ' ').trim() : sentence;
  if (text.length <= max) return text;
  let cut = headlineFrom(text, max - 1);
  if (cut.length > max - 1) {
    // headlineFrom may close a quotation it opened: cut once more at a word.
    const space = cut.lastIndexOf(' ', max - 1);
    cut = cut.slice(0, space > 0 ? space : max - 1);
  }
  return `${cut}…`;
};

const limitsOf = (budget: Exclude<SummaryBudget, 'sms'>): SummaryLimits => {
  if (budget === 'email') return { sentences: EMAIL_SENTENCES };
  if (budget === 'long') return { sentences: LONG_SENTENCES };
  // No limit at all reads as the default budget, not as "everything".
  return budget.sentences === undefined && budget.words === undefined
    ? { sentences: EMAIL_SENTENCES }
    : budget;
};

/**
 * A summary of an analysed article within a budget, cut from its stored ranking: no analysis is
 * repeated, so this is cheap enough to call per subscriber or per evaluation run.
 * `summaryFor(a, { words: 60 })` gives the best sentences whose words add up to 60 at most;
 * `summaryFor(a, 'sms')` is `[a.summaryLine]`. Sentences come in article order.
 *
 * @throws RangeError when a limit is not a non-negative integer.
 */
export const summaryFor = (
  analysed: Pick<AnalysedArticle, 'sentences' | 'summaryRanking' | 'summaryLine'>,
  budget: SummaryBudget,
): string[] => {
  if (budget === 'sms') return analysed.summaryLine === '' ? [] : [analysed.summaryLine];
  return selectWithin(analysed.summaryRanking, limitsOf(budget)).map(
    (index) => analysed.sentences[index]?.text ?? '',
  );
};
