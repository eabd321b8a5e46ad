/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin, 2004), as the usual reference implementations compute
 * them without stemming or stop-word removal:
 *
 * - tokens: the text lower-cased, every run of characters other than letters and digits a
 *   separator ("Warner's $1.13bn" → warner, s, 1, 13bn), as ROUGE-1.5.5 and rouge-score do;
 * - ROUGE-N: clipped n-gram overlap (an n-gram counts at most as often as it occurs in the
 *   other text), precision over the candidate's n-grams, recall over the reference's;
 * - ROUGE-L: the longest common subsequence of the two whole token sequences (not the
 *   sentence-level union LCS of ROUGE-Lsum), precision over the candidate's length, recall over
 *   the reference's;
 * - F1 is the harmonic mean, 0 when either side is empty or nothing is shared.
 */

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Lower-cased words and numbers of a text, punctuation dropped. */
export const rougeTokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(SEPARATORS)
    .filter((token) => token.length > 0);

/** Harmonic mean of overlap/candidate and overlap/reference; 0 when undefined. */
export const f1 = (overlap: number, candidate: number, reference: number): number => {
  if (overlap <= 0 || candidate <= 0 || reference <= 0) return 0;
  const precision = overlap / candidate;
  const recall = overlap / reference;
  return (2 * precision * recall) / (precision + recall);
};

const ngramCounts = (tokens: readonly string[], n: number): Map<string, number> => {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    // A space cannot occur inside a token, so joining with one is unambiguous.
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
};

/** ROUGE-N F1 of two token sequences (see {@link rougeTokens}). */
export const rougeN = (candidate: readonly string[], reference: readonly string[], n: number): number => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const ours = ngramCounts(candidate, n);
  const theirs = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of ours) overlap += Math.min(count, theirs.get(gram) ?? 0);
  return f1(overlap, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0));
};

/** Length of the longest common subsequence; O(|a|·|b|) time, O(|b|) space. */
export const lcsLength = (a: readonly string[], b: readonly string[]): number => {
  let previous = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (const token of a) {
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = token === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    [previous, row] = [row, previous];
  }
  return previous[b.length] ?? 0;
};

/** ROUGE-L F1 of two token sequences, the LCS taken over each whole sequence. */
export const rougeL = (candidate: readonly string[], reference: readonly string[]): number =>
  f1(lcsLength(candidate, reference), candidate.length, reference.length);

/** All three F1 scores of a candidate text against a reference text. */
export const rouge = (candidate: string, reference: string): RougeScores => {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { rouge1: rougeN(c, r, 1), rouge2: rougeN(c, r, 2), rougeL: rougeL(c, r) };
};
