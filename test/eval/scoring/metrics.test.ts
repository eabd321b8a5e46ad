import { describe, expect, it } from 'vitest';
import { f1Of, majorityLabel, meanAbsoluteError, pearson, scoreAxis, scoreLabels } from './metrics';

type L = 'A' | 'B' | 'C';

const pairs = (...rows: [L, L, number][]) =>
  rows.flatMap(([gold, predicted, count]) => Array.from({ length: count }, () => ({ gold, predicted })));

/**
 * Confusion matrix (rows gold, columns predicted):
 *
 *        A  B  C
 *   A    3  1  0
 *   B    1  1  0
 *   C    2  0  0
 */
const matrix = pairs(['A', 'A', 3], ['A', 'B', 1], ['B', 'A', 1], ['B', 'B', 1], ['C', 'A', 2]);
const LABELS: L[] = ['A', 'B', 'C'];

describe('precision, recall and F1', () => {
  it('scores each class from the confusion matrix', () => {
    const { classes, accuracy, count } = scoreLabels(LABELS, matrix);
    // A: tp 3, predicted 6, gold 4.
    expect(classes.A.precision).toBeCloseTo(0.5);
    expect(classes.A.recall).toBeCloseTo(0.75);
    expect(classes.A.f1).toBeCloseTo(0.6);
    // B: tp 1, predicted 2, gold 2.
    expect(classes.B).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
    // C: never predicted: precision 0 by convention, recall 0.
    expect(classes.C).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 0 });
    expect(accuracy).toBeCloseTo(4 / 8);
    expect(count).toBe(8);
  });

  it('macro-averages F1 over the classes present in gold or predictions', () => {
    expect(scoreLabels(LABELS, matrix).macroF1).toBeCloseTo((0.6 + 0.5 + 0) / 3);
    // A label that occurs nowhere has no F1 and does not drag the mean down.
    const withUnused = scoreLabels<L | 'D'>([...LABELS, 'D'], matrix);
    expect(withUnused.macroF1).toBeCloseTo((0.6 + 0.5 + 0) / 3);
    // A label only predicted, never gold, counts with F1 0.
    const spurious = scoreLabels<'X' | 'Y'>(
      ['X', 'Y'],
      [
        { gold: 'X', predicted: 'X' },
        { gold: 'X', predicted: 'Y' },
      ],
    );
    expect(spurious.classes.X.f1).toBeCloseTo(2 / 3);
    expect(spurious.macroF1).toBeCloseTo(1 / 3);
  });

  it('defines F1 as 0 when precision and recall are both 0', () => {
    expect(f1Of(0, 0)).toBe(0);
    expect(f1Of(1, 0.5)).toBeCloseTo(2 / 3);
  });
});

describe('majority-class baseline', () => {
  it('predicts the most frequent gold class for every item', () => {
    const axis = scoreAxis(LABELS, matrix);
    expect(axis.majority).toBe('A');
    // All A: precision 4/8, recall 1, F1 2/3; B and C score 0.
    expect(axis.baselineMacroF1).toBeCloseTo(2 / 3 / 3);
    expect(axis.macroF1).toBeCloseTo(1.1 / 3);
  });

  it('breaks ties by label order and copes with no items', () => {
    expect(majorityLabel(LABELS, ['B', 'C', 'C', 'B'])).toBe('B');
    const empty = scoreAxis(LABELS, []);
    expect(empty).toMatchObject({ count: 0, macroF1: 0, baselineMacroF1: 0, majority: undefined });
  });
});

describe('regression metrics', () => {
  it('takes the mean absolute error of paired values', () => {
    expect(meanAbsoluteError([3, -3, 0], [2, -1, 0.5])).toBeCloseTo((1 + 2 + 0.5) / 3);
    expect(meanAbsoluteError([], [])).toBe(0);
    expect(() => meanAbsoluteError([1], [])).toThrow(RangeError);
  });

  it("computes Pearson's r, 0 for a constant series", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    // x = 1..4, y = 1, 3, 2, 4: cov 1.25 · 4/4, var x = var y = 1.25: r = 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8);
    expect(pearson([1, 2, 3], [3, 3, 3])).toBe(0);
    expect(pearson([], [])).toBe(0);
  });
});
