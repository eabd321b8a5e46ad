/**
 * The entity tagger's features: what it knows of a word and its neighbours. The project's
 * gazetteers, title and cue lists are features here, weighed by training, not decisions.
 *
 * Each word's values (its text, lower case, shape, affixes, tag, gazetteer hit) are hashed once per
 * sentence; a feature is then one integer mix of a template number and those hashes. The weights
 * depend on every template number and value below: change one and retrain (`npm run train:entities`).
 */
import { hashFeature, mixHash } from '../feature-hash';
import { COMPANY_SUFFIXES, ORG_HEAD_WORDS, PLACE_HEAD_WORDS, PLACE_PREFIX_WORDS } from './entity-cues';
import {
  endsWithHonorific,
  entityKey,
  honorificPrefixLength,
  lookupDemonym,
  lookupName,
  mayEndHonorific,
  mayStartKnownKey,
  mayStartKnownName,
} from './entity-lexicon';
import { CALENDAR_WORDS } from './non-entities';

/** A word as the tagger reads it: as written, with a UPOS tag from the project's tagger. */
export interface TaggerWord {
  text: string;
  pos: string;
}

/** What the rest of the document says of a word. */
export interface TaggerContext {
  /** Words (lower case) the document also writes in lower case: "Shares" opening a sentence is one. */
  lowercaseWords: ReadonlySet<string>;
}

/** The tags, in the weights' class order: BIO over the three kinds. */
export const ENTITY_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type EntityTag = (typeof ENTITY_TAGS)[number];
export const TAG_COUNT = ENTITY_TAGS.length;
/** Table size: 2^ENTITY_BITS hashed features. */
export const ENTITY_BITS = 19;
/** The tag "before the sentence", in history features. */
export const START_TAG = TAG_COUNT;

const MAX_GAZETTEER_WORDS = 4;
const NONE = 0;

/** "Xxxx", "xx", "XX", "dd", "X.X.": runs of a character class collapsed, at most 4 long. */
const shapeOf = (text: string): { long: string; short: string } => {
  let long = '';
  let short = '';
  for (const char of text) {
    const c =
      char >= '0' && char <= '9'
        ? 'd'
        : char.toLowerCase() !== char
          ? 'X'
          : char.toUpperCase() !== char
            ? 'x'
            : /\p{L}/u.test(char)
              ? 'l'
              : char;
    if (long.length < 6) long += c;
    if (short.charAt(short.length - 1) !== c && short.length < 5) short += c;
  }
  return { long: text.length > 6 ? `${long}+` : long, short };
};

/** A word whose gazetteer key is its lower case (no stops, hyphens or curly apostrophes). */
const PLAIN_WORD = /^[^’.\-‐‑–\s]+$/;

/** Gazetteer hits as BIO codes over the sentence: longest match first. */
const gazetteerCodes = (words: readonly TaggerWord[]): Int32Array => {
  const codes = new Int32Array(words.length);
  for (let i = 0; i < words.length;) {
    let matched = 0;
    if (wordValuesOf(words[i]?.text ?? '').knownStart) {
      // Plain words' key is their lower case joined by spaces: stop at the first run no key starts.
      let longest = Math.min(MAX_GAZETTEER_WORDS, words.length - i);
      let key = '';
      for (let n = 1; n <= longest; n += 1) {
        const text = words[i + n - 1]?.text ?? '';
        if (!PLAIN_WORD.test(text)) break;
        key = n === 1 ? wordValuesOf(text).lowerText : `${key} ${wordValuesOf(text).lowerText}`;
        if (!mayStartKnownKey(key)) {
          longest = n - 1;
          break;
        }
      }
      for (let n = longest; n > 0 && matched === 0; n -= 1) {
        const name = words
          .slice(i, i + n)
          .map((w) => w.text)
          .join(' ');
        const known = lookupName(name);
        if (known) {
          const kind = known.kind === 'person' ? 1 : known.kind === 'organization' ? 2 : 3;
          codes[i] = kind * 2 - 1;
          for (let k = 1; k < n; k += 1) codes[i + k] = kind * 2;
          matched = n;
        }
      }
    }
    i += Math.max(1, matched);
  }
  return codes;
};

