import type { Token } from './tokenise';

const DIGIT = /\p{N}/u;

/** Whether a token is a word or a number, as opposed to punctuation or a symbol. */
export const isWordOrNumber = (token: Token): boolean => token.word || DIGIT.test(token.text);

/** Word and number tokens in a sentence: its length for the summariser and the heading rule. */
export const countWordTokens = (tokens: readonly Token[]): number => {
  let count = 0;
  for (const token of tokens) if (isWordOrNumber(token)) count += 1;
  return count;
};

/**
 * Words as a reader (or `wc -w`) counts them: whitespace-separated chunks with a letter or digit
 * in them, so "sit-down" and "Korea’s" are one word each and a lone "–" is none. Counted from the
 * tokens, which cover the text exactly, instead of scanning the text again.
 *
 * @param paragraphs for each paragraph, the tokens of each of its sentences, in order.
 */
export const countWords = (paragraphs: readonly (readonly (readonly Token[])[])[]): number => {
  let count = 0;
  for (const sentences of paragraphs) {
    let previousEnd = -1;
    let chunkHasWord = false;
    for (const tokens of sentences) {
      for (const token of tokens) {
        if (token.start > previousEnd) {
          if (chunkHasWord) count += 1;
          chunkHasWord = false;
        }
        if (!chunkHasWord && isWordOrNumber(token)) chunkHasWord = true;
        previousEnd = token.end;
      }
    }
    if (chunkHasWord) count += 1;
  }
  return count;
};
