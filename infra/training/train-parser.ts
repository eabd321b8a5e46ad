/**
 * Trains the dependency parser on UD English EWT:
 *   npm run train:parser -- [--epochs N] [--out file] [--transition-budget N] [--label-budget N]
 *
 * Words are tagged by the project's own tagger (tagTokens), not the gold tags, so the parser learns
 * the tagger's errors. Transitions: an averaged perceptron over arc-hybrid states with the dynamic
 * oracle of Goldberg & Nivre (2013), exploring the model's own mistakes after the first epoch.
 * Non-projective training trees (about 5%) are skipped: the oracle's costs assume a projective
 * tree. Labels: a second averaged perceptron over the gold trees. Deterministic: seeded shuffles,
 * fixed epochs. Writes functions/domain/language/syntax/parser-weights.json and prints the dev
 * scores of the written weights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  FEATURE_COUNT,
  LEFT,
  ParserState,
  RIGHT,
  SHIFT,
  TRANSITION_BITS,
  TRANSITIONS,
  stateFeatures,
} from '../../functions/domain/language/syntax/arc-hybrid';
import {
  LABEL_BITS,
  MAX_LABEL_FEATURES,
  NO_LABEL_CODE,
  arcFeatures,
  buildTree,
} from '../../functions/domain/language/syntax/arc-labels';
import {
  createDependencyParser,
  denseScorer,
  parseHeads,
} from '../../functions/domain/language/syntax/dependency-parser';
import { codeSentence, type CodedSentence } from '../../functions/domain/language/syntax/sentence-codes';
import { encodeTable, type ParserWeights } from '../../functions/domain/language/syntax/weights-codec';
import { tagTokens } from '../../functions/domain/topics/certainty/event-factuality';
import { REPO_ROOT } from '../paths';
import { isProjective, readConllu, type TreebankSentence } from './conllu';
import { SUBTYPE_MIN_COUNT, labelMapper, scoreParses } from './parser-scores';
import { seededRandom, shuffled } from './seeded';

export const EWT_DIR = resolve(REPO_ROOT, '../shared/train/ud-english-ewt');
export const WEIGHTS_FILE = resolve(REPO_ROOT, 'functions/domain/language/syntax/parser-weights.json');

const SEED = 20260611;
const PARSER_EPOCHS = 12;
const LABELLER_EPOCHS = 6;
/** Follow the model's own transition this often once exploring (Goldberg & Nivre's p = 0.9). */
const EXPLORE_PROBABILITY = 0.9;
const EXPLORE_FROM_EPOCH = 1;
/** Weights kept in the file: the size budget (three bytes or so each, in base64). */
const TRANSITION_BUDGET = 150_000;
const LABEL_BUDGET = 70_000;

export interface TrainingSentence {
  gold: TreebankSentence;
  coded: CodedSentence;
  /** Gold heads with the root as `n`. */
  heads: Int32Array;
  /** Gold label codes. */
  labels: Uint8Array;
}

/** Tags a treebank with the project's tagger and codes it for the parser. */
export const prepare = (sentences: readonly TreebankSentence[], labelCode: (relation: string) => number) =>
  sentences.map((gold): TrainingSentence => {
    const words = tagTokens(gold.forms).map((w) => ({ lower: w.lower, pos: w.pos }));
    const n = gold.forms.length;
    return {
      gold,
      coded: codeSentence(words),
      heads: Int32Array.from(gold.heads, (h) => (h < 0 ? n : h)),
      labels: Uint8Array.from(gold.relations, labelCode),
    };
  });

/**
 * Costs of the three transitions in a state: how many gold arcs each makes unreachable (Goldberg &
 * Nivre 2013, arc-hybrid), Infinity when illegal.
 */
const transitionCosts = (state: ParserState, gold: Int32Array, costs: Float64Array): void => {
  const n = state.n;
  const s0 = state.s(0);
  const s1 = state.s(1);
  const b0 = state.front;
  costs.fill(Infinity);
  // Dependents of s0 still in the buffer are lost by either reduction.
  let s0ChildrenInBuffer = 0;
  if (s0 >= 0) for (let k = b0; k < n; k += 1) if (gold[k] === s0) s0ChildrenInBuffer += 1;
  if (state.legal(SHIFT)) {
    let cost = 0;
    for (let i = 0; i < state.depth; i += 1) {
      const k = state.stack[i] as number;
      if (k !== s0 && gold[b0] === k) cost += 1;
      if (gold[k] === b0) cost += 1;
    }
    costs[SHIFT] = cost;
  }
  if (state.legal(LEFT)) {
    const head = gold[s0] as number;
    costs[LEFT] = (head === s1 || head > b0 ? 1 : 0) + s0ChildrenInBuffer;
  }
  if (state.legal(RIGHT)) {
    const head = gold[s0] as number;
    costs[RIGHT] = (head >= b0 ? 1 : 0) + s0ChildrenInBuffer;
  }
};

