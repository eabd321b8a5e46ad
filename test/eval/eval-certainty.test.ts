import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TUNED_ON } from '../../functions/domain/topics/certainty/factuality-cues';
import { REPO_ROOT } from '../../infra/paths';
import { evaluateCertainty, parseArgs, reportJson, selectSplit } from './eval-certainty';
import { loadMeantime, parseMeantime } from './meantime';

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
