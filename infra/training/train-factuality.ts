/**
 * Trains the factuality model (functions/domain/topics/certainty/factuality-model.ts):
 * `npm run train:factuality [-- --out file.json]`.
 *
 * Reads only training data: UW and UDS-IH2 `train.jsonl` (../shared/eval/factuality) and MEANTIME
 * airbus (../shared/eval/meantime/airbus), never a dev split nor MEANTIME apple, which the
 * evaluation keeps for honest figures. Deterministic: a seeded shuffle and fixed epochs, so the
 * same data gives the same weights file byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classifyTaggedMention,
  tagTokens,
  type Factuality,
  type Word,
} from '../../functions/domain/topics/certainty/event-factuality';
import { TUNED_ON } from '../../functions/domain/topics/certainty/factuality-cues';
import {
  featureBuckets,
  mentionFeatures,
  type FactualityDomain,
} from '../../functions/domain/topics/certainty/factuality-features';
import { decodeWeights, type StoredWeights } from '../../functions/domain/topics/certainty/factuality-model';
import { REPO_ROOT } from '../paths';
import { loadFactualityJsonl } from './factuality-jsonl';
import { bodyMentions, loadMeantime, type GoldMention } from './meantime-conll';
import { seededRandom, shuffled } from './seeded';

const SHARED = resolve(REPO_ROOT, '../shared/eval');
export const DEFAULT_OUT = resolve(REPO_ROOT, 'functions/domain/topics/certainty/factuality-weights.json');

/** The training sets, by domain. MEANTIME is the sub-corpus the cue rules were tuned on. */
const SOURCES: { domain: FactualityDomain; path: string }[] = [
  { domain: 'uw', path: resolve(SHARED, 'factuality/uw/train.jsonl') },
  { domain: 'uds', path: resolve(SHARED, 'factuality/uds-ih2/train.jsonl') },
];
const MEANTIME_TRAIN = resolve(SHARED, 'meantime', TUNED_ON);

export interface TrainingOptions {
  bits: number;
  timeBits: number;
  epochs: number;
  timeEpochs: number;
  /** Learning rate per example, divided by the number of active features. */
  rate: number;
  timeRate: number;
  l2: number;
  /** How many times each MEANTIME mention is shown per epoch: 458 mentions against 31,000. */
  newsRepeat: number;
  /** The scalar head's loss: squared, or Huber (squared within `huber` of the gold, linear beyond). */
  huber: number;
  seed: number;
}

export const DEFAULT_OPTIONS: TrainingOptions = {
  bits: 16,
  timeBits: 13,
  epochs: 10,
  timeEpochs: 30,
  rate: 0.5,
  timeRate: 0.5,
  l2: 1e-6,
  newsRepeat: 3,
  huber: 1,
  seed: 20_240_601,
};

interface Example {
  domain: FactualityDomain;
  features: string[];
  /** Factuality on the -3 … +3 scale, when known. */
  scalar?: number;
  /** Whether the event lies ahead, when known (MEANTIME only). */
  future?: boolean;
}

const MAGNITUDE = { CERTAIN: 3, PROBABLE: 2, POSSIBLE: 1 } as const;

/** A MEANTIME gold mention on the scale, as the rules are mapped (scalarOfRules). */
const meantimeScalar = (gold: GoldMention): number | undefined => {
  if (gold.certainty === 'UNDERSPECIFIED' || gold.polarity === 'UNDERSPECIFIED') return undefined;
  return (gold.polarity === 'NEG' ? -1 : 1) * MAGNITUDE[gold.certainty];
};

const example = (
  domain: FactualityDomain,
  words: Word[],
  start: number,
  end: number,
  context: { articleYear?: number } = {},
): { features: string[]; rules: Factuality } => {
  const rules = classifyTaggedMention(words, { start, end }, context);
  return { features: mentionFeatures(words, { start, end }, rules), rules };
};

export const loadExamples = (): Example[] => {
  const examples: Example[] = [];
  for (const { domain, path } of SOURCES) {
    for (const sentence of loadFactualityJsonl(path)) {
      const words = tagTokens(sentence.tokens);
      for (const target of sentence.targets) {
        const { features } = example(domain, words, target.start, target.end);
        examples.push({ domain, features, scalar: target.label });
      }
    }
  }
  for (const document of loadMeantime(MEANTIME_TRAIN)) {
    const tagged = new Map<number, Word[]>();
    for (const gold of bodyMentions(document)) {
      let words = tagged.get(gold.sentence);
      if (!words) {
        words = tagTokens(document.sentences[gold.sentence] ?? []);
        tagged.set(gold.sentence, words);
      }
      const context = document.year === undefined ? {} : { articleYear: document.year };
      const { features } = example('news', words, gold.start, gold.end, context);
      const scalar = meantimeScalar(gold);
      const future = gold.time === 'UNDERSPECIFIED' ? undefined : gold.time === 'FUTURE';
      examples.push({
        domain: 'news',
        features,
        ...(scalar === undefined ? {} : { scalar }),
        ...(future === undefined ? {} : { future }),
      });
    }
  }
  return examples;
};