const cueOf = (lower: string): number => {
  const bare = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  if (COMPANY_SUFFIXES.has(bare)) return 1;
  if (ORG_HEAD_WORDS.has(bare)) return 2;
  if (PLACE_HEAD_WORDS.has(bare)) return 3;
  if (PLACE_PREFIX_WORDS.has(bare)) return 4;
  if (CALENDAR_WORDS.has(bare)) return 5;
  if (lookupDemonym(entityKey(lower))) return 6;
  return NONE;
};

/** What the tagger reads of a word whatever its sentence: hashed once per word seen. */
interface WordValues {
  lowerText: string;
  lower: number;
  text: number;
  shape: number;
  shortShape: number;
  prefix: number;
  suffix2: number;
  suffix3: number;
  suffix4: number;
  cue: number;
  title: number;
  length: number;
  capitalised: boolean;
  letter: boolean;
  /** Some gazetteer name starts with it. */
  knownStart: boolean;
  /** It can end a title ("Minister", "Mr"). */
  titleEnd: boolean;
}

// The same few thousand words come back in every article; the cap bounds a warm container's memory.
const WORD_CACHE_LIMIT = 50_000;
const wordCache = new Map<string, WordValues>();
const posCache = new Map<string, number>();

const computeWordValues = (text: string): WordValues => {
  const lower = text.toLowerCase();
  const { long, short } = shapeOf(text);
  const first = text.charAt(0);
  return {
    lowerText: lower,
    lower: hashFeature(lower),
    text: hashFeature(text),
    shape: hashFeature(long),
    shortShape: hashFeature(short),
    prefix: hashFeature(lower.slice(0, 3)),
    suffix2: hashFeature(lower.slice(-2)),
    suffix3: hashFeature(lower.slice(-3)),
    suffix4: hashFeature(lower.slice(-4)),
    cue: cueOf(lower),
    title: honorificPrefixLength([text]) === 1 ? 1 : 0,
    length: Math.min(12, text.length),
    capitalised: first.toLowerCase() !== first,
    letter: first.toLowerCase() !== first.toUpperCase(),
    knownStart: /\p{L}/u.test(first) && mayStartKnownName(text),
    titleEnd: mayEndHonorific(lower),
  };
};

const wordValuesOf = (text: string): WordValues => {
  let values = wordCache.get(text);
  if (values === undefined) {
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    values = computeWordValues(text);
    wordCache.set(text, values);
  }
  return values;
};

const posHash = (pos: string): number => {
  let hash = posCache.get(pos);
  if (hash === undefined) {
    hash = hashFeature(pos);
    posCache.set(pos, hash);
  }
  return hash;
};

/** Per-word hashes of a sentence, computed once; padding words outside it hash to fixed values. */
export class SentenceValues {
  readonly n: number;
  readonly lower: Int32Array;
  readonly text: Int32Array;
  readonly shape: Int32Array;
  readonly shortShape: Int32Array;
  readonly prefix: Int32Array;
  readonly suffix2: Int32Array;
  readonly suffix3: Int32Array;
  readonly suffix4: Int32Array;
  readonly pos: Int32Array;
  readonly gazetteer: Int32Array;
  readonly cue: Int32Array;
  readonly titled: Uint8Array;
  readonly title: Uint8Array;
  readonly lowercased: Uint8Array;
  /** Where a word stands in its run of capitalised words: a code of position and run length. */
  readonly run: Uint8Array;
  readonly length: Uint8Array;
  /** 1 where a name can be: a capitalised word, its neighbours, a gazetteer name's words. */
  readonly open: Uint8Array;
  readonly upperSentence: number;