/** Averaged perceptron over a dense table: weights, and the sums that give the average at the end. */
class Perceptron {
  readonly weights: Float64Array;
  private readonly sums: Float64Array;
  step = 1;

  constructor(
    size: number,
    readonly classes: number,
  ) {
    this.weights = new Float64Array(size * classes);
    this.sums = new Float64Array(size * classes);
  }

  update(features: Int32Array, count: number, good: number, bad: number): void {
    for (let i = 0; i < count; i += 1) {
      const base = (features[i] as number) * this.classes;
      const g = base + good;
      const b = base + bad;
      this.weights[g] = (this.weights[g] as number) + 1;
      this.sums[g] = (this.sums[g] as number) + this.step;
      this.weights[b] = (this.weights[b] as number) - 1;
      this.sums[b] = (this.sums[b] as number) - this.step;
    }
  }

  averaged(): Float64Array {
    const out = new Float64Array(this.weights.length);
    for (let i = 0; i < out.length; i += 1) {
      out[i] = (this.weights[i] as number) - (this.sums[i] as number) / this.step;
    }
    return out;
  }
}

const trainTransitions = (
  train: readonly TrainingSentence[],
  dev: readonly TrainingSentence[],
  epochs: number,
  next: () => number,
): Float64Array => {
  const model = new Perceptron(2 ** TRANSITION_BITS, TRANSITIONS);
  const score = denseScorer(model.weights);
  const features = new Int32Array(FEATURE_COUNT);
  const scores = new Float64Array(TRANSITIONS);
  const costs = new Float64Array(TRANSITIONS);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const started = performance.now();
    let mistakes = 0;
    let steps = 0;
    for (const sentence of shuffled(train as TrainingSentence[], next)) {
      const state = new ParserState(sentence.coded.length);
      while (!state.done) {
        stateFeatures(state, sentence.coded, features);
        score(features, scores);
        transitionCosts(state, sentence.heads, costs);
        let predicted = -1;
        let correct = -1;
        let minCost = Infinity;
        for (let t = 0; t < TRANSITIONS; t += 1) minCost = Math.min(minCost, costs[t] as number);
        for (let t = 0; t < TRANSITIONS; t += 1) {
          if (!state.legal(t)) continue;
          if (predicted < 0 || (scores[t] as number) > (scores[predicted] as number)) predicted = t;
          if (costs[t] === minCost && (correct < 0 || (scores[t] as number) > (scores[correct] as number))) {
            correct = t;
          }
        }
        if (costs[predicted] !== minCost) {
          model.update(features, FEATURE_COUNT, correct, predicted);
          mistakes += 1;
        }
        model.step += 1;
        steps += 1;
        const explore = epoch >= EXPLORE_FROM_EPOCH && next() < EXPLORE_PROBABILITY;
        state.apply(explore ? predicted : correct);
      }
    }
    const averaged = denseScorer(model.averaged());
    let right = 0;
    let words = 0;
    for (const sentence of dev) {
      const heads = parseHeads(sentence.coded, averaged);
      for (let i = 0; i < sentence.coded.length; i += 1) {
        if (sentence.gold.upos[i] === 'PUNCT') continue;
        words += 1;
        if (heads[i] === sentence.heads[i]) right += 1;
      }
    }
    console.log(
      `transitions epoch ${epoch + 1}/${epochs}: ${((100 * mistakes) / steps).toFixed(2)}% wrong in training, ` +
        `dev UAS ${((100 * right) / words).toFixed(2)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return model.averaged();
};

const trainLabeller = (
  train: readonly TrainingSentence[],
  labelCount: number,
  rootLabel: number,
  epochs: number,
  next: () => number,
): Float64Array => {
  const model = new Perceptron(2 ** LABEL_BITS, labelCount);
  const features = new Int32Array(MAX_LABEL_FEATURES);
  const scores = new Float64Array(labelCount);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    let mistakes = 0;
    let arcs = 0;
    for (const sentence of shuffled(train as TrainingSentence[], next)) {
      const n = sentence.coded.length;
      const tree = buildTree(sentence.heads, n);
      const labels = new Uint8Array(n).fill(NO_LABEL_CODE);
      for (let k = 0; k < tree.order.length; k += 1) {
        const d = tree.order[k] as number;
        const gold = sentence.labels[d] as number;
        if (sentence.heads[d] !== n) {
          const count = arcFeatures(sentence.coded, tree, labels, d, features);
          scores.fill(0);
          for (let i = 0; i < count; i += 1) {
            const base = (features[i] as number) * labelCount;
            for (let l = 0; l < labelCount; l += 1) {
              scores[l] = (scores[l] as number) + (model.weights[base + l] as number);
            }
          }
          let best = -1;
          for (let l = 0; l < labelCount; l += 1) {
            if (l !== rootLabel && (best < 0 || (scores[l] as number) > (scores[best] as number))) best = l;
          }
          if (best !== gold) {
            model.update(features, count, gold, best);
            mistakes += 1;
          }
          arcs += 1;
          model.step += 1;
        }
        // Teacher forcing: later arcs see the gold labels above and beside them.
        labels[d] = gold;
      }
    }
    console.log(
      `labeller epoch ${epoch + 1}/${epochs}: ${((100 * mistakes) / arcs).toFixed(2)}% wrong in training`,
    );
  }
  return model.averaged();
};

/** The model's labels: every type, and the subtypes frequent in training, most frequent first. */
export const chooseLabels = (sentences: readonly TreebankSentence[]): string[] => {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const r of s.relations) counts.set(r, (counts.get(r) ?? 0) + 1);
  const kept = new Map<string, number>();
  for (const [relation, count] of counts) {
    const label =
      relation.includes(':') && count < SUBTYPE_MIN_COUNT ? (relation.split(':')[0] as string) : relation;
    kept.set(label, (kept.get(label) ?? 0) + count);
  }
  return [...kept.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([label]) => label);
};

const argValue = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const main = () => {
  const args = process.argv.slice(2);
  const epochs = Number(argValue(args, '--epochs') ?? PARSER_EPOCHS);
  const out = resolve(argValue(args, '--out') ?? WEIGHTS_FILE);
  const transitionBudget = Number(argValue(args, '--transition-budget') ?? TRANSITION_BUDGET);
  const labelBudget = Number(argValue(args, '--label-budget') ?? LABEL_BUDGET);
  const started = performance.now();
  const trainGold = readConllu(readFileSync(resolve(EWT_DIR, 'en_ewt-ud-train.conllu'), 'utf8'));
  const devGold = readConllu(readFileSync(resolve(EWT_DIR, 'en_ewt-ud-dev.conllu'), 'utf8'));
  const labels = chooseLabels(trainGold);
  const labelOf = labelMapper(labels);
  const codes = new Map(labels.map((label, i) => [label, i]));
  const labelCode = (relation: string) => codes.get(labelOf(relation)) as number;
  const rootLabel = codes.get('root') as number;
  const train = prepare(trainGold, labelCode);
  const dev = prepare(devGold, labelCode);
  const projective = train.filter((s) => isProjective(s.gold.heads));
  console.log(
    `${train.length} training sentences (${train.length - projective.length} non-projective skipped for ` +
      `transitions), ${dev.length} dev, ${labels.length} labels; tagged in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const next = seededRandom(SEED);
  const transitionWeights = trainTransitions(projective, dev, epochs, next);
  const labelWeights = trainLabeller(train, labels.length, rootLabel, LABELLER_EPOCHS, next);
  const weights: ParserWeights = {
    format: 1,
    source:
      'Trained by infra/training/train-parser.ts on UD English EWT v2.15 train (CC BY-SA 4.0), ' +
      'with tags from tagTokens',
    labels,
    transitions: encodeTable(transitionWeights, TRANSITION_BITS, TRANSITIONS, transitionBudget),
    labeller: encodeTable(labelWeights, LABEL_BITS, labels.length, labelBudget),
  };
  const json = JSON.stringify(weights);
  writeFileSync(out, `${json}\n`);
  const parser = createDependencyParser(weights);
  const predicted = devGold.map((g, s) => {
    void s;
    return parser.parse(tagTokens(g.forms).map((w) => ({ lower: w.lower, pos: w.pos })));
  });
  const scores = scoreParses(devGold, predicted, labelOf);
  const pct = (x: number) => (100 * x).toFixed(2);
  console.log(
    `wrote ${out}: ${(json.length / 1024).toFixed(0)} KiB (${weights.transitions.count} transition and ` +
      `${weights.labeller.count} label weights)`,
  );
  console.log(
    `dev, as written: UAS ${pct(scores.withoutPunctuation.uas)} LAS ${pct(scores.withoutPunctuation.las)} ` +
      `without punctuation; UAS ${pct(scores.allWords.uas)} LAS ${pct(scores.allWords.las)} all words ` +
      `(${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
  );
};

main();
