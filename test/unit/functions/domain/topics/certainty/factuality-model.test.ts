import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyTaggedMention,
  tagText,
  type Factuality,
} from '../../../../../../functions/domain/topics/certainty/event-factuality';
import {
  crudeLemma,
  featureBuckets,
  mentionFeatures,
} from '../../../../../../functions/domain/topics/certainty/factuality-features';
import {
  MODEL_WEIGHTS,
  binScalar,
  judgeMention,
  predictMention,
  scalarOfRules,
} from '../../../../../../functions/domain/topics/certainty/factuality-model';
import { REPO_ROOT } from '../../../../../../infra/paths';

/** The model's judgement of the first occurrence of `event` in `sentence`. */
const predict = (sentence: string, event: string) => {
  const words = tagText(sentence);
  const start = words.findIndex((w) => w.lower === event);
  if (start < 0) throw new Error(`"${event}" is not a word of "${sentence}"`);
  return { words, span: { start, end: start + 1 }, ...predictMention(words, { start, end: start + 1 }) };
};

describe('the shipped factuality weights', () => {
  it('load once, with heads of the sizes they declare, under 400 KB', () => {
    expect(MODEL_WEIGHTS.scalar).toHaveLength(2 ** MODEL_WEIGHTS.bits);
    expect(MODEL_WEIGHTS.time).toHaveLength(2 ** MODEL_WEIGHTS.timeBits);
    expect(Array.from(MODEL_WEIGHTS.scalar).some((w) => w !== 0)).toBe(true);
    expect(MODEL_WEIGHTS.trainedOn.join(' ')).not.toMatch(/dev|apple/);
    const file = join(REPO_ROOT, 'functions/domain/topics/certainty/factuality-weights.json');
    expect(statSync(file).size).toBeLessThan(400 * 1024);
  });

  it('rate an asserted event high, a negated one below zero and a possible one between', () => {
    const met = predict('Trump met Kim .', 'met');
    const notMet = predict('Trump did not meet Kim .', 'meet');
    const mayMeet = predict('Trump may meet Kim .', 'meet');
    expect(met.scalar).toBeGreaterThanOrEqual(2.5);
    expect(met).toMatchObject({ certainty: 'CERTAIN', polarity: 'POS' });
    expect(notMet.scalar).toBeLessThan(-1.5);
    expect(notMet.polarity).toBe('NEG');
    expect(mayMeet.scalar).toBeGreaterThan(notMet.scalar);
    expect(mayMeet.scalar).toBeLessThan(met.scalar - 1);
    expect(mayMeet.scalar).toBeGreaterThan(0);
  });

  it('puts a planned event ahead and a reported one behind', () => {
    expect(predict('Trump will meet Kim next month .', 'meet').time).toBe('FUTURE');
    expect(predict('Trump met Kim on Tuesday .', 'met').time).toBe('NON_FUTURE');
  });

  it('gives the same prediction for the same input, in every domain within the scale', () => {
    const { words, span, rules } = predict('Officials said the summit may be cancelled .', 'summit');
    const a = featureBuckets(mentionFeatures(words, span, rules), 'uw', MODEL_WEIGHTS.bits);
    const b = featureBuckets(mentionFeatures(words, span, rules), 'uw', MODEL_WEIGHTS.bits);
    expect(a).toEqual(b);
    for (const domain of ['news', 'uw', 'uds'] as const) {
      const { scalar } = predictMention(words, span, {}, { domain });
      expect(scalar).toBeGreaterThanOrEqual(-3);
      expect(scalar).toBeLessThanOrEqual(3);
    }
  });
});

describe('the scale and the rules', () => {
  it('bins the scalar as the datasets publish it', () => {
    expect(binScalar(3)).toEqual({ certainty: 'CERTAIN', polarity: 'POS' });
    expect(binScalar(2.5).certainty).toBe('CERTAIN');
    expect(binScalar(2.49).certainty).toBe('PROBABLE');
    expect(binScalar(-1.5)).toEqual({ certainty: 'PROBABLE', polarity: 'NEG' });
    expect(binScalar(0.5).certainty).toBe('POSSIBLE');
    expect(binScalar(-0.4).certainty).toBe('UNDERSPECIFIED');
  });

  it('maps the rules onto the scale: ±3, ±2, ±1 by certainty and polarity, 0 under a condition', () => {
    const base: Factuality = {
      certainty: 'CERTAIN',
      polarity: 'POS',
      time: 'NON_FUTURE',
      cues: [],
      conditional: false,
      anchored: true,
      earlier: false,
      subordinate: false,
    };
    expect(scalarOfRules(base)).toBe(3);
    expect(scalarOfRules({ ...base, certainty: 'PROBABLE', polarity: 'NEG' })).toBe(-2);
    expect(scalarOfRules({ ...base, certainty: 'POSSIBLE' })).toBe(1);
    expect(scalarOfRules({ ...base, conditional: true })).toBe(0);
  });

  it('keeps the rules where they found a cue, and their structure always', () => {
    for (const [sentence, event] of [
      ['Trump may meet Kim .', 'meet'],
      ['Officials denied that the two leaders met .', 'met'],
      ['If Trump meets Kim , sanctions may end .', 'meets'],
    ] as const) {
      const words = tagText(sentence);
      const start = words.findIndex((w) => w.lower === event);
      const span = { start, end: start + 1 };
      expect(judgeMention(words, span)).toEqual(classifyTaggedMention(words, span));
    }
    const words = tagText('Trump met Kim on Tuesday .');
    const judged = judgeMention(words, { start: 1, end: 2 });
    expect(judged).toMatchObject({
      certainty: 'CERTAIN',
      polarity: 'POS',
      time: 'NON_FUTURE',
      anchored: true,
    });
  });

  it('strips regular endings for the crude lemma and knows a few irregular forms', () => {
    expect(crudeLemma('meetings')).toBe('meeting');
    expect(crudeLemma('stopped')).toBe('stop');
    expect(crudeLemma('met')).toBe('meet');
    expect(crudeLemma('discuss')).toBe('discuss');
    expect(crudeLemma('carried')).toBe('carry');
  });
});
