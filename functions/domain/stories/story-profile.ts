import { tokensOf, type AnalysedArticle } from '../language/analysis';
import { hashFeature, mixHash } from '../language/feature-hash';

/**
 * What an article is about, as a weighted bag of terms, and what its text is, as a MinHash
 * signature: the two things story grouping compares (see story-grouping.ts). Pure: computed at
 * ingest from the analysis, never from the stored item.
 *
 * Terms, each named by a one-letter kind so that a person and a word never collide:
 * - `e:` entities by canonical name, weighted by kind (a person says more about which event it is
 *   than a place: two earthquakes in one country are two stories) and by mentions;
 * - `w:` nouns and proper nouns of the text, the headline and lede counting double;
 * - `k:` key phrases;
 * - `t:` the years and months of dates the text states outright ("in 2013", "on 26 September
 *   2013"): two events of a kind are told apart by when they happened even when no outlet dated
 *   the article.
 * Weights are log-damped counts, the vector cut to its strongest terms and made unit length.
 * Tuned on the ECB+ shared half (test/eval/eval-stories.ts); kinds and weights, not word lists.
 */
export type TermVector = ReadonlyMap<string, number>;

export interface StoryProfile {
  terms: TermVector;
  /** The strongest terms, strongest first: the keys the story index is searched and written by. */
  keys: string[];
  /** MinHash of the body's word 5-grams: resemblance to another article's, see `resemblance`. */
  signature: Uint32Array;
}

const ENTITY_WEIGHT = { person: 3, organization: 2, place: 1.5 } as const;
const WORD_WEIGHT = 1;
const LEAD_WEIGHT = 2;
/** Headline and the first two sentences: where news says what happened. */
const LEAD_SENTENCES = 3;
const KEY_PHRASE_WEIGHT = 1;
const YEAR_WEIGHT = 3;
const MONTH_WEIGHT = 2;
/** Terms kept of an article's vector. */
export const PROFILE_TERMS = 60;
/** Keys an article searches the index by. */
export const SEARCH_KEYS = 8;
const MIN_WORD_LENGTH = 3;
/** Sentences that frame the story rather than tell it. */
const FRAME_ROLES: ReadonlySet<string> = new Set(['byline', 'dateline']);
const CONTENT_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN']);

/** A plural's ending off ("earthquakes" → "earthquake", "authorities" → "authority"), so that a headline and a body agree. */
const stem = (word: string) => {
  if (word.length <= 4 || !word.endsWith('s') || word.endsWith('ss')) return word;
  return word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1);
};

const add = (vector: Map<string, number>, key: string, weight: number) =>
  vector.set(key, (vector.get(key) ?? 0) + weight);

const damp = (count: number) => 1 + Math.log(count);

/**
 * The strongest `limit` terms, strongest first (ties by name, so the cut is the same on every
 * run), made unit length unless `unit` is false (a centroid keeps its sum).
 */
export const strongest = (
  vector: ReadonlyMap<string, number>,
  limit: number,
  unit = true,
): Map<string, number> => {
  const kept = [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const norm = unit ? Math.sqrt(kept.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1 : 1;
  return new Map(kept.map(([key, weight]) => [key, weight / norm]));
};

export const termsOf = (
  article: Pick<AnalysedArticle, 'sentences' | 'entityDetails' | 'keyPhrases' | 'dates'>,
): Map<string, number> => {
  const vector = new Map<string, number>();
  for (const entity of article.entityDetails) {
    add(vector, `e:${entity.name.toLowerCase()}`, ENTITY_WEIGHT[entity.type] * damp(entity.mentions));
  }
  const words = new Map<string, number>();
  for (const sentence of article.sentences) {
    if (FRAME_ROLES.has(sentence.role)) continue;
    const weight = sentence.index < LEAD_SENTENCES ? LEAD_WEIGHT : 1;
    for (const token of tokensOf(sentence) ?? []) {
      if (!token.word || token.stopWord || !CONTENT_POS.has(token.pos)) continue;
      if (token.lower.length < MIN_WORD_LENGTH) continue;
      add(words, stem(token.lower), weight);
    }
  }
  for (const [word, count] of words) add(vector, `w:${word}`, WORD_WEIGHT * damp(count));
  for (const phrase of article.keyPhrases) add(vector, `k:${phrase.toLowerCase()}`, KEY_PHRASE_WEIGHT);
  for (const date of article.dates) {
    if (date.relative || date.present) continue;
    add(vector, `t:${date.value.slice(0, 4)}`, YEAR_WEIGHT);
    if (date.granularity === 'month' || date.granularity === 'week' || date.granularity === 'day') {
      add(vector, `t:${date.value.slice(0, 7)}`, MONTH_WEIGHT);
    }
  }
  return vector;
};

export const cosine = (a: TermVector, b: TermVector): number => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, weight] of small) dot += weight * (large.get(key) ?? 0);
  let normB = 0;
  for (const weight of b.values()) normB += weight * weight;
  let normA = 0;
  for (const weight of a.values()) normA += weight * weight;
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
};

/** Hashes per signature: a resemblance of 0.9 is told from 0.8 by three or more hashes. */
export const SIGNATURE_HASHES = 32;
const SHINGLE_WORDS = 5;
const SEEDS = Array.from({ length: SIGNATURE_HASHES }, (_, i) => hashFeature(`minhash-${i}`));

/**
 * MinHash of the article's word 5-grams (Broder's resemblance): the share of equal positions of
 * two signatures estimates the Jaccard similarity of the two texts' shingle sets, so a wire copy
 * with another headline, byline or closing line still resembles its original ≥ 0.9.
 */
export const signatureOf = (article: Pick<AnalysedArticle, 'sentences'>): Uint32Array => {
  const signature = new Uint32Array(SIGNATURE_HASHES).fill(0xffffffff);
  const words: number[] = [];
  for (const sentence of article.sentences) {
    if (FRAME_ROLES.has(sentence.role)) continue;
    for (const token of tokensOf(sentence) ?? []) {
      if (token.word || /^\p{N}/u.test(token.text)) words.push(hashFeature(token.lower));
    }
  }
  const shingles = Math.max(1, words.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < shingles; i += 1) {
    let shingle = 0;
    for (let j = i; j < Math.min(words.length, i + SHINGLE_WORDS); j += 1)
      shingle = mixHash(shingle, words[j]!);
    for (let h = 0; h < SIGNATURE_HASHES; h += 1) {
      const value = mixHash(SEEDS[h]!, shingle);
      if (value < signature[h]!) signature[h] = value;
    }
  }
  return signature;
};

export const resemblance = (a: Uint32Array, b: Uint32Array): number => {
  if (a.length !== b.length || a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
};

export const storyProfileOf = (
  article: Pick<AnalysedArticle, 'sentences' | 'entityDetails' | 'keyPhrases' | 'dates'>,
): StoryProfile => {
  const terms = strongest(termsOf(article), PROFILE_TERMS);
  return { terms, keys: [...terms.keys()].slice(0, SEARCH_KEYS), signature: signatureOf(article) };
};
