import type { Block } from '../documents/document';

/**
 * The analysis word budget: how much of a very long body is read. Tokenising, tagging and
 * splitting (wink) cost about 3 µs a word, so a 5 MB page of prose (some 800,000 words) would take
 * most of the analysis time for a summary, names and topic matches that its first pages already
 * give. Past the budget the rest of the body is counted (the article's word count is all of it)
 * but not analysed; the article records how many words were.
 */

/** Letters, marks and digits: what makes a whitespace-separated chunk a word. */
const WORDLIKE = /[\p{L}\p{N}]/u;

const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || code === 160 || (code >= 0x2000 && code <= 0x200a);

const isWordChar = (text: string, i: number, code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 48 && code <= 57) ||
  (code >= 128 && WORDLIKE.test(String.fromCodePoint(text.codePointAt(i) ?? code)));

/**
 * Words as countWords (word-count.ts) counts them, from the text instead of its tokens:
 * whitespace-separated chunks with a letter or digit in them. Stops once `limit` words are found,
 * and gives where the next word (the one past the limit) starts, or -1 when there is none.
 */
const scanWords = (text: string, limit: number): { words: number; next: number } => {
  let words = 0;
  let chunkStart = -1;
  let chunkHasWord = false;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isSpace(code)) {
      if (chunkStart >= 0 && chunkHasWord) words += 1;
      chunkStart = -1;
      chunkHasWord = false;
      continue;
    }
    if (chunkStart < 0) {
      if (words >= limit) return { words, next: i };
      chunkStart = i;
    }
    if (!chunkHasWord && isWordChar(text, i, code)) chunkHasWord = true;
  }
  return { words, next: -1 };
};

/** Words in a text, as a reader (or `wc -w`) counts them. */
export const countTextWords = (text: string): number => scanWords(text, Number.POSITIVE_INFINITY).words;

// A sentence's end followed by a space: where a cut paragraph had best stop.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s/g;

/**
 * The first `words` words of a text, cut at the last sentence end among them when that keeps at
 * least half of it, else after the last whole word.
 */
const firstWords = (text: string, words: number): string => {
  const { next } = scanWords(text, words);
  if (next < 0) return text;
  const kept = text.slice(0, next).trimEnd();
  const probe = `${kept} `;
  let end = -1;
  SENTENCE_END.lastIndex = Math.floor(kept.length / 2);
  for (let match = SENTENCE_END.exec(probe); match !== null; match = SENTENCE_END.exec(probe)) {
    end = match.index + match[0].length - 1;
  }
  return end > 0 ? kept.slice(0, end).trimEnd() : kept;
};

export interface BudgetedBlocks {
  /** The blocks to analyse: all of them, or those within the budget, the last one maybe cut. */
  blocks: Block[];
  /** Words of the body left unanalysed (0 when it is all analysed). */
  unanalysedWords: number;
}

/** Fewer words than this left of the budget: the block that crosses it is left out, not cut. */
const MIN_CUT_WORDS = 100;

/**
 * The blocks of a body within a budget of `maxWords` words: whole blocks while they fit, then the
 * first words of the block that crosses the budget (a body of one huge paragraph is cut too; a
 * block with little room left is left out), and nothing after. The words left out are counted.
 */
export const withinWordBudget = (blocks: readonly Block[], maxWords: number): BudgetedBlocks => {
  // A word takes a character at least: a body of fewer characters than the budget fits it.
  let characters = 0;
  for (const block of blocks) characters += block.text.length;
  if (characters <= maxWords) return { blocks: [...blocks], unanalysedWords: 0 };
  let used = 0;
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i] as Block;
    const left = maxWords - used;
    const { words, next } = scanWords(block.text, left);
    if (next < 0) {
      used += words;
      continue;
    }
    // This block crosses the budget: keep what fits of it, count the rest of the body.
    const kept = blocks.slice(0, i);
    const cut = left > 0 && (left >= MIN_CUT_WORDS || i === 0) ? firstWords(block.text, left) : '';
    const keptWords = cut === '' ? 0 : countTextWords(cut);
    if (cut !== '') kept.push({ ...block, text: cut });
    let unanalysedWords = countTextWords(block.text) - keptWords;
    for (let j = i + 1; j < blocks.length; j += 1) unanalysedWords += countTextWords(blocks[j]?.text ?? '');
    return { blocks: kept, unanalysedWords };
  }
  return { blocks: [...blocks], unanalysedWords: 0 };
};
