/**
 * Scores of a grouping of items against gold groups: B-cubed (Bagga & Baldwin: per item, the share
 * of its predicted group that is gold-right, and of its gold group it was put with) and pairwise
 * (over all pairs of items put together / gold together). Precision, recall, F1 of each.
 */
export interface ClusterScores {
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
  groups: number;
}

const f1 = (precision: number, recall: number) =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

const groupsOf = (labels: readonly string[]) => {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const group = groups.get(label);
    if (group) group.push(i);
    else groups.set(label, [i]);
  });
  return groups;
};

export const scoreClustering = (gold: readonly string[], predicted: readonly string[]): ClusterScores => {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted differ in length');
  const n = gold.length;
  const goldGroups = groupsOf(gold);
  const predictedGroups = groupsOf(predicted);
  let precision = 0;
  let recall = 0;
  // Pairs: together in both, together in the prediction, together in the gold.
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i += 1) {
    const key = `${gold[i]}\u0000${predicted[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  for (let i = 0; i < n; i += 1) {
    const both = joint.get(`${gold[i]}\u0000${predicted[i]}`)!;
    precision += both / predictedGroups.get(predicted[i]!)!.length;
    recall += both / goldGroups.get(gold[i]!)!.length;
  }
  const pairs = (size: number) => (size * (size - 1)) / 2;
  let truePairs = 0;
  for (const size of joint.values()) truePairs += pairs(size);
  let predictedPairs = 0;
  for (const group of predictedGroups.values()) predictedPairs += pairs(group.length);
  let goldPairs = 0;
  for (const group of goldGroups.values()) goldPairs += pairs(group.length);
  const bp = n ? precision / n : 0;
  const br = n ? recall / n : 0;
  const pp = predictedPairs ? truePairs / predictedPairs : 1;
  const pr = goldPairs ? truePairs / goldPairs : 1;
  return {
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    groups: predictedGroups.size,
  };
};
