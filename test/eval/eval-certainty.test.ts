import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNED_ON } from '../../functions/domain/topics/certainty/factuality-cues';
import { REPO_ROOT } from '../../infra/paths';
import { FactualityFormatError, parseFactualityJsonl } from '../../infra/training/factuality-jsonl';
import {
  CLASSIFIERS,
  domainOfPath,
  evaluateCertainty,
  evaluateFactuality,
  factualityJson,
  parseArgs,
  reportJson,
  selectSplit,
} from './eval-certainty';
import { loadMeantime, parseMeantime } from './corpora/meantime';

const row = (n: number, token: string, tags?: [number, string, string, string, string]) =>
  tags
    ? [n, token, `${tags[1]}-E-${tags[0]}`, ...tags.slice(2).map((t) => `${tags[1]}-${t}-${tags[0]}`)].join(
        '\t',
      )
    : [n, token, '_', '_', '_', '_'].join('\t');

const INLINE = [
  row(1, 'Talks'),
  row(2, 'end'),
  '',
  row(3, 'March'),
  row(4, '3'),
  row(5, ','),
  row(6, '2019'),
  '',
  row(7, 'Trump'),
  row(8, 'did'),
  row(9, "n't"),
  row(10, 'meet', [1, 'B', 'CERTAIN', 'NEG', 'NON_FUTURE']),
  row(11, 'Kim'),
  row(12, 'but'),
  row(13, 'may'),
  row(14, 'visit', [2, 'B', 'POSSIBLE', 'POS', 'FUTURE']),
  row(15, 'Seoul'),
  row(16, 'and'),
  row(17, 'talk', [3, 'B', 'UNDERSPECIFIED', 'POS', 'UNDERSPECIFIED']),
  row(18, '.'),
].join('\n');

describe('eval:certainty on an inline document', () => {
  const report = evaluateCertainty([parseMeantime(INLINE, 'apple/1.conll')]);

  it('scores each axis without the UNDERSPECIFIED gold labels', () => {
    expect(report.mentions).toBe(3);
    expect(report.certainty.count).toBe(2);
    expect(report.polarity.count).toBe(3);
    expect(report.time.count).toBe(2);
    expect(report.certainty.classes.POSSIBLE.recall).toBe(1);
    expect(report.polarity.classes.NEG.recall).toBe(1);
  });

  it('prints exactly the agreed JSON shape', () => {
    const json = reportJson(report);
    expect(Object.keys(json)).toEqual(['mentions', 'certainty', 'polarity', 'time']);
    expect(Object.keys(json.certainty)).toEqual(['macroF1', 'baselineMacroF1', 'classes']);
    expect(Object.keys(json.certainty.classes)).toEqual(['CERTAIN', 'PROBABLE', 'POSSIBLE']);
    expect(Object.keys(json.polarity.classes)).toEqual(['POS', 'NEG']);
    expect(Object.keys(json.time.classes)).toEqual(['FUTURE', 'NON_FUTURE']);
    expect(Object.keys(json.time.classes.FUTURE)).toEqual(['precision', 'recall', 'f1']);
  });
});

describe('eval:certainty arguments', () => {
  it('reads the folder relative to where npm was called, the JSON flag and the split', () => {
    expect(parseArgs(['data', '--json', '--split', 'half'], '/somewhere')).toMatchObject({
      dir: '/somewhere/data',
      json: true,
      split: 'held-out',
    });
    expect(parseArgs(['--split=tuned'], '/x').split).toBe('tuned');
    expect(parseArgs([], '/x').dir).toMatch(/shared\/eval\/meantime$/);
    expect(() => parseArgs(['--split', 'sideways'], '/x')).toThrow(/unknown split/);
    expect(() => parseArgs(['--verbose'], '/x')).toThrow(/unknown option/);
  });
});

const DATA = join(REPO_ROOT, '..', 'shared', 'eval', 'meantime');
const hasData = existsSync(DATA);
if (!hasData) console.warn(`MEANTIME data not found at ${DATA}: skipping the evaluation on real data`);

describe.skipIf(!hasData)('eval:certainty on MEANTIME (../shared/eval/meantime)', () => {
  const documents = hasData ? loadMeantime(DATA) : [];

  it('finds a dateline as second sentence in every document, so headline and dateline are skipped', () => {
    expect(documents.length).toBeGreaterThanOrEqual(60);
    expect(documents.every((d) => d.leadSentences === 2 && d.year !== undefined)).toBe(true);
    expect(documents.some((d) => d.corpus === TUNED_ON)).toBe(true);
  });

  it('beats the majority baseline on every axis of the held-out half', () => {
    const heldOut = selectSplit(documents, 'held-out');
    expect(heldOut.every((d) => d.corpus !== TUNED_ON)).toBe(true);
    const report = evaluateCertainty(heldOut);
    expect(report.mentions).toBeGreaterThan(300);
    for (const axis of [report.certainty, report.polarity, report.time]) {
      expect(axis.macroF1).toBeGreaterThan(axis.baselineMacroF1);
    }
    // Floors a little under the figures reached when the cues were frozen (0.45 / 0.93 / 0.87):
    // a rule change that loses ground on unseen articles fails here. Only 10 held-out mentions
    // are not CERTAIN (1 PROBABLE), so one mention moves certainty macro-F1 by several points.
    expect(report.certainty.macroF1).toBeGreaterThanOrEqual(0.44);
    expect(report.polarity.macroF1).toBeGreaterThanOrEqual(0.9);
    expect(report.time.macroF1).toBeGreaterThanOrEqual(0.85);
  });
});

