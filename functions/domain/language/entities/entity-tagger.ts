/**
 * A trained entity tagger: an averaged perceptron over the features of entity-features.ts, decoded
 * by Viterbi over first-order tag transitions, one BIO tag a word (an I- tag only continues its own
 * kind). Trained by `npm run train:entities` on Universal NER English-EWT (CC BY-SA 4.0).
 */
import {
  ENTITY_BITS,
  ENTITY_TAGS,
  HISTORY_FEATURES,
  START_TAG,
  STATIC_FEATURES,
  SentenceValues,
  TAG_COUNT,
  historyFeatures,
  staticFeatures,
  type TaggerContext,
  type TaggerWord,
} from './entity-features';
import type { EntityKind } from './entity-lexicon';
import { WeightsFormatError, decodeFineTable, type FineTable } from '../syntax/weights-codec';

export interface EntityWeights {
  format: 1;
  source: string;
  tags: readonly string[];
  table: FineTable;
}

/** A name the tagger found: words [start, end) of the sentence. */
export interface EntitySpan {
  start: number;
  end: number;
  kind: EntityKind;
}

const KINDS: Readonly<Record<string, EntityKind>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

/** Whether tag `next` may follow tag `previous`: I-X only after B-X or I-X. */
export const allowedAfter = (previous: number, next: number): boolean => {
  const tag = ENTITY_TAGS[next] ?? 'O';
  if (!tag.startsWith('I-')) return true;
  const before = ENTITY_TAGS[previous] ?? 'O';
  return before !== 'O' && before.slice(2) === tag.slice(2);
};

/** Scores every tag of a feature vector: `scores[t]`. */
export type TagScorer = (features: Int32Array, scores: Float64Array) => void;

// Module-local: an imported binding read in a hot loop costs a property read each time in some builds.
const TAGS = TAG_COUNT;
const START = START_TAG;
const STATICS = STATIC_FEATURES;
const HISTORIES = HISTORY_FEATURES;
const writeStatic = staticFeatures;
const writeHistory = historyFeatures;

/** Scores from a dense table; `scale` turns a table of integers into weights. */
export const denseTagScorer = (table: Float32Array | Float64Array | Int16Array, scale = 1): TagScorer => {
  if (TAGS !== 7) throw new Error(`the scorer is unrolled for 7 tags, not ${TAGS}`);
  return (features, scores) => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    for (let f = 0; f < features.length; f += 1) {
      const base = (features[f] as number) * 7;
      s0 += table[base] as number;
      s1 += table[base + 1] as number;
      s2 += table[base + 2] as number;
      s3 += table[base + 3] as number;
      s4 += table[base + 4] as number;
      s5 += table[base + 5] as number;
      s6 += table[base + 6] as number;
    }
    scores[0] = s0 * scale;
    scores[1] = s1 * scale;
    scores[2] = s2 * scale;
    scores[3] = s3 * scale;
    scores[4] = s4 * scale;
    scores[5] = s5 * scale;
    scores[6] = s6 * scale;
  };
};

const ALLOWED: readonly boolean[] = Array.from({ length: (START_TAG + 1) * TAG_COUNT }, (_, k) =>
  allowedAfter(Math.floor(k / TAG_COUNT), k % TAG_COUNT),
);

/**
 * Viterbi decoding: the best-scoring tag sequence under first-order history features, with an I-
 * tag only after its own kind. Each word's static features are scored once; the features of each
 * tag before it, once per previous tag.
 */
const forcedOutside = (
  values: SentenceValues,
  i: number,
  best: Float64Array,
  back: Uint8Array,
  history: Int32Array,
  moved: Float64Array,
  score: TagScorer,
): void => {
  const row = i * TAGS;
  const previousTags = i === 0 ? 1 : TAGS;
  for (let q = 0; q < previousTags; q += 1) {
    const before = i === 0 ? 0 : (best[row - TAGS + q] as number);
    if (before === -Infinity) continue;
    writeHistory(values, i, i === 0 ? START : q, history, 0);
    score(history, moved);
    const total = before + (moved[0] as number);
    if (total > (best[row] as number)) {
      best[row] = total;
      back[row] = q;
    }
  }
};

