import { cleanText } from '../document-text';
import type { DomDocument, DomElement } from './html-dom';

/**
 * The people who wrote a page's article, from what the page says about them: structured data,
 * meta tags, or the byline in the markup. Whatever the source, what is kept is a person's name:
 * never "By", a date, a Twitter handle, a job title, the site's or an agency's name ("CBS News",
 * "Agencies", "Staff"), a sentence of an author bio, or initials alone ("J J").
 */

// "By", "Von", "Por", "Par", "Door", "Av" and "Posted by" before the name.
const BY_PREFIX =
  /^(?:(?:posted|written|words|story|article|text|report(?:ed)?|photos?)\s+(?:by|von)\s*:?|by|von|por|par|door|av|af|autor(?:in)?|author|text|texto)\s*[:\-–—]?\s+/i;
const HANDLE_OR_MAIL = /@\S+/g;
// A web address or a file name: "www.example.com", "humans.txt".
const URL_LIKE = /\bhttps?:\/\/|\bwww\.|\.(?:com|org|net|co|io)\b/i;
const FILE_LIKE = /\p{L}\.\p{Ll}{2,}/u;
const DATE_LIKE =
  /\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d{1,2}:\d{2}|(?:updated|published|posted)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/i;
// Words of an organisation, a desk or a role, never of a person's name.
const NOT_A_PERSON =
  /\b(?:news|newsroom|staff|team|desk|editors?|editorial|admin|administrator|agenc(?:y|ies)|press|media|online|wire|service|services|reporters?|correspondents?|contributors?|contributing|writers?|columnist|author|authors|unknown|anonymous|guest|redaktion|redacción|rédaction|redação|agentur|agencia|agência|report|bureau|network|international|business|magazine|journal|times|post|daily|weekly|tribune|herald|gazette|online|tv|radio|channel|inc|ltd|llc|gmbh|corp|company|group|foundation|university|institute|association|council|office|department|ministry|government|police|phd|md|mph|msc|mba)\b/i;
