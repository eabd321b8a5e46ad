import type { Token } from './tokenise';

/**
 * Words that make a parenthesis a photo credit, as in "...on June 30, 2019.(AP File)" or
 * "(Getty Images/File)". Lower-case. Agencies are listed because a credit is often just the
 * agency's name; generic words ("photo", "file") because the photographer's name varies.
 */
export const CREDIT_WORDS: ReadonlySet<string> = new Set([
  // Agencies, picture libraries and outlets that commonly credit photos.
  'ap',
  'afp',
  'reuters',
  'getty',
  'images',
  'pa',
  'epa',
  'efe',
  'ansa',
  'dpa',
  'bloomberg',
  'xinhua',
  'yonhap',
  'kcna',
  'pti',
  'ani',
  'ians',
  'shutterstock',
  'alamy',
  'wire',
  'media',
  'pool',
  'ht',
  // Generic credit vocabulary.
  'photo',
  'photos',
  'picture',
  'pictures',
  'pic',
  'image',
  'file',
  'handout',
  'courtesy',
  'supplied',
  'credit',
  'via',
  'illustration',
  'screengrab',
  'video',
  'grab',
]);

// Words that may be lower-case inside a credit ("courtesy of", "via").
const CREDIT_FILLERS: ReadonlySet<string> = new Set(['of', 'via', 'for', 'and', 'by', 'the']);
const MAX_CREDIT_WORDS = 8;
const SENTENCE_END = /^[.!?…]+$|^\.\.$/;
const CLOSING_QUOTE = /^["'”’]$/;

/**
 * Whether the words inside a parenthesis read as a photo credit. A credit glued straight onto a
 * sentence's full stop ("2019.(AP File)") needs only to look like a name; one after a space must
 * also contain a credit word, so that "(Reuters)" counts but "(Chelsea)" does not.
 */
export const isPhotoCredit = (inner: string, glued: boolean): boolean => {
  const words = inner.split(/[\s/:,;]+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > MAX_CREDIT_WORDS) return false;
  let creditWord = false;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (CREDIT_WORDS.has(lower)) creditWord = true;
    else if (!CREDIT_FILLERS.has(lower) && !/^[\p{Lu}\p{N}]/u.test(word)) return false;
  }
  return creditWord || glued;
};

/** Index of the ")" closing the "(" at `open`, if it is close by and on the same level. */
const closingParenthesis = (tokens: readonly Token[], open: number, limit = tokens.length): number => {
  for (let i = open + 1; i < limit && i <= open + MAX_CREDIT_WORDS * 2 + 1; i += 1) {
    const text = tokens[i]?.text;
    if (text === ')') return i;
    if (text === '(') return -1;
  }
  return -1;
};

const innerText = (source: string, tokens: readonly Token[], open: number, close: number) => {
  const first = tokens[open];
  const last = tokens[close];
  return first && last ? source.slice(first.end, last.start) : '';
};

/**
 * Where a caption's trailing credit starts in a sentence's tokens ("...2019." + "(AP File)"), or
 * -1. The credit must close the sentence and follow sentence-final punctuation: a parenthesis in
 * mid-sentence, like "(APEC)", is part of the prose.
 */
export const trailingCreditStart = (source: string, tokens: readonly Token[]): number => {
  const last = tokens.length - 1;
  if (tokens[last]?.text !== ')') return -1;
  let open = -1;
  for (let i = last - 1; i >= 0 && i >= last - MAX_CREDIT_WORDS * 2 - 1; i -= 1) {
    const text = tokens[i]?.text;
    if (text === '(') {
      open = i;
      break;
    }
    if (text === ')') return -1;
  }
  if (open <= 0) return -1;
  let before = open - 1;
  if (CLOSING_QUOTE.test(tokens[before]?.text ?? '')) before -= 1;
  const end = tokens[before];
  const opening = tokens[open];
  if (!end || !opening || !SENTENCE_END.test(end.text)) return -1;
  const glued = opening.start === tokens[open - 1]?.end;
  return isPhotoCredit(innerText(source, tokens, open, last), glued) ? open : -1;
};

/** Whether tokens[open..] starts with a credit that belongs to the sentence before it. */
export const leadingCreditEnd = (
  source: string,
  tokens: readonly Token[],
  open: number,
  limit: number,
): number => {
  if (tokens[open]?.text !== '(' || open === 0) return -1;
  const close = closingParenthesis(tokens, open, limit);
  if (close < 0) return -1;
  const previous = tokens[open - 1];
  const opening = tokens[open];
  if (!previous || !opening) return -1;
  const glued = opening.start === previous.end && SENTENCE_END.test(previous.text);
  return isPhotoCredit(innerText(source, tokens, open, close), glued) ? close : -1;
};