  constructor(words: readonly TaggerWord[], context: TaggerContext) {
    const n = words.length;
    this.n = n;
    this.lower = new Int32Array(n);
    this.text = new Int32Array(n);
    this.shape = new Int32Array(n);
    this.shortShape = new Int32Array(n);
    this.prefix = new Int32Array(n);
    this.suffix2 = new Int32Array(n);
    this.suffix3 = new Int32Array(n);
    this.suffix4 = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.cue = new Int32Array(n);
    this.titled = new Uint8Array(n);
    this.title = new Uint8Array(n);
    this.lowercased = new Uint8Array(n);
    this.run = new Uint8Array(n);
    this.length = new Uint8Array(n);
    this.gazetteer = gazetteerCodes(words);
    let capitalised = 0;
    let letters = 0;
    let previousEndsTitle = false;
    for (let i = 0; i < n; i += 1) {
      const word = words[i] as TaggerWord;
      const values = wordValuesOf(word.text);
      const lower = values.lowerText;
      this.length[i] = values.length;
      this.lower[i] = values.lower;
      this.text[i] = values.text;
      this.shape[i] = values.shape;
      this.shortShape[i] = values.shortShape;
      this.prefix[i] = values.prefix;
      this.suffix2[i] = values.suffix2;
      this.suffix3[i] = values.suffix3;
      this.suffix4[i] = values.suffix4;
      this.pos[i] = posHash(word.pos);
      this.cue[i] = values.cue;
      this.title[i] = values.title;
      // Most words end no title: the list is only searched after one that can.
      this.titled[i] =
        i > 0 &&
        previousEndsTitle &&
        endsWithHonorific(words.slice(Math.max(0, i - 3), i).map((w) => w.text.toLowerCase()))
          ? 1
          : 0;
      previousEndsTitle = values.titleEnd;
      if (values.capitalised) {
        capitalised += 1;
        this.lowercased[i] = context.lowercaseWords.has(lower) ? 1 : 2;
      }
      if (values.letter) letters += 1;
    }
    for (let i = 0; i < n;) {
      let end = i;
      while (end < n && isCapitalised(words[end]?.text ?? '')) end += 1;
      const length = Math.min(4, end - i);
      for (let k = i; k < end; k += 1) {
        const position = k === i ? 1 : k === end - 1 ? 3 : 2;
        this.run[k] = length * 4 + position;
      }
      i = Math.max(end, i + 1);
    }
    this.open = new Uint8Array(n);
    for (let i = 0; i < n; i += 1) {
      if ((this.lowercased[i] ?? 0) === 0 && (this.gazetteer[i] ?? 0) === 0) continue;
      this.open[i] = 1;
      if (i > 0) this.open[i - 1] = 1;
      if (i + 1 < n) this.open[i + 1] = 1;
    }
    // A headline in Title Case or a line in capitals: capital letters say little there.
    this.upperSentence = letters >= 3 && capitalised >= letters * 0.8 ? 1 : 0;
  }
}

const isCapitalised = (text: string): boolean => {
  const first = text.charAt(0);
  return first.toLowerCase() !== first;
};

const PAD = hashFeature('<pad>');
const MASK = (1 << ENTITY_BITS) - 1;
// Module-local: an imported binding read in a hot loop costs a property read each time in some builds.
const mix = mixHash;
const at = (values: Int32Array, i: number): number =>
  i >= 0 && i < values.length ? (values[i] as number) : PAD;

/** Number of features {@link staticFeatures} writes. */
export const STATIC_FEATURES = 42;
/** Number of features {@link historyFeatures} writes. */
export const HISTORY_FEATURES = 7;

