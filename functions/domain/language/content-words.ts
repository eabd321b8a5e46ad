import type { Token } from './tokenise';

const WORD = /^\p{L}[\p{L}'’-]*$/u;
const POSSESSIVE = /['’]s?$/;

/**
 * A cheap stem, enough to make "talks"/"talk" and "tensions"/"tension" one term. Proper stemming
 * would cost more than the rest of the summariser and changes little at article scale.
 */
const stem = (word: string) => {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
};

/** The words that carry a sentence's content: no stop words, no numbers, no punctuation. */
export const contentTerms = (tokens: readonly Token[]): string[] => {
  const terms: string[] = [];
  for (const token of tokens) {
    if (!token.word || token.stopWord || !WORD.test(token.text)) continue;
    const word = token.lower.replace(POSSESSIVE, '');
    if (word.length > 1) terms.push(stem(word));
  }
  return terms;
};
