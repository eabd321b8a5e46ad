import type { SentenceRole } from './analysis';
import type { Token } from './tokenise';

/** Share of capitalised words from which a heading counts as written in Title Case. */
const TITLE_CASE_SHARE = 0.6;

/** Whether so many of a line's words are capitalised that it is written in Title Case. */
export const inTitleCase = (words: number, capitalised: number) =>
  words >= 3 && capitalised / words >= TITLE_CASE_SHARE;

/**
 * Title-case headings ("Storm Amy Batters The Coast") capitalise, and so tag as proper nouns,
 * every word: their capitals are no evidence of names or phrases.
 */
export const isTitleCaseHeading = (source: { role: SentenceRole; tokens: readonly Token[] }) => {
  if (source.role !== 'heading') return false;
  let words = 0;
  let capitalised = 0;
  for (const token of source.tokens) {
    if (!token.word) continue;
    words += 1;
    if (token.capitalised) capitalised += 1;
  }
  return inTitleCase(words, capitalised);
};