/**
 * Averaged SGD on one linear head: squared loss for the scalar, logistic loss for time. The
 * average of the weights over all steps is returned, which is steadier than the last iterate
 * (the averaged perceptron's trick, here for a regression).
 */
const trainHead = (
  rows: { buckets: number[]; target: number }[],
  size: number,
  epochs: number,
  rate: number,
  l2: number,
  loss: 'squared' | 'logistic',
  next: () => number,
  huber = Infinity,
): Float64Array => {
  const w = new Float64Array(size);
  // Lazy averaging: sum of w over steps = t * w - u, with u accumulating step * update.
  const u = new Float64Array(size);
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const lr = rate / (1 + epoch);
    for (const row of shuffled(rows, next)) {
      let z = 0;
      for (const b of row.buckets) z += w[b] as number;
      const residual =
        loss === 'squared' ? Math.max(-3, Math.min(3, z)) - row.target : 1 / (1 + Math.exp(-z)) - row.target;
      const error = Math.max(-huber, Math.min(huber, residual));
      const g = (lr * error) / row.buckets.length;
      for (const b of row.buckets) {
        const delta = -g - lr * l2 * (w[b] as number);
        w[b] = (w[b] as number) + delta;
        u[b] = (u[b] as number) + step * delta;
      }
      step += 1;
    }
  }
  const averaged = new Float64Array(size);
  for (let i = 0; i < size; i += 1) averaged[i] = (w[i] as number) - (u[i] as number) / step;
  return averaged;
};

const SCALE = 1000;
/**
 * A head as the product ships it: weights times SCALE as 16-bit integers, little-endian, in
 * base64. A string is scanned at load far faster than an array literal of 65,536 numbers.
 */
const quantise = (head: Float64Array): string => {
  const values = Int16Array.from(head, (x) => Math.max(-32768, Math.min(32767, Math.round(x * SCALE) || 0)));
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
};

export const train = (examples: Example[], options: TrainingOptions = DEFAULT_OPTIONS): StoredWeights => {
  const next = seededRandom(options.seed);
  const scalarRows = examples.flatMap((e) => {
    if (e.scalar === undefined) return [];
    const row = { buckets: featureBuckets(e.features, e.domain, options.bits), target: e.scalar };
    return e.domain === 'news' ? Array.from({ length: options.newsRepeat }, () => row) : [row];
  });
  const timeRows = examples.flatMap((e) =>
    e.future === undefined
      ? []
      : [{ buckets: featureBuckets(e.features, 'news', options.timeBits), target: e.future ? 1 : 0 }],
  );
  const scalar = trainHead(
    scalarRows,
    2 ** options.bits,
    options.epochs,
    options.rate,
    options.l2,
    'squared',
    next,
    options.huber,
  );
  const time = trainHead(
    timeRows,
    2 ** options.timeBits,
    options.timeEpochs,
    options.timeRate,
    options.l2,
    'logistic',
    next,
  );
  return {
    format: 2,
    bits: options.bits,
    timeBits: options.timeBits,
    scale: SCALE,
    trainedOn: ['uw/train.jsonl', 'uds-ih2/train.jsonl', `meantime/${TUNED_ON}`],
    scalar: quantise(scalar),
    time: quantise(time),
  };
};

const main = () => {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out =
    outIndex >= 0 && args[outIndex + 1]
      ? resolve(process.env.INIT_CWD ?? process.cwd(), args[outIndex + 1] as string)
      : DEFAULT_OUT;
  const started = Date.now();
  const examples = loadExamples();
  const loaded = Date.now();
  const stored = train(examples);
  const text = `${JSON.stringify(stored)}\n`;
  const weights = decodeWeights(stored);
  const nonZero = (head: ArrayLike<number>) => Array.from(head).filter((x) => x !== 0).length;
  writeFileSync(out, text);
  const byDomain = (d: FactualityDomain) => examples.filter((e) => e.domain === d).length;
  console.log(
    `train:factuality: ${examples.length} mentions (uw ${byDomain('uw')}, uds ${byDomain('uds')}, news ${byDomain('news')}); ` +
      `tagged in ${loaded - started} ms, trained in ${Date.now() - loaded} ms; ` +
      `${nonZero(weights.scalar)}/${weights.scalar.length} scalar and ` +
      `${nonZero(weights.time)}/${weights.time.length} time weights non-zero; ` +
      `${(text.length / 1024).toFixed(0)} KB → ${out}`,
  );
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
