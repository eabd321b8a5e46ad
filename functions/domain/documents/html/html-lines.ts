import type { BlockKind } from '../document';
import { isBylineText } from '../document-text';

/**
 * Lines of a web page that are about the article rather than of it, told from their text: a
 * publication timestamp standing alone, a byline with its date, a photo credit, an ad label, a
 * share bar, a "Read more" link, a tag list. Markup often gives these no class that says so.
 * Only short lines are judged; a sentence of the story is never long enough to be one.
 */

export type LineVerdict = BlockKind | 'drop';

const MAX_WORDS = 16;

const MONTHS = [
  // English, then the other languages the pages of a news feed are most often in.
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sep(?:t(?:ember)?)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'janeiro',
  'fevereiro',
  'março',
  'maio',
  'junho',
  'julho',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
  'januar',
  'februar',
  'märz',
  'mai',
  'juni',
  'juli',
  'oktober',
  'dezember',
  'janvier',
  'février',
  'mars',
  'avril',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
].join('|');
const MONTH = `(?:${MONTHS})\\.?`;
const DATE_PATTERNS = [
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?${MONTH}(?:,?\s+(?:de\s+)?\d{4})?`, 'iu'),
  new RegExp(String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`, 'iu'),
  /\b\d{4}-\d{1,2}-\d{1,2}\b/,
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/,
  /\b\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b/i,
];
// Words that may surround a date in a timestamp line, besides the date and time themselves.
const TIMESTAMP_WORDS = new Set([
  'published',
  'updated',
  'posted',
  'last',
  'modified',
  'first',
  'on',
  'at',
  'am',
  'pm',
  'a.m',
  'p.m',
  'a',
  'p',
  'm',
  'et',
  'est',
  'edt',
  'ct',
  'cst',
  'cdt',
  'pt',
  'pst',
  'pdt',
  'gmt',
  'utc',
  'bst',
  'cet',
  'cest',
  'ist',
  'aest',
  'jst',
  'hkt',
  'de',
  'às',
  'a',
  'las',
  'le',
  'à',
  'um',
  'uhr',
  'am',
  'vom',
  'aktualisiert',
  'veröffentlicht',
  'publicado',
  'actualizado',
  'atualizado',
  'publié',
  'mis',
  'jour',
  'time',
  'date',
  'read',
  'reading',
  'min',
  'mins',
  'minute',
  'minutes',
  'hours',
  'hour',
  'ago',
  'today',
  'yesterday',
]);
const WEEKDAY =
  /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$|^(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?$|^(?:sábado|domingo|lunes|martes|miércoles|jueves|viernes|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)$/iu;
const NUMBERISH = /^[\d:.,/h-]+$/i;
const MONTH_WORD = new RegExp(`^${MONTH}$`, 'iu');
// A timestamp may name its site or desk: "November 20, 2019 / 1:07 AM / CBS News".
const MAX_OTHER_WORDS = 3;

const wordsOf = (text: string) =>
  text
    .split(/[\s|/·•,;()[\]–—]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length > 0);

/** A date, a time and little else: "Nov. 19, 2019 8:03 am ET", "21:17 18.11.2019 Get short URL". */
export const isTimestampLine = (text: string): boolean => {
  if (!DATE_PATTERNS.some((pattern) => pattern.test(text))) return false;
  const words = wordsOf(text);
  if (words.length > MAX_WORDS) return false;
  const other = words.filter(
    (word) =>
      !NUMBERISH.test(word) &&
      !MONTH_WORD.test(word) &&
      !WEEKDAY.test(word) &&
      !TIMESTAMP_WORDS.has(word.toLowerCase()) &&
      !/^\d+(?:st|nd|rd|th)$/i.test(word),
  );
  // What is left is a name ("CBS News") or a link label ("Get short URL"), never a clause.
  return (
    other.length <= MAX_OTHER_WORDS &&
    other.every((word) => /^[\p{Lu}\p{N}]/u.test(word) || SHARE_WORDS.has(word.toLowerCase()))
  );
};

const firstDate = (text: string): number => {
  let first = -1;
  for (const pattern of DATE_PATTERNS) {
    const at = text.search(pattern);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  return first;
};
const CONNECTOR_END =
  /(?:\s*(?:[|,·•/–—-]|\bon|\bupdated|\bpublished|\bposted|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day))+\s*$/i;
const BY_AFTER = /\s+(by\s+\p{Lu}.*)$/u;

/**
 * A byline and a timestamp on one line, in either order: "By Matthew Digby, Minh Do on Monday,
 * November 18th, 2019 at 11:08 a.m.", "Oct 30 2020 by Emily Co". Each half must be one on its own.
 */
const isBylineWithDate = (text: string): boolean => {
  const at = firstDate(text);
  if (at < 0) return false;
  const before = text.slice(0, at).replace(CONNECTOR_END, '');
  if (before.length > 0 && isBylineText(before)) return isTimestampLine(text.slice(at));
  const by = BY_AFTER.exec(text);
  return by !== null && isBylineText(by[1] ?? '') && isTimestampLine(text.slice(0, by.index));
};

// "Photo: Hau Dinh, AP", "(Image: © NASA)", "Image copyright Getty Images", "© Aaron Schwartz".
const CREDIT_START =
  /^[([]?\s*(?:©|\(c\)|copyright\b|(?:photo(?:graph)?|image|picture|pic|foto|bild|credit|illustration|video)s?(?:\s+(?:credit|copyright|courtesy|source))?\s*(?::|©|\bby\b)|image copyright\b|(?:photo|image)\s+courtesy\b)/iu;
const CREDIT_END = /(?:getty images|shutterstock|ap photo|istock(?:photo)?)\)?$/i;
const MAX_CREDIT_ONLY_WORDS = 8;

const isCreditLine = (text: string): boolean => {
  const words = wordsOf(text).length;
  if (words > MAX_WORDS) return false;
  if (CREDIT_START.test(text)) return true;
  return words <= MAX_CREDIT_ONLY_WORDS && CREDIT_END.test(text) && !/[.!?]["'”’]?\s+\p{Lu}/u.test(text);
};

// An ad label, a share bar, a "read more" link, a tag list, a view counter.
const AD_LABEL =
  /^(?:advertisement|advert|ad|ads|sponsored|sponsored content|paid content|anzeige|werbung|publicidad|publicidade|publicité|iklan|reklame|reklama|advertentie|pubblicità)$/i;
const SHARE_WORDS = new Set([
  'share',
  'shares',
  'this',
  'article',
  'story',
  'post',
  'page',
  'on',
  'via',
  'tweet',
  'email',
  'e-mail',
  'mail',
  'print',
  'facebook',
  'twitter',
  'x',
  'whatsapp',
  'linkedin',
  'pinterest',
  'reddit',
  'messenger',
  'telegram',
  'flipboard',
  'copy',
  'link',
  'url',
  'comment',
  'comments',
  'save',
  'get',
  'short',
  'teilen',
  'compartir',
  'partager',
  'compartilhar',
  'condividi',
]);
const SHARE_START = /^(?:share|tweet|teilen|compartir|partager|compartilhar|condividi|get short url)\b/i;
const READ_MORE =
  /^(?:read more|read the full (?:story|article)|continue reading|click here to read more|show more|load more|see more|view more|read on|mehr lesen|weiterlesen|leer más|lire la suite|leia mais)(?:\s*[»›>…]+|\.{3})?$/i;
const TAG_LIST =
  /^(?:filed under|tags?|tagged|topics|categories|category|posted in|labels|schlagwörter|themen|etiquetas)\s*[:|]/i;
// Calls to action and page furniture set as a sentence: newsletters, apps, following, reprints.
const CALL_TO_ACTION =
  /^(?:follow (?:us|me|him|her|the|our)\b|(?:please )?subscribe\b|sign up\b|join our\b|never miss\b|don'?t miss (?:out|a)\b|download (?:the|our)\b|get (?:the|our) (?:latest|app|newsletter)|click here\b|you can (?:keep up with|follow) (?:me|us)\b|do you want to be informed\b|for the latest (?:stories|news)\b|we want to hear what you think\b|have a tip\b|send us (?:a|your) (?:tip|story)\b)/i;
const REPRINT_NOTICE =
  /\b(?:all rights reserved|copyrighted property of|must be obtained before reprint|may not be (?:published|reproduced|reprinted)|without (?:the )?(?:prior )?written permission)\b/i;
const MAX_NOTICE_WORDS = 40;
const SECTION_LABEL =
  /^(?:related(?: coverage| stories| articles| content| posts| links)?|more (?:from|on|stories|news)\b.*|read next|recommended(?: for you)?|most (?:popular|read)|trending(?: now)?|you may also like|top stories|latest news|\d+\s*min(?:ute)?s?\s*read|reading time:?.*)$/i;
const COUNTER = /^(?:views?|reads?|\d[\d,.]*\s+(?:views?|reads?|comments?|shares?))\s*:?\s*[\d,.]*$/i;

const isShareBar = (text: string): boolean => {
  const words = wordsOf(text).map((word) => word.toLowerCase());
  return (
    words.length > 0 &&
    words.length <= MAX_WORDS &&
    SHARE_START.test(text) &&
    words.every((word) => SHARE_WORDS.has(word) || /^\d+$/.test(word))
  );
};

// Longer than any line judged here: a paragraph of the story, left at once.
const MAX_JUDGED_CHARS = 400;

/**
 * What a short line of a web page is when its text says it is not article prose: `dateline` for
 * a timestamp, `byline` for a byline with its date, `caption` for a photo credit, `drop` for an
 * ad label, share bar, "Read more" link, tag list, counter, section label ("Related coverage",
 * "4 min read"), call to action ("Subscribe…", "Follow us…") or reprint notice; null for
 * anything else (left to the format-independent rules of document-text.ts).
 */
export const webLineVerdict = (text: string): LineVerdict | null => {
  if (text.length > MAX_JUDGED_CHARS) return null;
  const words = wordsOf(text).length;
  if (words <= MAX_NOTICE_WORDS && (CALL_TO_ACTION.test(text) || REPRINT_NOTICE.test(text))) return 'drop';
  if (words > MAX_WORDS + 4) return null;
  if (SECTION_LABEL.test(text)) return 'drop';
  if (AD_LABEL.test(text) || READ_MORE.test(text) || TAG_LIST.test(text) || COUNTER.test(text)) return 'drop';
  if (isShareBar(text)) return 'drop';
  if (isBylineWithDate(text)) return 'byline';
  if (isTimestampLine(text)) return 'dateline';
  if (isCreditLine(text)) return 'caption';
  return null;
};
