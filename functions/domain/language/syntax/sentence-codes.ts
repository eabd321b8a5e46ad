/**
 * Words as integers for the parser: features are hashed from small integers rather than strings, so
 * each word's text is hashed once per sentence instead of once per feature.
 */

import { hashFeature } from '../feature-hash';

/** A word as the parser reads it: lower-cased text and a UPOS tag from the project's tagger. */
export interface ParserWord {
  lower: string;
  pos: string;
}

/**
 * UPOS tags in a fixed order: their codes are hashed into the features, so the committed weights
 * depend on this order. Append only.
 */
export const POS_TAGS = [
  'ADJ',
  'ADP',
  'ADV',
  'AUX',
  'CCONJ',
  'DET',
  'INTJ',
  'NOUN',
  'NUM',
  'PART',
  'PRON',
  'PROPN',
  'PUNCT',
  'SCONJ',
  'SYM',
  'VERB',
  'X',
  'SPACE',
] as const;

/** Codes 0 and 1 are "no word here" and the artificial root; tags start at 2. */
export const NO_POS = 0;
export const ROOT_POS = 1;
const POS_CODES = new Map<string, number>(POS_TAGS.map((tag, index) => [tag, index + 2]));
const X_CODE = POS_CODES.get('X') as number;

export const posCode = (pos: string): number => POS_CODES.get(pos) ?? X_CODE;

// FNV-1a over UTF-16 code units (language/feature-hash.ts): stable across runs, so training and run
// time agree.
const hashString = hashFeature;

export const NO_WORD = hashString('\u0000none');
export const ROOT_WORD = hashString('\u0000root');

/** One sentence as codes; index `length` is the artificial root, which ends the buffer. */
export interface CodedSentence {
  length: number;
  words: Int32Array;
  tags: Uint8Array;
}

export const codeSentence = (words: readonly ParserWord[]): CodedSentence => {
  const n = words.length;
  const codes = new Int32Array(n + 1);
  const tags = new Uint8Array(n + 1);
  for (let i = 0; i < n; i += 1) {
    const word = words[i] as ParserWord;
    codes[i] = hashString(word.lower) | 0;
    tags[i] = posCode(word.pos);
  }
  codes[n] = ROOT_WORD | 0;
  tags[n] = ROOT_POS;
  return { length: n, words: codes, tags };
};

/**
 * Murmur3-style mixing of a feature template and up to three values into a table index: cheap
 * enough to run some fifty times per transition.
 */
export const featureIndex = (template: number, a: number, b: number, c: number, mask: number): number => {
  let h = Math.imul(template + 1, 0x9e3779b1);
  h = mixIn(h, a);
  h = mixIn(h, b);
  h = mixIn(h, c);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
};

const mixIn = (h: number, value: number): number => {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
};