const PARTICLES = new Set([
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'bin',
  'binti',
  'al',
  'el',
  'y',
  'e',
  'st.',
]);
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|\p{Lu}\.|[\p{L}\p{M}]+-\p{Lu}[\p{L}\p{M}'’.-]*)$/u;
const LETTERS_ONLY = /^[\p{L}\p{M}'’.-]+$/u;
const MAX_NAME_WORDS = 5;
const MAX_NAME_CHARS = 60;
// A sentence stop after a word (not an initial, "Jr." or "Dr."): "Finian Cunningham. Sputnik".
const SENTENCE_STOP = /(?<=\p{Ll}{2})\.\s+(?=\p{Lu})/u;
// Between names: punctuation, "and" in any case ("JANE SMITH AND LI WEI"), a spaced dash before a
// site name ("Jane Smith - The Daily Example"); the one-letter joiners only in lower case, for
// "Jane E Smith" has an initial, not two names.
const SEPARATORS = /\s*(?:,|;|\||&|\s[-–—]\s|\b(?:and|And|AND|und|Und|UND)\b|\bet\b|\by\b|\be\b|\bog\b)\s*/;

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

// "Posted on September 21, 2020 by Adi Tzlil": the name after a late "by".
const LATE_BY = /(?:^|\s)(?:by|von|por|par)\s+(\p{Lu}[^]*)$/iu;
// "ByAlex Bozarjian": "By" set in its own element, glued to the name.
const GLUED_BY = /^(?:By|Von|Por|Par)(?=\p{Lu}\p{Ll})/u;

/** One name as written, its prefix, handle, trailing date and footnote marks taken off. */
const cleanName = (raw: string): string => {
  let name = cleanText(raw).replace(HANDLE_OR_MAIL, ' ').replace(GLUED_BY, '');
  const late = LATE_BY.exec(name);
  if (late && late.index > 0) name = late[1] ?? name;
  for (let i = 0; i < 2; i += 1) name = name.replace(BY_PREFIX, '');
  const date = DATE_LIKE.exec(name);
  if (date) name = name.slice(0, date.index);
  return cleanText(name.replace(/[\s\d*†‡,;:|–—-]+$/u, '').replace(/^[\s,;:|–—-]+/u, ''));
};

export interface NameRules {
  /** Names of the site and its publisher: an author is never one of these (nor contains one). */
  siteNames: readonly string[];
  /**
   * From structured data (JSON-LD, a meta tag) or an element marked as the author's name: a
   * one-word or lower-case name ("marc") may pass, and only a site name itself is refused.
   */
  structured: boolean;
}

/** Whether one cleaned name reads as a person's: capitalised words, no digits, no organisation. */
const isPersonName = (name: string, rules: NameRules): boolean => {
  if (
    name.length < 2 ||
    name.length > MAX_NAME_CHARS ||
    /\d/.test(name) ||
    URL_LIKE.test(name) ||
    FILE_LIKE.test(name)
  )
    return false;
  // "Article by": the label, its name set apart.
  if (NOT_A_PERSON.test(name) || /\b(?:by|von|por|par)$/i.test(name)) return false;
  const key = comparable(name);
  const isSite = (site: string) => {
    const siteKey = comparable(site);
    if (siteKey === key) return true;
    return !rules.structured && siteKey.length >= 4 && (key.includes(siteKey) || siteKey.includes(key));
  };
  if (rules.siteNames.some(isSite)) return false;
  const words = name.split(' ');
  if (words.length > MAX_NAME_WORDS) return false;
  const lettered = words.filter((word) => !PARTICLES.has(word.toLowerCase()));
  if (lettered.length === 0) return false;
  // "J J", "A. B.": initials alone are not a name.
  if (lettered.every((word) => word.replace(/[.'’-]/g, '').length <= 1)) return false;
  if (words.length === 1 && !rules.structured) return false;
  if (lettered.every((word) => NAME_WORD.test(word))) return true;
  // "john smith" from structured data; never "AFP/The Local" or "[email protected]".
  return rules.structured && words.length <= 3 && lettered.every((word) => LETTERS_ONLY.test(word));
};

/**
 * The person or people a raw author value names, joined with ", ", or undefined when it names
 * nobody: "By Jane Smith and Li Wei, Political Editors" → "Jane Smith, Li Wei".
 */
export const personNames = (raw: string, rules: NameRules): string | undefined => {
  const names: string[] = [];
  const parts = cleanName(raw)
    .split(SENTENCE_STOP)
    .flatMap((part) => part.split(SEPARATORS));
  // A one-word name passes only as the whole value: beside a full name, "Reuters" is the agency.
  const partRules = parts.length > 1 ? { ...rules, structured: false } : rules;
  for (const part of parts) {
    const name = cleanName(part);
    const oneWord = !name.includes(' ');
    if (isPersonName(name, oneWord ? partRules : rules) && !names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names.join(', ') : undefined;
};

// Where pages put their bylines: schema.org markup, rel="author", byline and author classes,
// links to an author page.
const BYLINE_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[rel="author"]',
  '.byline a, .byline',
  '[class*="byline"] a[href*="author"], [class*="byline"]',
  '[data-testid*="byline"] a, [data-testid*="byline"]',
  '.author-name, .author_name, .authorName, .article-author, .post-author, .entry-author, .author .fn, .vcard .fn, .author',
  'a[href*="/author/"], a[href*="/authors/"], a[href*="/autor/"], a[href*="/autoren/"], a[href*="/auteur/"]',
  '[class*="author"]',
];
// Markup that says its element is the author's name: a single word there is a name ("marc").
const NAME_ELEMENT = '[rel="author"], [itemprop="author"], [itemprop="name"], .fn, [class*="author"]';
const IN_COMMENTS = '[class*="comment"], [id*="comment"], [class*="related"], [class*="recommend"]';
const MAX_BYLINE_CHARS = 160;

const valueOf = (element: DomElement) =>
  element.tagName.toUpperCase() === 'META'
    ? (element.getAttribute('content') ?? '')
    : (element.textContent ?? '');

// "By" set alone in its own element, the name in the next one: <p>By</p><p>Todd Bates</p>.
const BY_LABEL =
  /^(?:(?:(?:posted|written|words|story|article|text|report(?:ed)?)\s+)?(?:by|von|por|par)|author|autor)\s*:?$/i;
const LABEL_CANDIDATES =
  'body p, body span, body strong, body b, body em, body small, body dt, body label, body div';
const MAX_LABELS = 20;

/**
 * The names after a lone "By" label: the text of the smallest element around the label that
 * holds more than the label, read as a byline (so "By" is taken off and a person's name must
 * follow). Only leaves are read as labels; their text is cheap.
 */
const labelledByline = (document: DomDocument, siteNames: readonly string[]): string | undefined => {
  const elements = document.querySelectorAll(LABEL_CANDIDATES);
  let labels = 0;
  for (let i = 0; i < elements.length && labels < MAX_LABELS; i += 1) {
    const element = elements[i];
    if (!element || element.firstElementChild !== null) continue;
    const label = cleanText(element.textContent ?? '');
    if (!BY_LABEL.test(label)) continue;
    labels += 1;
    if (element.closest(IN_COMMENTS)) continue;
    for (let around = element.parentElement; around !== null; around = around.parentElement) {
      const text = cleanText(around.textContent ?? '');
      if (text.length > MAX_BYLINE_CHARS) break;
      if (text.length <= label.length) continue;
      const names = personNames(text.startsWith(label) ? `By ${text.slice(label.length)}` : text, {
        siteNames,
        structured: false,
      });
      if (names) return names;
      break;
    }
  }
  return undefined;
};

/** The first element marked as a byline that names a person. */
const markedByline = (document: DomDocument, siteNames: readonly string[]): string | undefined => {
  for (const selector of BYLINE_SELECTORS) {
    const candidates = document.querySelectorAll(selector);
    for (let i = 0; i < candidates.length; i += 1) {
      const element = candidates[i];
      if (!element || element.closest(IN_COMMENTS)) continue;
      const text = cleanText(valueOf(element));
      if (text.length === 0 || text.length > MAX_BYLINE_CHARS) continue;
      const names = personNames(text, { siteNames, structured: element.matches(NAME_ELEMENT) });
      if (names) return names;
    }
  }
  return undefined;
};

/**
 * The first byline in the markup that names a person, as {@link personNames} gives it: an
 * element marked as the byline or the author, else the names after a lone "By" label.
 */
export const bylineAuthor = (document: DomDocument, siteNames: readonly string[]): string | undefined =>
  markedByline(document, siteNames) ?? labelledByline(document, siteNames);
