import type { Token } from './tokenise';

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

// Feature weights, set with a coarse grid on the BBC News Summary set (test/unit/domain/bench):
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
 * Terms are integer ids; `own` is a scratch array of per-term counts, zero on entry and on exit.
 */
const centrality = (ids: Int32Array, own: Int32Array, doc: Int32Array, docNormSquared: number) => {
  for (const id of ids) own[id] = (own[id] ?? 0) + 1;
  let dot = 0;
  let ownNormSquared = 0;
  let overlap = 0;
  for (const id of ids) {
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

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
};

const normalise = (values: Float64Array) => {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < values.length; i += 1) values[i] = (values[i] ?? 0) / max;
  return values;
};

/**
 * Extractive summary: the indices of the `count` best candidates, in article order.
 *
 * Score = position (news is written lead first) + centrality (how much of the article's
 * vocabulary the sentence shares) + entity weight (mentions of the article's most mentioned
 * people, organisations and places), with penalties for fragments, very long sentences and
 * sentences that lean on the one before. Near-duplicates of a chosen sentence are skipped.
 * Linear in the number of tokens (times `count` for the selection).
 */
export const summarise = (candidates: readonly SummaryCandidate[], count: number): number[] => {
  const n = candidates.length;
  if (count <= 0 || n === 0) return [];

  // Terms become small integers so that counting is array indexing, not string hashing.
  const termIds = new Map<string, number>();
  const entityCounts = new Map<string, number>();
  const sentenceTerms = candidates.map((c) => {
    const ids = new Int32Array(c.terms.length);
    c.terms.forEach((term, k) => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      ids[k] = id;
    });
    for (const id of c.entities) entityCounts.set(id, (entityCounts.get(id) ?? 0) + 1);
    return ids;
  });
  const doc = new Int32Array(termIds.size);
  for (const ids of sentenceTerms) for (const id of ids) doc[id] = (doc[id] ?? 0) + 1;
  let docNormSquared = 0;
  for (const total of doc) docNormSquared += total * total;
  let topEntityCount = 1;
  for (const total of entityCounts.values()) if (total > topEntityCount) topEntityCount = total;

  const central = new Float64Array(n);
  const entity = new Float64Array(n);
  const own = new Int32Array(termIds.size);
  candidates.forEach((c, i) => {
    central[i] = centrality(sentenceTerms[i] ?? new Int32Array(0), own, doc, docNormSquared);
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

  // Greedy selection, best first; `count` is small, so repeated scans beat sorting everything.
  const chosen: number[] = [];
  const chosenTerms: Set<string>[] = [];
  const taken = new Uint8Array(n);
  while (chosen.length < count) {
    let best = -1;
    for (let i = 0; i < n; i += 1)
      if (!taken[i] && (best < 0 || (scores[i] ?? 0) > (scores[best] ?? 0))) best = i;
    if (best < 0) break;
    taken[best] = 1;
    const terms = new Set(candidates[best]?.terms);
    if (chosenTerms.some((other) => jaccard(terms, other) > NEAR_DUPLICATE)) continue;
    chosen.push(best);
    chosenTerms.push(terms);
  }
  return chosen.sort((a, b) => a - b).map((i) => candidates[i]?.index ?? 0);
};
