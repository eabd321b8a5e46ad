/**
 * The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the buffer
 * (Ballesteros & Nivre 2013): a sentence of n words takes exactly 2n transitions, and putting the
 * root last keeps the parser from attaching words to it early.
 *
 *   SHIFT  move the buffer's front b0 onto the stack
 *   LEFT   b0 -> s0, pop the stack
 *   RIGHT  s1 -> s0, pop the stack
 */
import { NO_POS, NO_WORD, featureIndex, type CodedSentence } from './sentence-codes';

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const TRANSITIONS = 3;

export class ParserState {
  readonly n: number;
  readonly stack: Int32Array;
  depth = 0;
  /** The buffer's front; `n` is the root. */
  front = 0;
  /** Head of each word, `n` for the root, -1 while unattached. */
  readonly heads: Int32Array;
  /** Leftmost and second leftmost, rightmost and second rightmost dependents; -1 for none. */
  readonly left1: Int32Array;
  readonly left2: Int32Array;
  readonly right1: Int32Array;
  readonly right2: Int32Array;
  readonly leftCount: Uint8Array;
  readonly rightCount: Uint8Array;

  constructor(n: number) {
    this.n = n;
    this.stack = new Int32Array(n + 1);
    this.heads = new Int32Array(n + 1).fill(-1);
    this.left1 = new Int32Array(n + 1).fill(-1);
    this.left2 = new Int32Array(n + 1).fill(-1);
    this.right1 = new Int32Array(n + 1).fill(-1);
    this.right2 = new Int32Array(n + 1).fill(-1);
    this.leftCount = new Uint8Array(n + 1);
    this.rightCount = new Uint8Array(n + 1);
  }

  get done(): boolean {
    return this.depth === 0 && this.front === this.n;
  }

  /** s_i, or -1 when the stack is shallower. */
  s(i: number): number {
    return this.depth > i ? (this.stack[this.depth - 1 - i] as number) : -1;
  }

  /** b_i, or -1 past the root. */
  b(i: number): number {
    const index = this.front + i;
    return index <= this.n ? index : -1;
  }

  /**
   * SHIFT needs a word in the buffer (the root never moves); LEFT onto the root only for the last
   * word on the stack, so a sentence gets exactly one root.
   */
  legal(transition: number): boolean {
    if (transition === SHIFT) return this.front < this.n;
    if (transition === LEFT) return this.depth > 0 && (this.front < this.n || this.depth === 1);
    return this.depth > 1;
  }

  apply(transition: number): void {
    if (transition === SHIFT) {
      this.stack[this.depth] = this.front;
      this.depth += 1;
      this.front += 1;
      return;
    }
    const dependent = this.stack[this.depth - 1] as number;
    this.depth -= 1;
    const head = transition === LEFT ? this.front : (this.stack[this.depth - 1] as number);
    this.heads[dependent] = head;
    if (dependent < head) {
      // Left dependents arrive nearest first, so each new one is the leftmost.
      this.left2[head] = this.left1[head] as number;
      this.left1[head] = dependent;
      this.leftCount[head] = Math.min(255, (this.leftCount[head] as number) + 1);
    } else {
      // Right dependents arrive left to right, so each new one is the rightmost.
      this.right2[head] = this.right1[head] as number;
      this.right1[head] = dependent;
      this.rightCount[head] = Math.min(255, (this.rightCount[head] as number) + 1);
    }
  }
}

/** Table size of the transition model: 2^TRANSITION_BITS hashed features. */
export const TRANSITION_BITS = 19;
export const FEATURE_COUNT = 60;

const distanceCode = (a: number, b: number): number => {
  if (a < 0 || b < 0) return 0;
  const d = b - a;
  return d < 5 ? d : d < 8 ? 5 : d < 12 ? 6 : 7;
};

/**
 * Hashed features of a state into `out` (FEATURE_COUNT entries): words and tags of the top three
 * of the stack and the buffer, the outermost dependents found so far, distance and valency, in the
 * combinations of Zhang & Nivre (2011) that matter most for greedy English parsing.
 */
