import type { Block, ParsedArticle } from './document';
import { validIsoDate } from './document-dates';
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
const CREDIT_END = /\)["'”’]?$/;

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

/** The paragraphs of a run of lines between blank lines, and a heading line's own block. */
const splitBlock = (block: string): Block[] => {
  const lines = block
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line.length > 0);
  const blocks: Block[] = [];
  let current: string[] = [];
  lines.forEach((line, i) => {
    if (isHeadingLine(line, lines[i - 1], lines[i + 1])) {
      if (current.length > 0) blocks.push({ kind: 'paragraph', text: current.join(' ') });
      // A photo caption on its own line ends in its credit, "(PA Media)", not in a full stop: it
      // gets a paragraph of its own like a subheading, but sentence roles make it a caption.
      blocks.push({ kind: CREDIT_END.test(line) ? 'paragraph' : 'heading', text: line });
      current = [];
    } else {
      current.push(line);
    }
  });
  if (current.length > 0) blocks.push({ kind: 'paragraph', text: current.join(' ') });
  return blocks;
};

const normalise = (raw: string) =>
  raw.replace(ZERO_WIDTH, '').replace(/\r\n?/g, '\n').replace(EXOTIC_SPACES, ' ').trim();

const blocksOf = (normalised: string): Block[] =>
  normalised
    .split(BLANK_LINE)
    .flatMap(splitBlock)
    // Separator lines such as "* * *" carry no words and would become empty sentences.
    .filter((block) => HAS_WORD.test(block.text));

/**
 * The blocks of plain text laid out as this format lays it out (paragraphs between blank lines, a
 * subheading on its own line above its text), without a header. Word-less blocks are dropped, so
 * the result may be empty. Also used for plain-text bodies inside JSON documents and feeds.
 */
export const plainTextBlocks = (text: string): Block[] => blocksOf(normalise(text));

const parseBlocks = (raw: string): { publishedAt: string | null; blocks: Block[] } => {
  const text = normalise(raw);
  if (text.length === 0) throw new InvalidArticleError('empty', 'the article is empty');

  const header = DATE_HEADER.exec(text);
  const publishedAt = header ? validIsoDate(header[1] ?? '', header[2] ?? '', header[3] ?? '') : null;
  const blocks = blocksOf(header ? text.slice(header[0].length) : text);
  if (blocks.length === 0) {
    throw new InvalidArticleError('no-body', 'the article has a header but no body text');
  }
  return { publishedAt, blocks };
};

/**
 * The plain-text format as a {@link ParsedArticle}: paragraph blocks (whitespace collapsed to
 * single spaces, trimmed, never empty), and heading blocks for subheadings on a line of their own.
 * `publishedAt` is the header's ISO `YYYY-MM-DD`, or null when there is no header or its date does
 * not exist. It has no title, author or source of its own.
 *
 * @throws InvalidArticleError `empty` for an empty article, `no-body` for a header and no body text.
 */
export const parsePlainTextDocument = (raw: string): ParsedArticle => {
  const { publishedAt, blocks } = parseBlocks(raw);
  return { format: 'plain-text', title: null, publishedAt, blocks };
};
