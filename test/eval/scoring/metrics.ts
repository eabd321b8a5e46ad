/**
 * Classification metrics shared by the evaluation scripts: per-class precision, recall and F1,
 * macro-F1, and the majority-class baseline on the same gold labels.
 */

export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of the class. */
  support: number;
  /** Items predicted as the class. */
  predicted: number;
}

export interface AxisScores<L extends string> {
  /** Items scored (gold and predicted label pairs). */
  count: number;
  classes: Record<L, ClassScore>;
  /**
   * Mean F1 over the classes that occur in the gold labels or the predictions; a class that does
   * neither has no defined F1 and is left out.
   */
  macroF1: number;
  /** Macro-F1 of always predicting the most frequent gold class (first in `labels` on a tie). */
  baselineMacroF1: number;
  /** The most frequent gold class. */
  majority: L | undefined;
  accuracy: number;
}

/** precision = tp / predicted, recall = tp / support; 0 when the denominator is 0. */
const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

export const f1Of = (precision: number, recall: number) =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

/** Per-class scores and macro-F1 for paired gold and predicted labels. */
export const scoreLabels = <L extends string>(
  labels: readonly L[],
  pairs: readonly { gold: L; predicted: L }[],
): Omit<AxisScores<L>, 'baselineMacroF1' | 'majority'> => {
  const classes = {} as Record<L, ClassScore>;
  let correct = 0;
  for (const label of labels) {
    const support = pairs.filter((p) => p.gold === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const tp = pairs.filter((p) => p.gold === label && p.predicted === label).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    classes[label] = { precision, recall, f1: f1Of(precision, recall), support, predicted };
    correct += tp;
  }
  const counted = labels.filter((l) => classes[l].support > 0 || classes[l].predicted > 0);
  const macroF1 =
    counted.length === 0 ? 0 : counted.reduce((sum, l) => sum + classes[l].f1, 0) / counted.length;
  return { count: pairs.length, classes, macroF1, accuracy: ratio(correct, pairs.length) };
};

/** The most frequent gold label; ties go to the label listed first. */
export const majorityLabel = <L extends string>(labels: readonly L[], gold: readonly L[]): L | undefined => {
  let best: L | undefined;
  let bestCount = 0;
  for (const label of labels) {
    const count = gold.filter((g) => g === label).length;
    if (count > bestCount) {
      best = label;
      bestCount = count;
    }
  }
  return best;
};

/** Scores predictions and, on the same gold labels, the majority-class baseline. */
export const scoreAxis = <L extends string>(
  labels: readonly L[],
  pairs: readonly { gold: L; predicted: L }[],
): AxisScores<L> => {
  const scores = scoreLabels(labels, pairs);
  const majority = majorityLabel(
    labels,
    pairs.map((p) => p.gold),
  );
  const baselineMacroF1 =
    majority === undefined
      ? 0
      : scoreLabels(
          labels,
          pairs.map((p) => ({ gold: p.gold, predicted: majority })),
        ).macroF1;
  return { ...scores, baselineMacroF1, majority };
};

/** Mean absolute error of paired predictions; 0 for no pairs. */
export const meanAbsoluteError = (gold: readonly number[], predicted: readonly number[]): number => {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  if (gold.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < gold.length; i += 1) sum += Math.abs((gold[i] as number) - (predicted[i] as number));
  return sum / gold.length;
};

/**
 * Pearson's correlation coefficient. A constant series (an always-+3 baseline) has no defined
 * correlation: 0 is returned, the value that claims no linear relation.
 */
export const pearson = (x: readonly number[], y: readonly number[]): number => {
  if (x.length !== y.length) throw new RangeError('series differ in length');
  const n = x.length;
  if (n === 0) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
};
