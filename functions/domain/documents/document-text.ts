import type { BlockKind } from './document';

/**
 * Text helpers shared by the format parsers: whitespace and entity clean-up, and the byline and
 * dateline shapes that every format's prose can contain.
 */

// Scraped text carries no-break and other exotic spaces that the tokeniser treats as word
// characters, and zero-width characters that silently split names ("Kim\u200bJong").
const EXOTIC_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v\r\n]+/g;
const ZERO_WIDTH = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Zero-width characters removed, every run of whitespace one space, trimmed. */
export const cleanText = (text: string): string =>
  text.replace(ZERO_WIDTH, '').replace(EXOTIC_SPACES, ' ').replace(/ {2,}/g, ' ').trim();

/** Whether a text has anything to read: separators such as "* * *" or "—" do not. */
export const hasWords = (text: string): boolean => HAS_WORD.test(text);

// The named entities that turn up in news text outside an HTML parser: XML's five and HTML's
// typography, currency and Latin-1 letters. Unknown names are left as written.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  shy: '\u00ad',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  pound: '£',
  euro: '€',
  yen: '¥',
  cent: '¢',
  times: '×',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  atilde: 'ã',
  aring: 'å',
  aelig: 'æ',
  ccedil: 'ç',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  iacute: 'í',
  igrave: 'ì',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  oacute: 'ó',
  ograve: 'ò',
  ocirc: 'ô',
  ouml: 'ö',
  otilde: 'õ',
  oslash: 'ø',
  uacute: 'ú',
  ugrave: 'ù',
  ucirc: 'û',
  uuml: 'ü',
  yacute: 'ý',
  szlig: 'ß',
  Aacute: 'Á',
  Agrave: 'À',
  Auml: 'Ä',
  Aring: 'Å',
  Ccedil: 'Ç',
  Eacute: 'É',
  Egrave: 'È',
  Iacute: 'Í',
  Ntilde: 'Ñ',
  Oacute: 'Ó',
  Ouml: 'Ö',
  Oslash: 'Ø',
  Uacute: 'Ú',
  Uuml: 'Ü',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z][a-zA-Z\d]{1,31}));/g;

const fromCodePoint = (code: number, raw: string) =>
  code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : raw;

/** Decodes character references in one pass, so "&amp;lt;" becomes "&lt;" and not "<". */
export const decodeEntities = (text: string): string =>
  text.includes('&')
    ? text.replace(ENTITY, (raw, decimal?: string, hex?: string, name?: string) => {
        if (decimal) return fromCodePoint(Number.parseInt(decimal, 10), raw);
        if (hex) return fromCodePoint(Number.parseInt(hex, 16), raw);
        return (name && NAMED_ENTITIES[name]) ?? raw;
      })
    : text;

const HTML_TAG =
  /<\/?(?:p|br|div|span|a|b|i|em|strong|h[1-6]|ul|ol|li|img|figure|figcaption|blockquote|table|tr|td|section|article|header|footer|nav|main|aside|script|style|html|body|head|meta|link|time|pre|code|small|sup|sub|u|hr|iframe|picture|source|video|audio)\b[^<>]*>/gi;

/** How many recognisable HTML tags a text has (stopping once `enough` are found). */
export const countHtmlTags = (text: string, enough = Number.POSITIVE_INFINITY): number => {
  let count = 0;
  HTML_TAG.lastIndex = 0;
  while (count < enough && HTML_TAG.exec(text)) count += 1;
  HTML_TAG.lastIndex = 0;
  return count;
};

/** Whether a field's text is HTML ("<p>One.</p>") rather than plain text that may contain "<". */
export const looksLikeHtml = (text: string): boolean => countHtmlTags(text, 1) > 0;

const MAX_BYLINE_WORDS = 14;
// Lower-case words that may appear in a byline: "By Jane Smith and Li Wei in Kyiv for the BBC".
const BYLINE_FILLERS: ReadonlySet<string> = new Set([
  'and',
  'in',
  'for',
  'of',
  'the',
  'at',
  'with',
  'de',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'du',
  'da',
  'di',
  'dos',
  'bin',
  'al',
  'el',
]);
const BYLINE_START = /^by\s+/i;
const SENTENCE_END = /[.!?]["'”’]?$/;
const ENDS_IN_INITIAL = /(?:^|\s)\p{Lu}\.$/u;
const CAPITALISED_OR_MARK = /^(?:[\p{Lu}\p{N}]|[^\p{L}\p{N}]+$)/u;
const DATELINE =
  /^\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}(?:,\s*\p{Lu}[\p{L}.' -]{1,30})?\s*(?:\([^()]{1,40}\)\s*[-–—:]*|[-–—:]+)$/u;
const TIMESTAMP_LINE = /^(?:published|updated|posted|last updated|first published|modified)\b/i;
const MONTH_NAME = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
// "18 October 2025", "Saturday, October 18, 2025 9:30 AM BST", "2025-10-18T09:30": a date alone.
const DATE_ONLY = new RegExp(
  String.raw`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+${MONTH_NAME},?\s+\d{4}|${MONTH_NAME}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[\sT,|·•-]+[\d:.apmAPM\s+-]*(?:[A-Z]{2,4})?)?$`,
  'i',
);
const MAX_TIMESTAMP_WORDS = 12;

const wordsOf = (text: string) => text.split(' ').filter((word) => word.length > 0);

/** "By Jane Smith, Political Editor", "by JANE SMITH and LI WEI in Kyiv": a byline line. */
export const isBylineText = (text: string): boolean => {
  if (!BYLINE_START.test(text)) return false;
  // A sentence ends in a full stop; a byline only in an initial ("By Jane K.").
  if (SENTENCE_END.test(text) && !ENDS_IN_INITIAL.test(text)) return false;
  const words = wordsOf(text.replace(BYLINE_START, '').replace(/[,|;–—·•]/g, ' '));
  return (
    words.length > 0 &&
    words.length <= MAX_BYLINE_WORDS &&
    /^\p{Lu}/u.test(words[0] ?? '') &&
    words.every((word) => CAPITALISED_OR_MARK.test(word) || BYLINE_FILLERS.has(word) || word.includes('@'))
  );
};

/**
 * "LONDON (Reuters) -", "KYIV, Ukraine (AP) —" standing alone, a timestamp line such as
 * "Published 18 October 2025", or a date alone: where and when, not what.
 */
export const isDatelineText = (text: string): boolean =>
  DATELINE.test(text) ||
  DATE_ONLY.test(text) ||
  (TIMESTAMP_LINE.test(text) && wordsOf(text).length <= MAX_TIMESTAMP_WORDS);

/** The kind of a prose paragraph from its text alone: a byline, a dateline or a paragraph. */
export const proseKind = (text: string): BlockKind => {
  if (isBylineText(text)) return 'byline';
  if (isDatelineText(text)) return 'dateline';
  return 'paragraph';
};

/** "By Jane Smith, Political Editor" → "Jane Smith, Political Editor". */
export const authorFromByline = (byline: string): string => cleanText(byline.replace(BYLINE_START, ''));

/**
 * The author of structured data (JSON-LD, JSON, front matter): "Jane", {name: "Jane"}, or an
 * array of those, joined with commas.
 */
export const authorName = (value: unknown): string | undefined => {
  if (typeof value === 'string') return cleanText(decodeEntities(value)) || undefined;
  if (Array.isArray(value)) {
    const names = value.map(authorName).filter((name): name is string => name !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  if (typeof value === 'object' && value !== null)
    return authorName((value as Record<string, unknown>)['name']);
  return undefined;
};
