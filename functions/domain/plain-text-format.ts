import { InvalidArticleError } from './errors';

/**
 * The plain-text article format the pipeline reads first:
 *
 *     ␠date 2025-10-18 First sentence of the body… more of the first paragraph.
 *     ␠
 *     Second paragraph.
 *
 * The `date` header is optional; paragraphs are separated by blank lines.
 */
export interface PlainTextArticle {
  /** ISO `YYYY-MM-DD`, or null when there is no header or its date does not exist. */
  publishedAt: string | null;
  /** Paragraph texts in order: whitespace collapsed to single spaces, trimmed, never empty. */
  paragraphs: string[];
}

// The header is recognised by shape, not validity, so that a header with an impossible date is
// still stripped rather than leaking "date 2025-13-45" into the first sentence and the title.
const DATE_HEADER = /^date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})(?=\s|$)[ \t]*/i;

// Scraped text carries no-break and other exotic spaces that the tokeniser treats as word
// characters, and zero-width characters that silently split names ("Kim\u200bJong").
const EXOTIC_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

const HAS_WORD = /[\p{L}\p{N}]/u;
const BLANK_LINE = /\n[ ]*\n/;
const TERMINAL = /[.!?…:;,]["'”’)\]]*$/;
const STARTS_LIKE_HEADING = /^["'“‘]?[\p{Lu}\p{N}]/u;
// A line that ends on one of these was wrapped mid-sentence, not a heading.
const DANGLING_WORD =
  /\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|as|that|than|his|her|its|their|our|my|your)$/i;
const MAX_HEADING_LINE_WORDS = 15;

const validIsoDate = (year: string, month: string, day: string): string | null => {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2025-13-45 over into 2026; a round trip exposes that.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
};

const countWords = (line: string) => line.split(' ').filter((w) => w.length > 0).length;

/**
 * A subheading normally sits alone between blank lines, but some sources put it on its own line
 * directly above the text it introduces. Such a line becomes a paragraph of its own (so that it
 * can be recognised as a heading) only when it cannot be a hard-wrapped piece of a sentence.
 */
const isHeadingLine = (line: string, previous: string | undefined, next: string | undefined) =>
  next !== undefined &&
  STARTS_LIKE_HEADING.test(next) &&
  STARTS_LIKE_HEADING.test(line) &&
  !TERMINAL.test(line) &&
  !DANGLING_WORD.test(line) &&
  countWords(line) <= MAX_HEADING_LINE_WORDS &&
  (previous === undefined || TERMINAL.test(previous));

const splitBlock = (block: string): string[] => {
  const lines = block
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line.length > 0);
  const paragraphs: string[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    if (isHeadingLine(line, lines[i - 1], lines[i + 1])) {
      if (current.length > 0) paragraphs.push(current.join(' '));
      paragraphs.push(line);
      current = [];
    } else {
      current.push(line);
    }
  });
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs;
};

/** Parses the plain-text format; throws {@link InvalidArticleError} when there is no body. */
export const parsePlainTextArticle = (raw: string): PlainTextArticle => {
  const text = raw.replace(ZERO_WIDTH, '').replace(/\r\n?/g, '\n').replace(EXOTIC_SPACES, ' ').trim();
  if (text.length === 0) throw new InvalidArticleError('empty', 'the article is empty');

  const header = DATE_HEADER.exec(text);
  const publishedAt = header ? validIsoDate(header[1] ?? '', header[2] ?? '', header[3] ?? '') : null;
  const body = header ? text.slice(header[0].length) : text;

  const paragraphs = body
    .split(BLANK_LINE)
    .flatMap(splitBlock)
    // Separator lines such as "* * *" carry no words and would become empty sentences.
    .filter((paragraph) => HAS_WORD.test(paragraph));
  if (paragraphs.length === 0) {
    throw new InvalidArticleError('no-body', 'the article has a header but no body text');
  }
  return { publishedAt, paragraphs };
};
