import {
  classifyTaggedMention,
  type Factuality,
  type MentionContext,
  type TokenSpan,
  type Word,
} from './event-factuality';
import { featureBuckets, mentionFeatures, type FactualityDomain } from './factuality-features';
import type { FactualCertainty, FactualPolarity, FactualTime } from './factuality-cues';
import rawWeights from './factuality-weights.json';

/**
 * A learned judgement of one event mention on top of the readable rules (event-factuality.ts):
 * two linear heads over the rules' own output and the words around the trigger
 * (factuality-features.ts), trained by infra/training/train-factuality.ts.
 *
 * - the scalar head predicts the factuality scale of the datasets: -3 certainly did not happen,
 *   0 uncommitted, +3 certainly happened (UW, Lee et al. 2015; UDS-IH2, Rudinger et al. 2018; and
 *   MEANTIME airbus mapped onto the scale as the rules are, see `scalarOfRules`);
 * - certainty and polarity come from the scalar with the published binning: |x| >= 2.5 CERTAIN,
 *   1.5-2.5 PROBABLE, 0.5-1.5 POSSIBLE, below 0.5 uncommitted; the sign is the polarity;
 * - the time head (logistic) says whether the event lies ahead, trained on MEANTIME airbus, the
 *   only data with a time axis.
 *
 * The datasets disagree on conventions (UW rates "will close" about +1.8, MEANTIME calls it
 * CERTAIN and FUTURE), so a prediction is made in one domain: `news` (MEANTIME's, the product's),
 * `uw` or `uds`.
 */

/** The weights as stored: each head 16-bit little-endian integers in base64 (see the trainer). */
export interface StoredWeights {
  format: number;
  bits: number;
  timeBits: number;
  scale: number;
  trainedOn: string[];
  scalar: string;
  time: string;
}

export interface FactualityWeights {
  format: number;
  /** Buckets of the scalar head: 2^bits. */
  bits: number;
  /** Buckets of the time head: 2^timeBits. */
  timeBits: number;
  /** Weights are stored as integers: weight = stored / scale. */
  scale: number;
  trainedOn: string[];
  scalar: ArrayLike<number>;
  time: ArrayLike<number>;
}

export class FactualityWeightsError extends Error {
  override readonly name = 'FactualityWeightsError';
}

const int16s = (base64: string): Int16Array => {
  const bytes = Buffer.from(base64, 'base64');
  // Copied into an aligned buffer: a small Buffer may sit at an odd offset of Node's pool.
  const aligned = new Uint8Array(bytes);
  return new Int16Array(aligned.buffer, 0, Math.floor(aligned.byteLength / 2));
};

export const decodeWeights = (stored: StoredWeights): FactualityWeights => {
  if (stored.format !== 2)
    throw new FactualityWeightsError(`factuality-weights.json: format ${stored.format}, expected 2`);
  return { ...stored, scalar: int16s(stored.scalar), time: int16s(stored.time) };
};

/** The weights shipped with the code, decoded and checked once when the module loads. */
export const MODEL_WEIGHTS: FactualityWeights = decodeWeights(rawWeights as StoredWeights);
if (
  MODEL_WEIGHTS.scalar.length !== 2 ** MODEL_WEIGHTS.bits ||
  MODEL_WEIGHTS.time.length !== 2 ** MODEL_WEIGHTS.timeBits
) {
  throw new FactualityWeightsError('factuality-weights.json: head sizes do not match their bit counts');
}

export type ScalarCertainty = FactualCertainty | 'UNDERSPECIFIED';

export interface ModelJudgement {
  /** Predicted factuality, -3 … +3. */
  scalar: number;
  certainty: ScalarCertainty;
  polarity: FactualPolarity;
  time: FactualTime;
  /** The time head's probability that the event lies ahead. */
  future: number;
}

export const FACTUALITY_MIN = -3;
export const FACTUALITY_MAX = 3;

