/**
 * Greedy arc-hybrid parsing with a hashed perceptron, then top-down labelling of the arcs: linear
 * in the sentence, no search, so a sentence takes tens of microseconds.
 */
import {
  FEATURE_COUNT,
  LEFT,
  ParserState,
  RIGHT,
  SHIFT,
  TRANSITION_BITS,
  TRANSITIONS,
  stateFeatures,
} from './arc-hybrid';
import { LABEL_BITS, MAX_LABEL_FEATURES, NO_LABEL_CODE, arcFeatures, buildTree } from './arc-labels';
import { codeSentence, type CodedSentence, type ParserWord } from './sentence-codes';
import {
  decodeDense,
  decodeSparse,
  WeightsFormatError,
  type ParserWeights,
  type SparseTable,
} from './weights-codec';

/** A dependency tree over the words given: heads[i] is a word index, or -1 for the root. */
export interface Parse {
  heads: number[];
  /** UD relations, with the subtypes EWT uses often (nsubj:pass, nmod:poss, compound:prt, …). */
  relations: string[];
}

export interface DependencyParser {
  parse(words: readonly ParserWord[]): Parse;
  labels: readonly string[];
}

/** Best legal transition of a state by the dense transition table. */
export const bestTransition = (
  state: ParserState,
  sentence: CodedSentence,
  features: Int32Array,
  score: (features: Int32Array, scores: Float64Array) => void,
  scores: Float64Array,
): number => {
  stateFeatures(state, sentence, features);
  score(features, scores);
  let best = -1;
  for (let t = 0; t < TRANSITIONS; t += 1) {
    if (state.legal(t) && (best < 0 || (scores[t] as number) > (scores[best] as number))) best = t;
  }
  return best;
};

/** Unlabelled heads by greedy decoding; `n` marks the root. */
export const parseHeads = (
  sentence: CodedSentence,
  score: (features: Int32Array, scores: Float64Array) => void,
): Int32Array => {
  const state = new ParserState(sentence.length);
  const features = new Int32Array(FEATURE_COUNT);
  const scores = new Float64Array(TRANSITIONS);
  while (!state.done) state.apply(bestTransition(state, sentence, features, score, scores));
  return state.heads;
};

/** Label codes of the arcs of a tree; the root's dependent gets `rootLabel`. */
export const labelArcs = (
  sentence: CodedSentence,
  heads: Int32Array,
  labelCount: number,
  rootLabel: number,
  scoreArc: (features: Int32Array, count: number, scores: Float64Array) => void,
): Uint8Array => {
  const n = sentence.length;
  const tree = buildTree(heads, n);
  const labels = new Uint8Array(n).fill(NO_LABEL_CODE);
  const features = new Int32Array(MAX_LABEL_FEATURES);
  const scores = new Float64Array(labelCount);
  for (let k = 0; k < tree.order.length; k += 1) {
    const d = tree.order[k] as number;
    if (heads[d] === n) {
      labels[d] = rootLabel;
      continue;
    }
    const count = arcFeatures(sentence, tree, labels, d, features);
    scores.fill(0);
    scoreArc(features, count, scores);
    let best = -1;
    for (let l = 0; l < labelCount; l += 1) {
      if (l !== rootLabel && (best < 0 || (scores[l] as number) > (scores[best] as number))) best = l;
    }
    labels[d] = best;
  }
  return labels;
};

export const sparseScorer =
  (table: SparseTable) =>
  (features: Int32Array, count: number, scores: Float64Array): void => {
    const { start, classes, values } = table;
    for (let i = 0; i < count; i += 1) {
      const f = features[i] as number;
      for (let e = start[f] as number, end = start[f + 1] as number; e < end; e += 1) {
        const c = classes[e] as number;
        scores[c] = (scores[c] as number) + (values[e] as number);
      }
    }
  };

export const denseScorer =
  (table: Float32Array | Float64Array) =>
  (features: Int32Array, scores: Float64Array): void => {
    let shift = 0;
    let left = 0;
    let right = 0;
    for (let i = 0; i < features.length; i += 1) {
      const base = (features[i] as number) * TRANSITIONS;
      shift += table[base + SHIFT] as number;
      left += table[base + LEFT] as number;
      right += table[base + RIGHT] as number;
    }
    scores[SHIFT] = shift;
    scores[LEFT] = left;
    scores[RIGHT] = right;
  };

export const createDependencyParser = (weights: ParserWeights): DependencyParser => {
  if (weights.format !== 1 || weights.transitions.classes !== TRANSITIONS) {
    throw new WeightsFormatError(`unsupported parser weights (format ${String(weights.format)})`);
  }
  // The features are hashed into tables of these sizes: weights for others were made by other code.
  if (weights.transitions.bits !== TRANSITION_BITS || weights.labeller.bits !== LABEL_BITS) {
    throw new WeightsFormatError(
      `weights for tables of 2^${weights.transitions.bits} and 2^${weights.labeller.bits} features, ` +
        `not 2^${TRANSITION_BITS} and 2^${LABEL_BITS}`,
    );
  }
  if (weights.labeller.classes !== weights.labels.length) {
    throw new WeightsFormatError('the labeller has not one class per label');
  }
  const rootLabel = weights.labels.indexOf('root');
  if (rootLabel < 0) throw new WeightsFormatError('the labels lack "root"');
  const score = denseScorer(decodeDense(weights.transitions));
  const scoreArc = sparseScorer(decodeSparse(weights.labeller));
  const labels = weights.labels;
  return {
    labels,
    parse(words) {
      const n = words.length;
      if (n === 0) return { heads: [], relations: [] };
      const sentence = codeSentence(words);
      const heads = parseHeads(sentence, score);
      const codes = labelArcs(sentence, heads, labels.length, rootLabel, scoreArc);
      const outHeads = new Array<number>(n);
      const relations = new Array<string>(n);
      for (let i = 0; i < n; i += 1) {
        const head = heads[i] as number;
        outHeads[i] = head === n ? -1 : head;
        relations[i] = labels[codes[i] as number] ?? 'dep';
      }
      return { heads: outHeads, relations };
    },
  };
};
