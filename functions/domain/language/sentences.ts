import { leadingCreditEnd, trailingCreditStart } from './photo-credits';
import { tokenise, type Token } from './tokenise';
import { isWordOrNumber } from './word-count';
import { TIME_ZONES } from './time-zones';

/** A sentence before roles are assigned, with what later steps need to know about it. */
export interface SentenceDraft {
  /** Trimmed, whitespace collapsed, a doubled full stop at the end reduced to one. */
  text: string;
  paragraph: number;
  /** Tokens of this sentence; offsets are into the paragraph's text. */
  tokens: Token[];
  /** Index into `tokens` of the "(" opening a trailing photo credit, or -1. */
  creditStart: number;
}

interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

// Abbreviations that are also the last word of many sentences ("...at 5 p.m. Officials said")
// and after which wink does not split when the next word is tagged as a proper noun.
const CLOCK_ABBREVIATIONS: ReadonlySet<string> = new Set(['a.m.', 'p.m.', 'etc.']);
// Words that follow "5 p.m." inside the same sentence.
const CLOCK_CONTINUATIONS: ReadonlySet<string> = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  ...TIME_ZONES,
  'local',
]);
const STARTS_LOWER = /^\p{Ll}/u;
// "eBay", "iPhone": brand names that legitimately start a sentence in lower case.
const CAMEL_BRAND = /^\p{Ll}+\p{Lu}/u;
const OPENING_QUOTE = /^["'“‘]$/;
const FINITE_VERB_TAGS: ReadonlySet<string> = new Set(['VERB', 'AUX']);

/**
 * A boundary wink missed inside [start, end): after a doubled full stop ("with him.. Then") or a
 * clock abbreviation followed by a new clause ("at 5 p.m. Officials said"). Returns the index of
 * the first token of the new sentence, or -1.
 */
const missedBoundary = (tokens: readonly Token[], start: number, end: number): number => {
  for (let i = start + 1; i < end - 1; i += 1) {
    const token = tokens[i];
    const next = tokens[i + 1];
    // Both kinds of missed boundary end in a full stop; nearly all tokens do not.
    if (!token || !next || !token.text.endsWith('.')) continue;
    const wordIndex = OPENING_QUOTE.test(next.text) ? i + 2 : i + 1;
    const nextWord = tokens[wordIndex];
    if (!nextWord || !nextWord.capitalised) continue;
    if (token.text === '..') return i + 1;
    if (CLOCK_ABBREVIATIONS.has(token.lower)) {
      if (CLOCK_CONTINUATIONS.has(nextWord.lower)) continue;
      const after = tokens[wordIndex + 1];
      if (nextWord.pos !== 'PROPN' || (after && FINITE_VERB_TAGS.has(after.pos))) return i + 1;
    }
  }
  return -1;
};

const splitMissedBoundaries = (tokens: readonly Token[], ranges: Range[]): Range[] => {
  const out: Range[] = [];
  for (const range of ranges) {
    let start = range.start;
    for (
      let cut = missedBoundary(tokens, start, range.end);
      cut > 0;
      cut = missedBoundary(tokens, start, range.end)
    ) {
      out.push({ start, end: cut });
      start = cut;
    }
    out.push({ start, end: range.end });
  }
  return out;
};

/**
 * wink ends a sentence at "2019." and starts the next with the photo credit "(AP File)" (alone,
 * or in front of the following sentence). The credit belongs to the caption before it.
 */
const reattachCredits = (source: string, tokens: readonly Token[], ranges: Range[]): Range[] => {
  const out: Range[] = [];
  for (const range of ranges) {
    const previous = out[out.length - 1];
    const close = previous ? leadingCreditEnd(source, tokens, range.start, range.end) : -1;
    if (previous && close >= 0) {
      previous.end = close + 1;
      if (close + 1 < range.end) out.push({ start: close + 1, end: range.end });
    } else {
      out.push({ ...range });
    }
  }
  return out;
};

/** A sentence cannot start in lower case: wink splits `“Will we win?” he asked.` after the "?”". */
const mergeContinuations = (tokens: readonly Token[], ranges: Range[]): Range[] => {
  // In text with no capitals at all (lower-cased feeds, SMS-style copy) a lower-case start says
  // nothing about a sentence boundary; merging on it would glue the whole paragraph together.
  const cased = tokens.some((token) => token.capitalised);
  const out: Range[] = [];
  for (const range of ranges) {
    const previous = out[out.length - 1];
    const first = tokens[range.start];
    const continues =
      first !== undefined &&
      ((cased &&
        first.word &&
        !first.capitalised &&
        STARTS_LOWER.test(first.text) &&
        !CAMEL_BRAND.test(first.text)) ||
        /^[,;:)\]”’]/.test(first.text));
    if (previous && continues) previous.end = range.end;
    else out.push({ ...range });
  }
  return out;
};

/**
 * The longest sentence kept whole, in tokens. News sentences run to 40 or 50 words; a "sentence" of
 * thousands (a list without full stops, a page's text in one line) would become one summary line,
 * one piece of evidence and one giant string in the stored item. Such a run is cut at the last
 * clause boundary (`;`, `:`, `,`, a dash) in the second half of the budget, else at the budget.
 */
export const MAX_SENTENCE_TOKENS = 120;
const CLAUSE_BREAK = /^[;:,–—]$/;

const splitOverlong = (tokens: readonly Token[], ranges: Range[]): Range[] => {
  const out: Range[] = [];
  for (const range of ranges) {
    let start = range.start;
    while (range.end - start > MAX_SENTENCE_TOKENS) {
      let cut = start + MAX_SENTENCE_TOKENS;
      for (let i = cut - 1; i > start + MAX_SENTENCE_TOKENS / 2; i -= 1) {
        if (CLAUSE_BREAK.test(tokens[i]?.text ?? '')) {
          cut = i + 1;
          break;
        }
      }
      out.push({ start, end: cut });
      start = cut;
    }
    out.push({ start, end: range.end });
  }
  return out;
};

// Paragraphs arrive with whitespace already collapsed (plain-text-format.ts).
const cleanText = (text: string) =>
  // "with him.." is a typo; an ellipsis ("...") is left alone.
  text.endsWith('..') && !text.endsWith('...') ? text.slice(0, -1) : text;

/** Splits one paragraph into sentences: wink's boundaries plus the repairs above. */
export const splitParagraph = (text: string, paragraph: number): SentenceDraft[] => {
  const { tokens, sentences } = tokenise(text);
  if (tokens.length === 0) return [];
  let ranges: Range[] = sentences.map(([first, last]) => ({ start: first, end: last + 1 }));
  ranges = splitMissedBoundaries(tokens, ranges);
  ranges = reattachCredits(text, tokens, ranges);
  ranges = mergeContinuations(tokens, ranges);
  ranges = splitOverlong(tokens, ranges);

  const drafts: SentenceDraft[] = [];
  for (const { start, end } of ranges) {
    const first = tokens[start];
    const last = tokens[end - 1];
    if (!first || !last) continue;
    const own = tokens.slice(start, end);
    // Stray separators ("* * *") inside a paragraph are no sentence.
    if (!own.some(isWordOrNumber)) continue;
    drafts.push({
      text: cleanText(text.slice(first.start, last.end)),
      paragraph,
      tokens: own,
      creditStart: trailingCreditStart(text, own),
    });
  }
  return drafts;
};