/** Features of word i that do not depend on the tags before it, into `out` from `offset`. */
export const staticFeatures = (v: SentenceValues, i: number, out: Int32Array, offset = 0): void => {
  let k = offset;
  const lower0 = at(v.lower, i);
  const shape0 = at(v.shape, i);
  const pos0 = at(v.pos, i);
  const initial = i === 0 ? 1 : 0;
  out[k++] = mix(1, 0, 0) & MASK;
  out[k++] = mix(2, lower0, 0) & MASK;
  out[k++] = mix(3, at(v.text, i), 0) & MASK;
  out[k++] = mix(4, shape0, 0) & MASK;
  out[k++] = mix(5, at(v.shortShape, i), initial) & MASK;
  out[k++] = mix(6, at(v.prefix, i), 0) & MASK;
  out[k++] = mix(7, at(v.suffix2, i), 0) & MASK;
  out[k++] = mix(8, at(v.suffix3, i), 0) & MASK;
  out[k++] = mix(9, at(v.suffix4, i), 0) & MASK;
  out[k++] = mix(10, pos0, 0) & MASK;
  out[k++] = mix(11, at(v.pos, i - 1), pos0) & MASK;
  out[k++] = mix(12, pos0, at(v.pos, i + 1)) & MASK;
  out[k++] = mix(13, at(v.lower, i - 1), 0) & MASK;
  out[k++] = mix(14, at(v.lower, i + 1), 0) & MASK;
  out[k++] = mix(15, at(v.lower, i - 2), 0) & MASK;
  out[k++] = mix(16, at(v.lower, i + 2), 0) & MASK;
  out[k++] = mix(17, at(v.shortShape, i - 1), at(v.shortShape, i)) & MASK;
  out[k++] = mix(18, at(v.shortShape, i), at(v.shortShape, i + 1)) & MASK;
  out[k++] = mix(19, at(v.lower, i - 1), at(v.shortShape, i)) & MASK;
  out[k++] = mix(20, at(v.shortShape, i), at(v.lower, i + 1)) & MASK;
  out[k++] = mix(21, v.gazetteer[i] ?? 0, at(v.shortShape, i)) & MASK;
  out[k++] =
    mix(22, i > 0 ? (v.gazetteer[i - 1] ?? 0) : 9, i + 1 < v.n ? (v.gazetteer[i + 1] ?? 0) : 9) & MASK;
  out[k++] = mix(23, v.cue[i] ?? 0, 0) & MASK;
  out[k++] = mix(24, i > 0 ? (v.cue[i - 1] ?? 0) : 9, i + 1 < v.n ? (v.cue[i + 1] ?? 0) : 9) & MASK;
  out[k++] = mix(25, v.titled[i] ?? 0, at(v.shortShape, i)) & MASK;
  out[k++] = mix(26, v.title[i] ?? 0, 0) & MASK;
  out[k++] = mix(27, v.lowercased[i] ?? 0, initial) & MASK;
  out[k++] = mix(28, v.upperSentence, at(v.shortShape, i)) & MASK;
  out[k++] = mix(29, pos0, shape0) & MASK;
  out[k++] = mix(30, lower0, pos0) & MASK;
  out[k++] = mix(31, at(v.pos, i - 1), at(v.pos, i + 1)) & MASK;
  out[k++] = mix(32, at(v.pos, i - 2), at(v.pos, i - 1)) & MASK;
  out[k++] = mix(33, at(v.lower, i - 1), lower0) & MASK;
  out[k++] = mix(34, lower0, at(v.lower, i + 1)) & MASK;
  out[k++] = mix(35, at(v.shortShape, i - 2), at(v.shortShape, i - 1)) & MASK;
  out[k++] = mix(36, at(v.shortShape, i + 1), at(v.shortShape, i + 2)) & MASK;
  out[k++] = mix(37, v.run[i] ?? 0, v.upperSentence) & MASK;
  out[k++] = mix(38, at(v.suffix3, i), at(v.shortShape, i)) & MASK;
  out[k++] = mix(39, v.length[i] ?? 0, at(v.shortShape, i)) & MASK;
  out[k++] = mix(40, at(v.lower, i - 1), at(v.lower, i + 1)) & MASK;
  out[k++] = mix(41, at(v.pos, i + 1), at(v.pos, i + 2)) & MASK;
  out[k] = mix(42, v.run[i] ?? 0, at(v.lower, i - 1)) & MASK;
};

/**
 * Features of word i given the tag before it (first order, so that decoding can search every tag
 * sequence: 7 × 7 a word), into `out` from `offset`.
 */
export const historyFeatures = (
  v: SentenceValues,
  i: number,
  previous: number,
  out: Int32Array,
  offset: number,
): void => {
  let k = offset;
  out[k++] = mix(101, previous, 0) & MASK;
  out[k++] = mix(103, previous, at(v.lower, i)) & MASK;
  out[k++] = mix(104, previous, at(v.shortShape, i)) & MASK;
  out[k++] = mix(105, previous, at(v.pos, i)) & MASK;
  out[k++] = mix(106, previous, at(v.lower, i - 1)) & MASK;
  out[k++] = mix(107, previous, at(v.lower, i + 1)) & MASK;
  out[k] = mix(108, previous, at(v.suffix3, i)) & MASK;
};

const HAS_LETTER = /\p{L}/u;

/** The context of a document: the words it writes in lower case somewhere. */
export const documentContext = (words: Iterable<string>): TaggerContext => {
  const lowercaseWords = new Set<string>();
  for (const word of words) {
    if (word.toLowerCase() === word && HAS_LETTER.test(word)) lowercaseWords.add(word);
  }
  return { lowercaseWords };
};