/**
 * @param prune leave words no name can take in as O without scoring them (the product's reading);
 *   training scores every word, so that the weights learn what O looks like everywhere.
 */
export const viterbiTags = (values: SentenceValues, score: TagScorer, prune = true): number[] => {
  const n = values.n;
  if (n === 0) return [];
  const statics = new Int32Array(STATICS);
  const history = new Int32Array(HISTORIES);
  const own = new Float64Array(TAGS);
  const moved = new Float64Array(TAGS);
  const best = new Float64Array(n * TAGS);
  const back = new Uint8Array(n * TAGS);
  const open = prune ? values.open : null;
  for (let i = 0; i < n; i += 1) {
    const row = i * TAGS;
    best.fill(-Infinity, row, row + TAGS);
    if (open && open[i] === 0) {
      // A word no name can take in (lower case, far from a capital, in no gazetteer name) is O:
      // only its history features are scored, and only for O.
      forcedOutside(values, i, best, back, history, moved, score);
      continue;
    }
    writeStatic(values, i, statics, 0);
    score(statics, own);
    const previousTags = i === 0 ? 1 : TAGS;
    for (let q = 0; q < previousTags; q += 1) {
      const previous = i === 0 ? START : q;
      const before = i === 0 ? 0 : (best[row - TAGS + q] as number);
      if (before === -Infinity) continue;
      writeHistory(values, i, previous, history, 0);
      score(history, moved);
      for (let t = 0; t < TAGS; t += 1) {
        if (!ALLOWED[previous * TAGS + t]) continue;
        const total = before + (moved[t] as number) + (own[t] as number);
        if (total > (best[row + t] as number)) {
          best[row + t] = total;
          back[row + t] = q;
        }
      }
    }
  }
  const tags = new Array<number>(n);
  let last = 0;
  const end = (n - 1) * TAGS;
  for (let t = 1; t < TAGS; t += 1) if ((best[end + t] as number) > (best[end + last] as number)) last = t;
  for (let i = n - 1; i >= 0; i -= 1) {
    tags[i] = last;
    last = back[i * TAGS + last] as number;
  }
  return tags;
};

/** The best tag sequence of a sentence's words. */
export const decodeTags = (
  words: readonly TaggerWord[],
  context: TaggerContext,
  score: TagScorer,
): number[] => viterbiTags(new SentenceValues(words, context), score);

/** Spans of a BIO tag sequence (class indices). */
export const spansOfTags = (tags: readonly number[]): EntitySpan[] => {
  const spans: EntitySpan[] = [];
  let open: EntitySpan | null = null;
  tags.forEach((code, i) => {
    const tag = ENTITY_TAGS[code] ?? 'O';
    if (open && !(tag.startsWith('I-') && KINDS[tag.slice(2)] === open.kind)) {
      spans.push(open);
      open = null;
    }
    if (tag.startsWith('B-') || (tag.startsWith('I-') && !open)) {
      open = { start: i, end: i + 1, kind: KINDS[tag.slice(2)] ?? 'person' };
    } else if (open && tag.startsWith('I-')) open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
};

export interface EntityTagger {
  tag(words: readonly TaggerWord[], context: TaggerContext): EntitySpan[];
}

export const createEntityTagger = (weights: EntityWeights): EntityTagger => {
  if (weights.format !== 1 || weights.table.classes !== TAG_COUNT || weights.table.bits !== ENTITY_BITS) {
    throw new WeightsFormatError(
      `entity weights for 2^${weights.table.bits} × ${weights.table.classes}, not 2^${ENTITY_BITS} × ${TAG_COUNT}`,
    );
  }
  if (weights.tags.join(' ') !== ENTITY_TAGS.join(' ')) {
    throw new WeightsFormatError(
      `entity weights' tags ${weights.tags.join(' ')} are not ${ENTITY_TAGS.join(' ')}`,
    );
  }
  const score = denseTagScorer(decodeFineTable(weights.table), weights.table.scale);
  return { tag: (words, context) => spansOfTags(decodeTags(words, context, score)) };
};
