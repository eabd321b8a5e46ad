import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import core from 'wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json' with { type: 'json' };
import featureFn from 'wink-eng-lite-web-model/dist/feature.js';
import loadPosModel from 'wink-eng-lite-web-model/dist/load-pos-model.js';
import loadSbdModel from 'wink-eng-lite-web-model/dist/load-sbd-model.js';

// The model is read once per process, at cold start. Only sentence boundaries and part-of-speech
// tags are used (wink's NER, negation and sentiment stages would roughly double the cost per
// article for nothing we read), so only those parts of wink-eng-lite-web-model are loaded, not its
// main export: that one also brings the NER and sentiment automata (0.6 MB), which wink imports
// even when they are not in the pipe, and the lemmatiser's exception lists, and its core reader
// deep-copies the 3 MB core model through JSON.stringify + JSON.parse before unpacking it. Reading
// the parts here halves the model's share of a cold start (importing a minified bundle of wink and
// the model: about 190 → 90 ms of CPU on Node 20; the ingest bundle's init falls by as much) and
// gives the same tokens, tags and sentences (test/unit/functions/domain/language/tokenise.test.ts).

/** Little-endian 32-bit words from base64, as the model packs its lexicon. */
const wordsFromBase64 = (base64: string): Uint32Array => {
  const bytes = Buffer.from(base64, 'base64');
  // A Buffer this large has its own ArrayBuffer (offset 0); copy in the unlikely other case.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return new Uint32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4));
};

/**
 * The core model as wink wants it (what the package's read-core-model.js + load-core-model.js
 * make of it), without the deep copy: the imported JSON is left untouched and every list wink
 * appends to as it meets new words is a fresh array of the same (shared, immutable) strings.
 */
const unpackCoreModel = () => {
  const { layout } = core.packing;
  const efList: string[] = [];
  const features: Record<string, Record<string, unknown>> = {};
  for (const [name, feature] of Object.entries(core.features)) {
    features[name] = { ...feature, list: [...feature.list] };
  }
  const withHash = (name: string) => {
    const feature = features[name];
    if (!feature) throw new Error(`wink model: no feature ${name}`);
    const list = feature.list as string[];
    const hash: Record<string, number> = Object.create(null) as Record<string, number>;
    for (let k = 0; k < list.length; k += 1) hash[list[k] ?? ''] = k;
    feature.hash = hash;
    feature.intrinsicSize = list.length;
    feature.index = list.length;
    return feature;
  };
  for (const [name, [, mask = 0, shift = 0, extrinsic, inEfList]] of Object.entries(layout)) {
    if (extrinsic === 0) withHash(name).maxIndex = mask >>> shift;
    if (inEfList === 1) efList.push(name);
  }
  withHash('lexeme');
  const clusters = features.posClusters;
  if (clusters) {
    clusters.list = (clusters.list as string[]).map(
      (cluster) => new Set(cluster.split('_').map((tag) => core.pos.hash[tag] ?? 0)),
    );
  }
  return {
    ...core,
    packing: { ...core.packing, efList },
    features,
    lexicon: wordsFromBase64(core.lexicon),
    xpansions: wordsFromBase64(core.xpansions),
  };
};

// wink loads every stage its model offers whether the pipe uses it or not; the stages left out
// are given an automaton with no states. Adding 'ner', 'negation' or 'sentiment' to the pipe
// would therefore do nothing: import their loaders from the model package first.
const EMPTY_AUTOMATON = JSON.stringify([100, 0, { 0: {} }, {}, {}, {}]);
const PIPE = ['sbd', 'pos'];
/**
 * wink's feature functions, with `isAbbrev` made linear. wink tests every token with
 * `/[a-z].*\.$/i`, which backtracks from each letter to the end: on a 300,000-character token
 * (a pasted blob, a base64 image in a page) that is minutes of CPU. "A letter somewhere before a
 * final full stop, on the token's last line" is the same test in one pass.
 */
