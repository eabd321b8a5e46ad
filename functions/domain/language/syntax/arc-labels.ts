/**
 * Relation labels, chosen after the tree is built: with every arc known, a label can look at the
 * dependent's own dependents ("with" under "Kim" makes an obl), at its siblings ("was" beside the
 * head makes nsubj:pass) and at the labels already given above it and beside it. Labelling top
 * down, nearest sibling first, makes those labels available; a separate labeller also keeps the
 * transition model at three classes, which is what keeps the weights small.
 */
import { NO_POS, NO_WORD, featureIndex, posCode, type CodedSentence } from './sentence-codes';

export const LABEL_BITS = 18;
export const MAX_LABEL_FEATURES = 48;
/** Codes of "no label yet" and of the root's own label in the features. */
const NO_LABEL = 255;
const ROOT_LABEL = 254;

/** Dependents of every word, nearest first on each side, and the order to label them in. */
export interface Tree {
  /** Head of each word; `n` (the sentence length) is the root. */
  heads: Int32Array;
  /** Dependents of word i (of the root for i = n) at childStart[i] .. childStart[i + 1]. */
  childStart: Int32Array;
  children: Int32Array;
  /** Words top down, so a head is labelled before its dependents. */
  order: Int32Array;
  /** The next dependent of the same head on the same side, nearer to it; -1 for none. */
  nearerSibling: Int32Array;
}

export const buildTree = (heads: Int32Array, n: number): Tree => {
  const counts = new Int32Array(n + 2);
  for (let d = 0; d < n; d += 1) {
    const row = (heads[d] as number) + 1;
    counts[row] = (counts[row] as number) + 1;
  }
  const childStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i += 1) childStart[i + 1] = (childStart[i] as number) + (counts[i + 1] as number);
  const fill = childStart.slice();
  const children = new Int32Array(n);
  // Left dependents from the nearest leftwards, then right ones from the nearest rightwards.
  for (let d = n - 1; d >= 0; d -= 1) {
    const h = heads[d] as number;
    if (d < h) children[(fill[h] as number)++] = d;
  }
  for (let d = 0; d < n; d += 1) {
    const h = heads[d] as number;
    if (d > h) children[(fill[h] as number)++] = d;
  }
  const nearerSibling = new Int32Array(n).fill(-1);
  for (let h = 0; h <= n; h += 1) {
    for (let k = (childStart[h] as number) + 1; k < (childStart[h + 1] as number); k += 1) {
      const d = children[k] as number;
      const previous = children[k - 1] as number;
      if (previous < h === d < h) nearerSibling[d] = previous;
    }
  }
  const order = new Int32Array(n);
  let read = 0;
  let write = 0;
  for (let k = childStart[n] as number; k < (childStart[n + 1] as number); k += 1)
    order[write++] = children[k] as number;
  while (read < write) {
    const h = order[read++] as number;
    for (let k = childStart[h] as number; k < (childStart[h + 1] as number); k += 1) {
      order[write++] = children[k] as number;
    }
  }
  // A cycle cannot come out of the transition system, but gold data is checked by the caller.
  return { heads, childStart, children, order: write === n ? order : order.slice(0, write), nearerSibling };
};

const distanceCode = (d: number, h: number): number => {
  const distance = Math.abs(d - h);
  const bucket = distance < 4 ? distance : distance < 7 ? 4 : 5;
  return d < h ? bucket : bucket + 8;
};

/** Function-word tags whose words tell relations apart: case, mark, aux, cop, the infinitive "to". */
const FUNCTION_TAGS = new Set(['ADP', 'AUX', 'PART', 'SCONJ', 'CCONJ'].map(posCode));

/**
 * Hashed features of the arc into word d into `out`; returns how many. `labels` holds the codes of
 * the labels given so far (NO_LABEL where none).
 */
export const arcFeatures = (
  sentence: CodedSentence,
  tree: Tree,
  labels: Uint8Array,
  d: number,
  out: Int32Array,
): number => {
  const mask = (1 << LABEL_BITS) - 1;
  const { words, tags } = sentence;
  const n = sentence.length;
  const h = tree.heads[d] as number;
  const dw = words[d] as number;
  const dp = tags[d] as number;
  const hw = words[h] as number;
  const hp = tags[h] as number;
  const dir = d < h ? 1 : 2;
  const dist = distanceCode(d, h);
  const hl = h === n ? ROOT_LABEL : (labels[h] as number);
  const hh = h === n ? -1 : (tree.heads[h] as number);
  const hhp = hh < 0 ? NO_POS : (tags[hh] as number);
  const sibling = tree.nearerSibling[d] as number;
  const sl = sibling < 0 ? NO_LABEL : (labels[sibling] as number);
  const sp = sibling < 0 ? NO_POS : (tags[sibling] as number);
  let k = 0;
  const put = (template: number, a: number, b: number, c: number) => {
    out[k] = featureIndex(template, a, b, c, mask);
    k += 1;
  };
  put(0, 0, 0, 0);
  put(1, dw, 0, 0);
  put(2, dp, 0, 0);
  put(3, dw, dp, 0);
  put(4, hw, 0, 0);
  put(5, hp, 0, 0);
  put(6, hw, hp, 0);
  put(7, hp, dp, 0);
  put(8, hp, dp, dir);
  put(9, hw, dp, dir);
  put(10, dw, hp, dir);
  put(11, hw, dw, 0);
  put(12, dp, dist, 0);
  put(13, hp, dp, dist);
  put(14, hl, 0, 0);
  put(15, hl, dp, dir);
  put(16, hl, hp, dp);
  put(17, sl, dp, dir);
  put(18, sl, hp, dp ^ (dir << 8));
  put(19, sl, sp, dp);
  put(20, hhp, hp, dp);
  put(21, hl, dw, 0);
  const from = tree.childStart[d] as number;
  const to = tree.childStart[d + 1] as number;
  put(22, Math.min(to - from, 6), dp, 0);
  // The dependent's own function words ("with", "to", "was") and outermost dependents' tags.
  let leftmost = -1;
  let rightmost = -1;
  for (let c = from; c < to && k < MAX_LABEL_FEATURES - 12; c += 1) {
    const child = tree.children[c] as number;
    const cp = tags[child] as number;
    if (child < d && (leftmost < 0 || child < leftmost)) leftmost = child;
    if (child > d && child > rightmost) rightmost = child;
    if (FUNCTION_TAGS.has(cp)) {
      const cw = words[child] as number;
      put(23, cw, dp, 0);
      put(24, cw, hp, dp);
      put(25, cw, child < d ? 1 : 2, hl);
    }
  }
  put(
    26,
    leftmost < 0 ? NO_WORD : (words[leftmost] as number),
    leftmost < 0 ? NO_POS : (tags[leftmost] as number),
    dp,
  );
  put(27, rightmost < 0 ? NO_POS : (tags[rightmost] as number), dp, hp);
  // The head's function words: "was" + participle makes a passive subject, "to" an xcomp.
  const hFrom = tree.childStart[h] as number;
  const hTo = tree.childStart[h + 1] as number;
  for (let c = hFrom; c < hTo && k < MAX_LABEL_FEATURES - 1; c += 1) {
    const sib = tree.children[c] as number;
    if (sib === d) continue;
    const cp = tags[sib] as number;
    if (FUNCTION_TAGS.has(cp)) put(28, words[sib] as number, dp, dir ^ ((sib < h ? 1 : 2) << 4));
  }
  put(29, dw, dist, hp);
  return k;
};

export const NO_LABEL_CODE = NO_LABEL;