export const stateFeatures = (state: ParserState, sentence: CodedSentence, out: Int32Array): void => {
  const mask = (1 << TRANSITION_BITS) - 1;
  const { words, tags } = sentence;
  const word = (i: number) => (i < 0 ? NO_WORD : (words[i] as number));
  const tag = (i: number) => (i < 0 ? NO_POS : (tags[i] as number));
  const s0 = state.s(0);
  const s1 = state.s(1);
  const s2 = state.s(2);
  const b0 = state.b(0);
  const b1 = state.b(1);
  const b2 = state.b(2);
  const b3 = state.b(3);
  const child = (array: Int32Array, i: number) => (i < 0 ? -1 : (array[i] as number));
  const s0l = child(state.left1, s0);
  const s0l2 = child(state.left2, s0);
  const s0r = child(state.right1, s0);
  const s0r2 = child(state.right2, s0);
  const s1l = child(state.left1, s1);
  const s1r = child(state.right1, s1);
  const s1r2 = child(state.right2, s1);
  const b0l = child(state.left1, b0);
  const b0l2 = child(state.left2, b0);
  const s0w = word(s0);
  const s0p = tag(s0);
  const s1w = word(s1);
  const s1p = tag(s1);
  const s2p = tag(s2);
  const b0w = word(b0);
  const b0p = tag(b0);
  const b1w = word(b1);
  const b1p = tag(b1);
  const b2p = tag(b2);
  const b3p = tag(b3);
  const s0lp = tag(s0l);
  const s0rp = tag(s0r);
  const s1lp = tag(s1l);
  const s1rp = tag(s1r);
  const b0lp = tag(b0l);
  const dist = distanceCode(s0, b0);
  const dist1 = distanceCode(s1, s0);
  const s0vl = s0 < 0 ? 0 : (state.leftCount[s0] as number);
  const s0vr = s0 < 0 ? 0 : (state.rightCount[s0] as number);
  const b0vl = b0 < 0 ? 0 : (state.leftCount[b0] as number);
  const s1vr = s1 < 0 ? 0 : (state.rightCount[s1] as number);
  let k = 0;
  const put = (a: number, b: number, c: number) => {
    out[k] = featureIndex(k, a, b, c, mask);
    k += 1;
  };
  // Single positions.
  put(s0w, 0, 0);
  put(s0p, 0, 0);
  put(s0w, s0p, 0);
  put(s1w, 0, 0);
  put(s1p, 0, 0);
  put(s1w, s1p, 0);
  put(b0w, 0, 0);
  put(b0p, 0, 0);
  put(b0w, b0p, 0);
  put(b1w, 0, 0);
  put(b1p, 0, 0);
  put(b1w, b1p, 0);
  put(b2p, 0, 0);
  put(s2p, 0, 0);
  // Pairs.
  put(s0w, s0p, b0w ^ (b0p << 24));
  put(s0w, s0p, b0w);
  put(s0w, b0w, b0p);
  put(s0w, s0p, b0p);
  put(s0p, b0w, b0p);
  put(s0w, b0w, 0);
  put(s0p, b0p, 0);
  put(b0p, b1p, 0);
  put(s0w, s1w, 0);
  put(s0p, s1p, 0);
  put(s0w, s0p, s1p);
  put(s0p, s1w, s1p);
  put(s1w, b0w, 0);
  put(s1p, b0p, 0);
  // Triples of tags.
  put(b0p, b1p, b2p);
  put(s0p, b0p, b1p);
  put(s1p, s0p, b0p);
  put(s2p, s1p, s0p);
  put(s0p, s0lp, b0p);
  put(s0p, s0rp, b0p);
  put(s0p, b0p, b0lp);
  put(s1p, s1rp, s0p);
  put(s1p, s1lp, s0p);
  put(s0p, s0lp, tag(s0l2));
  put(s0p, s0rp, tag(s0r2));
  put(b0p, b0lp, tag(b0l2));
  put(s1p, s1rp, tag(s1r2));
  put(b0p, b1p, b2p ^ (b3p << 8));
  // Distance and valency.
  put(s0w, dist, 0);
  put(s0p, dist, 0);
  put(b0w, dist, 0);
  put(b0p, dist, 0);
  put(s0p, b0p, dist);
  put(s1p, s0p, dist1);
  put(s0w, s0vr, 0);
  put(s0p, s0vr, 0);
  put(s0w, s0vl, 0);
  put(s0p, s0vl, 0);
  put(b0w, b0vl, 0);
  put(b0p, b0vl, 0);
  put(s1p, s1vr, s0p);
  // Dependents' words.
  put(word(s0l), s0lp, s0p);
  put(word(s0r), s0rp, s0p);
  put(word(b0l), b0lp, b0p);
  put(word(s1r), s1rp, s1p);
  // The stack's depth tells sentence-initial words from embedded ones.
  put(Math.min(state.depth, 4), s0p, b0p);
};