export const isAbbrev = (word: string): 0 | 1 => {
  if (!word.endsWith('.')) return 0;
  for (let i = word.length - 2; i >= 0; i -= 1) {
    const code = word.charCodeAt(i);
    if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) return 0;
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 1;
  }
  return 0;
};

const linearFeatureFn: typeof featureFn = (...args) => ({ ...featureFn(...args), isAbbrev });

const nlp = winkNLP(
  {
    core: unpackCoreModel,
    sbd: loadSbdModel,
    pos: loadPosModel,
    ner: () => ({ machines: [], transformers: [] }),
    negation: () => ({ machines: [EMPTY_AUTOMATON], setter: () => undefined }),
    sa: () => ({ machines: [EMPTY_AUTOMATON], setter: () => undefined }),
    metaCER: () => ({ machines: EMPTY_AUTOMATON, transformers: [] }),
    featureFn: linearFeatureFn,
    // No stem, lemma or readability statistics: nothing here asks wink for them.
    addons: {},
  },
  PIPE,
);
const its = nlp.its;
const LETTER = /\p{L}/u;

export interface Token {
  /** The token exactly as written. */
  text: string;
  /** `text` in lower case. */
  lower: string;
  /** Starts with a letter: a word, not a number or punctuation. */
  word: boolean;
  /** Starts with an upper-case letter. */
  capitalised: boolean;
  pos: PartOfSpeech;
  /** Character offsets in the text that was tokenised. */
  start: number;
  end: number;
  stopWord: boolean;
}

export interface TokenisedText {
  tokens: Token[];
  /** Sentences as wink sees them: [first, last] token indices, inclusive. */
  sentences: Array<readonly [number, number]>;
}

/** Whether a token starts with a letter, and with a capital one. ASCII first: it is most tokens. */
const classify = (value: string): { word: boolean; capitalised: boolean } => {
  const code = value.charCodeAt(0);
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code < 128) return OTHER;
  const first = value.charAt(0);
  const lower = first.toLowerCase();
  if (first !== lower) return UPPER;
  // Letters without case (CJK, Arabic, Hebrew…) are words but never capitalised.
  return first.toUpperCase() !== first || LETTER.test(first) ? LOWER : OTHER;
};
const LOWER = { word: true, capitalised: false } as const;
const UPPER = { word: true, capitalised: true } as const;
const OTHER = { word: false, capitalised: false } as const;

/** Spaces, tabs and line breaks (the no-break space too): what separates wink's tokens. */
const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || code === 160 || (code >= 0x2000 && code <= 0x200a);

/** Tokens, part-of-speech tags and wink's sentence boundaries for one paragraph. */
export const tokenise = (text: string): TokenisedText => {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  // Bulk `out` calls: per-token item access is several times slower.
  const values = tokens.out();
  const tags = tokens.out(its.pos) as PartOfSpeech[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];

  const result: Token[] = new Array<Token>(values.length);
  let offset = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? '';
    // wink reproduces the input exactly, so each token is found right after the previous one and
    // any spaces; searching is cheaper than asking wink for the spaces.
    // Nearly always the token follows at once or after spaces: check there before searching.
    const first = value.charCodeAt(0);
    let at = offset;
    while (at < text.length && text.charCodeAt(at) !== first && isSpace(text.charCodeAt(at))) at += 1;
    const found = value !== '' && text.startsWith(value, at) ? at : text.indexOf(value, offset);
    if (found >= 0) offset = found;
    const { word, capitalised } = classify(value);
    result[i] = {
      text: value,
      lower: value.toLowerCase(),
      word,
      capitalised,
      pos: tags[i] ?? 'X',
      start: offset,
      end: offset + value.length,
      stopWord: stops[i] === true,
    };
    offset += value.length;
  }

  const spans = doc.sentences().out(its.span) as unknown as number[][];
  const sentences = spans.map((span) => [span[0] ?? 0, span[1] ?? 0] as const);
  return { tokens: result, sentences };
};
