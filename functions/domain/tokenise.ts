import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

// Loaded once per process (cold start): reading the model takes 100 ms or more.
// Only sentence boundaries and part-of-speech tags are used; wink's NER, negation and sentiment
// stages would roughly double the cost per article for nothing we read.
const nlp = winkNLP(model, ['sbd', 'pos']);
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
    const found = text.indexOf(value, offset);
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