const JSONL = [
  JSON.stringify({
    text: 'Trump met Kim .',
    targets: [{ span1: [1, 2], label: 3, span_text: 'met' }],
  }),
  '',
  JSON.stringify({
    text: 'Trump did not meet Kim , but may visit Seoul .',
    targets: [
      { span1: [3, 4], label: -2.8, span_text: 'meet' },
      { span1: [8, 9], label: 0.6, span_text: 'visit' },
    ],
  }),
].join('\n');

describe('the factuality JSON-lines reader', () => {
  it('reads tokens and targets, skipping blank lines', () => {
    const sentences = parseFactualityJsonl(JSONL);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toEqual({
      tokens: ['Trump', 'met', 'Kim', '.'],
      targets: [{ start: 1, end: 2, label: 3, spanText: 'met' }],
    });
    expect(sentences[1]?.targets.map((t) => t.label)).toEqual([-2.8, 0.6]);
  });

  it('names the line of a malformed record', () => {
    expect(() => parseFactualityJsonl('{"text": "a b"}', 'x.jsonl')).toThrow(/x\.jsonl:1/);
    expect(() => parseFactualityJsonl('not json')).toThrow(FactualityFormatError);
    const outside = JSON.stringify({ text: 'a b', targets: [{ span1: [1, 3], label: 1 }] });
    expect(() => parseFactualityJsonl(`\n${outside}`, 'y')).toThrow(
      /y:2: target 0 span 1-3 is outside 2 tokens/,
    );
  });
});

describe('eval:certainty on factuality JSON lines', () => {
  const report = evaluateFactuality(parseFactualityJsonl(JSONL), 'uw');

  it('scores rules, model and the always-+3 baseline on the same mentions', () => {
    expect(report.mentions).toBe(3);
    for (const scores of [report.rules, report.model, report.alwaysCertain]) {
      expect(scores.certainty.count).toBe(3);
      expect(scores.polarity.count).toBe(3);
    }
    // Always +3 is off by 0, 5.8 and 2.4.
    expect(report.alwaysCertain.mae).toBeCloseTo((0 + 5.8 + 2.4) / 3);
    expect(report.alwaysCertain.pearson).toBe(0);
    // The rules say CERTAIN POS (+3), CERTAIN NEG (-3) and POSSIBLE POS (+1).
    expect(report.rules.mae).toBeCloseTo((0 + 0.2 + 0.4) / 3);
  });

  it('prints MAE and Pearson r beside the binned certainty and polarity, time null', () => {
    const json = factualityJson(report);
    expect(Object.keys(json)).toEqual([
      'mentions',
      'domain',
      'mae',
      'pearson',
      'certainty',
      'polarity',
      'time',
      'rules',
      'alwaysCertain',
    ]);
    expect(json.time).toBeNull();
    expect(Object.keys(json.certainty.classes)).toEqual([
      'CERTAIN',
      'PROBABLE',
      'POSSIBLE',
      'UNDERSPECIFIED',
    ]);
    expect(Object.keys(json.rules)).toEqual(['mae', 'pearson', 'certainty', 'polarity']);
  });

  it('takes a .jsonl argument as the factuality format, and its domain from the folder', () => {
    expect(parseArgs(['uw/dev.jsonl'], '/d')).toMatchObject({ dir: '/d/uw/dev.jsonl', format: 'factuality' });
    expect(parseArgs(['data', '--format', 'factuality', '--domain=uds'], '/d')).toMatchObject({
      format: 'factuality',
      domain: 'uds',
    });
    expect(parseArgs(['data'], '/d').format).toBe('meantime');
    expect(() => parseArgs(['--domain', 'web'], '/d')).toThrow(/unknown domain/);
    expect(domainOfPath('/x/factuality/uds-ih2/dev.jsonl')).toBe('uds');
    expect(domainOfPath('/x/factuality/uw/dev.jsonl')).toBe('uw');
    expect(domainOfPath('/x/mine.jsonl')).toBe('news');
  });
});

const FACTUALITY = join(REPO_ROOT, '..', 'shared', 'eval', 'factuality');
const UW_DEV = join(FACTUALITY, 'uw', 'dev.jsonl');
const hasFactuality = existsSync(UW_DEV);
if (!hasFactuality)
  console.warn(`Factuality data not found at ${UW_DEV}: skipping the evaluation on real data`);

describe.skipIf(!hasFactuality)('eval:certainty on UW dev (../shared/eval/factuality)', () => {
  it('the model beats the rules and the always-+3 baseline on MAE and r', () => {
    const report = evaluateFactuality(parseFactualityJsonl(readFileSync(UW_DEV, 'utf8')), 'uw');
    expect(report.mentions).toBeGreaterThan(3000);
    expect(report.model.mae).toBeLessThan(report.rules.mae);
    expect(report.model.mae).toBeLessThan(report.alwaysCertain.mae);
    expect(report.model.pearson).toBeGreaterThan(report.rules.pearson);
    // Floors a little under the figures when the weights were trained (MAE 0.454, r 0.769).
    expect(report.model.mae).toBeLessThanOrEqual(0.5);
    expect(report.model.pearson).toBeGreaterThanOrEqual(0.72);
  });
});

describe.skipIf(!hasData)('the combined judgement on MEANTIME held out', () => {
  it('loses nothing to the rules alone on any axis', () => {
    const heldOut = selectSplit(loadMeantime(DATA), 'held-out');
    const rules = evaluateCertainty(heldOut, CLASSIFIERS.rules);
    const combined = evaluateCertainty(heldOut, CLASSIFIERS.combined);
    expect(combined.certainty.macroF1).toBeGreaterThanOrEqual(rules.certainty.macroF1 - 0.01);
    expect(combined.polarity.macroF1).toBeGreaterThanOrEqual(rules.polarity.macroF1 - 0.01);
    expect(combined.time.macroF1).toBeGreaterThanOrEqual(rules.time.macroF1 - 0.01);
  });
});
