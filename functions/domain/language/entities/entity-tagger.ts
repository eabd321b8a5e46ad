/**
 * A trained entity tagger: an averaged perceptron over the features of entity-features.ts, decoded
 * left to right, one BIO tag a word (greedy; an I- tag only continues its own kind). Trained by
 * `npm run train:entities` on Universal NER English-EWT (CC BY-SA 4.0).
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

const FEATURES = STATIC_FEATURES + HISTORY_FEATURES;
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

export const denseTagScorer =
  (table: Float32Array | Float64Array): TagScorer =>
  (features, scores) => {
    scores.fill(0);
    for (let f = 0; f < features.length; f += 1) {
      const base = (features[f] as number) * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t += 1) scores[t] = (scores[t] as number) + (table[base + t] as number);
    }
  };

/**
 * Greedy decoding: each word's best allowed tag given the tags chosen before it. `onWord`, when
 * given, sees each word's features and the tag chosen (training uses it to update the weights).
 */
export const decodeTags = (
  words: readonly TaggerWord[],
  context: TaggerContext,
  score: TagScorer,
  onWord?: (i: number, features: Int32Array, chosen: number) => number,
): number[] => {
  const values = new SentenceValues(words, context);
  const features = new Int32Array(FEATURES);
  const scores = new Float64Array(TAG_COUNT);
  const tags: number[] = [];
  let previous: number = START_TAG;
  let beforePrevious: number = START_TAG;
  for (let i = 0; i < words.length; i += 1) {
    staticFeatures(values, i, features, 0);
    historyFeatures(values, i, previous, beforePrevious, features, STATIC_FEATURES);
    score(features, scores);
    let best = 0;
    for (let t = 1; t < TAG_COUNT; t += 1) {
      if (allowedAfter(previous, t) && (scores[t] as number) > (scores[best] as number)) best = t;
    }
    // Training may follow the gold tag instead of the one chosen.
    const tag = onWord ? onWord(i, features, best) : best;
    tags.push(tag);
    beforePrevious = previous;
    previous = tag;
  }
  return tags;
};

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
  const score = denseTagScorer(decodeFineTable(weights.table));
  return { tag: (words, context) => spansOfTags(decodeTags(words, context, score)) };
};