/** The published binning of the datasets (../shared/eval/README.md, "factuality"). */
export const binScalar = (x: number): { certainty: ScalarCertainty; polarity: FactualPolarity } => {
  const magnitude = Math.abs(x);
  const certainty: ScalarCertainty =
    magnitude >= 2.5
      ? 'CERTAIN'
      : magnitude >= 1.5
        ? 'PROBABLE'
        : magnitude >= 0.5
          ? 'POSSIBLE'
          : 'UNDERSPECIFIED';
  return { certainty, polarity: x < 0 ? 'NEG' : 'POS' };
};

const RULE_MAGNITUDE: Record<FactualCertainty, number> = { CERTAIN: 3, PROBABLE: 2, POSSIBLE: 1 };

/**
 * The rules' judgement on the scale, so rules and model are scored alike: CERTAIN ±3, PROBABLE ±2,
 * POSSIBLE ±1, the sign from the polarity; a condition ("if they meet") commits to nothing, 0.
 */
export const scalarOfRules = (f: Factuality): number =>
  f.conditional ? 0 : (f.polarity === 'NEG' ? -1 : 1) * RULE_MAGNITUDE[f.certainty];

const clamp = (x: number) => Math.min(FACTUALITY_MAX, Math.max(FACTUALITY_MIN, x));

/** The dot product of a head with the buckets that fired (each counts once per firing). */
export const dot = (head: ArrayLike<number>, buckets: readonly number[], scale: number): number => {
  let sum = 0;
  for (const bucket of buckets) sum += head[bucket] ?? 0;
  return sum / scale;
};

export interface ModelOptions {
  domain?: FactualityDomain;
  weights?: FactualityWeights;
}

/** The model's judgement of a mention the rules have already judged. */
export const predictWithRules = (
  words: readonly Word[],
  span: TokenSpan,
  rules: Factuality,
  { domain = 'news', weights = MODEL_WEIGHTS }: ModelOptions = {},
): ModelJudgement => {
  const features = mentionFeatures(words, span, rules);
  const scalar = clamp(dot(weights.scalar, featureBuckets(features, domain, weights.bits), weights.scale));
  // The time head is trained on news only: its domain copy is always `news`.
  const future =
    1 / (1 + Math.exp(-dot(weights.time, featureBuckets(features, 'news', weights.timeBits), weights.scale)));
  return { scalar, ...binScalar(scalar), time: future >= 0.5 ? 'FUTURE' : 'NON_FUTURE', future };
};

/** The model's judgement of a mention in a tagged sentence (tagText / tagTokens). */
export const predictMention = (
  words: Word[],
  span: TokenSpan,
  context: MentionContext = {},
  options: ModelOptions = {},
): ModelJudgement & { rules: Factuality } => {
  const rules = classifyTaggedMention(words, span, context);
  return { ...predictWithRules(words, span, rules, options), rules };
};

/**
 * The model's judgement as a Factuality: certainty, polarity and time from the model, the
 * structural flags (conditional, anchored, earlier, subordinate) and cues from the rules. An
 * uncommitted scalar (|x| < 0.5) is POSSIBLE, the weakest commitment MEANTIME and the product know.
 */
export const modelFactuality = (
  words: Word[],
  span: TokenSpan,
  context: MentionContext = {},
  options: ModelOptions = {},
): Factuality => {
  const { rules, certainty, polarity, time } = predictMention(words, span, context, options);
  return { ...rules, certainty: certainty === 'UNDERSPECIFIED' ? 'POSSIBLE' : certainty, polarity, time };
};

/**
 * The judgement the product uses: the rules, with the model's certainty and polarity where the
 * rules found no cue of their own. Time stays the rules': trained on 458 MEANTIME mentions, the
 * time head falls short of them in a two-fold cross-validation by document on airbus (macro-F1
 * 0.82 against 0.85), so it is reported by the evaluation but does not decide.
 */
export const judgeMention = (
  words: Word[],
  span: TokenSpan,
  context: MentionContext = {},
  options: ModelOptions = {},
): Factuality => {
  const rules = classifyTaggedMention(words, span, context);
  if (rules.cues.length > 0) return rules;
  const { certainty, polarity } = predictWithRules(words, span, rules, options);
  return { ...rules, certainty: certainty === 'UNDERSPECIFIED' ? 'POSSIBLE' : certainty, polarity };
};
