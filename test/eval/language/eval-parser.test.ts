import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProjective, readConllu } from '../../../infra/training/conllu';
import { labelMapper, scoreParses } from '../../../infra/training/parser-scores';
import { REPO_ROOT } from '../../../infra/paths';
import { evaluateParser, reportText } from './eval-parser';

const DEV = resolve(REPO_ROOT, '../shared/train/ud-english-ewt/en_ewt-ud-dev.conllu');
const devAvailable = existsSync(DEV);
if (!devAvailable)
  console.warn(`Parser evaluation tests skipped: ${DEV} not found (../shared beside the repo).`);

const SAMPLE = [
  '# sent_id = a-1',
  "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_',
  "2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_",
  '3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_',
  '3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t3:conj\t_',
  '4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_',
  '',
].join('\n');

describe('readConllu', () => {
  it('keeps the words of the basic tree, skipping multiword tokens and empty nodes', () => {
    const [sentence] = readConllu(SAMPLE);
    expect(sentence).toEqual({
      id: 'a-1',
      forms: ['do', "n't", 'go', '.'],
      upos: ['AUX', 'PART', 'VERB', 'PUNCT'],
      heads: [2, 2, -1, 2],
      relations: ['aux', 'advmod', 'root', 'punct'],
    });
  });

  it('tells crossing arcs', () => {
    expect(isProjective([2, 2, -1, 2])).toBe(true);
    // 0 -> 2 crosses 1 -> 3.
    expect(isProjective([2, 3, -1, 2])).toBe(false);
  });
});

describe('scoreParses', () => {
  it('leaves gold punctuation out of the first figures and maps rare subtypes to their type', () => {
    const [gold] = readConllu(SAMPLE);
    const scores = scoreParses(
      [gold!],
      [{ heads: [2, 2, -1, 0], relations: ['aux', 'advmod', 'root', 'punct'] }],
      labelMapper(['aux', 'advmod', 'root', 'punct']),
    );
    expect(scores.withoutPunctuation).toEqual({ words: 3, uas: 1, las: 1, labelAccuracy: 1 });
    expect(scores.allWords.uas).toBe(0.75);
  });
});

describe.skipIf(!devAvailable)('eval:parser on EWT dev (../shared/train/ud-english-ewt)', () => {
  it('scores the committed weights near the figures in the syntax README', async () => {
    const report = await evaluateParser(DEV);
    expect(report.scores.sentences).toBe(2001);
    expect(report.scores.withoutPunctuation.uas).toBeGreaterThan(0.8);
    expect(report.scores.withoutPunctuation.las).toBeGreaterThan(0.74);
    expect(report.weightsBytes).toBeLessThan(1_000_000);
    expect(reportText(report)).toContain('UAS');
  });
});
