import { cleanText } from '../document-text';

/**
 * The article's own headline, reconciled from what a page offers: the `<h1>` readers see, and the
 * titles it gives machines (JSON-LD `headline`, `og:title`, `twitter:title`, `<title>`), which
 * often carry the site's name (" | The Japan Times", " - DiEM25") or a section before it.
 */

export interface TitleCandidates {
  /** In order of trust: JSON-LD headline, og:title, twitter:title. */
  meta: readonly string[];
  /** The `<title>`: the tab's title, the site's name as often as the article's. */
  documentTitle?: string;
  /** The page's `<h1>` texts in document order. */
  headings: readonly string[];
  /** The site's names (og:site_name, publisher) and the host of its URL. */
  siteNames: readonly string[];
}

// " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / " between a headline and a site's name.
const SEPARATOR = /\s+(?:\||-|–|—|::|·|»|\/|•)\s+/u;
const MAX_SITE_WORDS = 5;
const MAX_HEADLINE_WORDS = 40;
// How much of a meta title's words an <h1> must share to be the same headline reworded.
const MIN_OVERLAP = 0.5;
// A lone <h1> shorter than this may be the site's logo rather than a headline.
const MIN_LONE_H1_WORDS = 4;
// Words this short ("the", "of", "us") are not evidence that two titles share a subject.
const MIN_CONTENT_WORD = 4;

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Whether a title segment is the site's name: the same, or a short segment that contains it. */
const isSiteName = (segment: string, siteNames: readonly string[]) => {
  const key = comparable(segment);
  if (key.length === 0) return false;
  const short = wordsOf(segment).length <= MAX_SITE_WORDS;
  return siteNames.some((site) => {
    const name = comparable(site);
    return name.length > 2 && (name === key || (short && (key.includes(name) || name.includes(key))));
  });
};

const SEPARATORS = new RegExp(SEPARATOR.source, 'gu');

/** A meta title without the site's name before or after it ("Headline | Site" → "Headline"). */
export const withoutSiteName = (title: string, siteNames: readonly string[]): string => {
  let text = cleanText(title);
  for (let changed = true; changed;) {
    changed = false;
    const cuts = [...text.matchAll(SEPARATORS)];
    const last = cuts[cuts.length - 1];
    const first = cuts[0];
    if (last && isSiteName(text.slice(last.index + last[0].length), siteNames)) {
      text = text.slice(0, last.index);
      changed = true;
    } else if (first && isSiteName(text.slice(0, first.index), siteNames)) {
      text = text.slice(first.index + first[0].length);
      changed = true;
    }
  }
  // "Headline | Section": a short segment after the only pipe is the site or a section.
  const pipes = [...text.matchAll(/\s+\|\s+/gu)];
  const pipe = pipes.length === 1 ? pipes[0] : undefined;
  if (pipe) {
    const head = text.slice(0, pipe.index);
    const tail = text.slice(pipe.index + pipe[0].length);
    if (wordsOf(tail).length <= MAX_SITE_WORDS && wordsOf(head).length > wordsOf(tail).length) return head;
  }
  return text;
};

const overlap = (a: string, b: string, minLength = 1) => {
  const left = new Set(wordsOf(a).filter((word) => word.length >= minLength));
  const right = new Set(wordsOf(b).filter((word) => word.length >= minLength));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / Math.max(left.size, right.size);
};

const usable = (text: string) => {
  const words = wordsOf(text).length;
  return words > 0 && words <= MAX_HEADLINE_WORDS;
};

/**
 * The headline: an `<h1>` that agrees with the page's meta titles (the same, one of them with the
 * site's name, or the same headline reworded), a meta title found inside an `<h1>` that adds a
 * kicker or a dek, the page's only `<h1>` when it has no title made for sharing (JSON-LD, Open
 * Graph, Twitter) or when the `<h1>` shares no word with them, else the first meta title
 * without the site's name. Null when the page has none.
 */
export const reconcileTitle = ({
  meta,
  documentTitle,
  headings,
  siteNames,
}: TitleCandidates): string | null => {
  const structured = meta.map(cleanText).filter(usable);
  const titles = [...structured, ...[documentTitle ?? ''].map(cleanText).filter(usable)];
  const stripped = titles.map((title) => withoutSiteName(title, siteNames));
  const h1s = headings.map(cleanText).filter((h1) => usable(h1) && !isSiteName(h1, siteNames));
  for (const h1 of h1s) {
    const key = comparable(h1);
    for (const [i, title] of titles.entries()) {
      const bare = stripped[i] ?? title;
      const titleKey = comparable(title);
      const bareKey = comparable(bare);
      if (key === titleKey || key === bareKey) return h1;
      // "Open ProgressWhy collaborative thinking…", "Local News | Brothel…": a kicker on the h1.
      // "Dezuka Suisan: … Hot and Fresh Welcome to the Flavor Capital…": a dek run into it.
      if (
        bareKey.length > 0 &&
        key.length > bareKey.length &&
        (key.endsWith(bareKey) || key.startsWith(bareKey))
      ) {
        return bare;
      }
      if (titleKey.includes(key) && wordsOf(h1).length >= 2) return h1;
      if (overlap(h1, bare) >= MIN_OVERLAP) return h1;
    }
  }
  // Without a title made for sharing, the page's one <h1> is its headline.
  if (structured.length === 0 && headings.length === 1 && h1s[0]) return h1s[0];
  const only = headings.length === 1 ? h1s[0] : undefined;
  if (
    only &&
    wordsOf(only).length >= MIN_LONE_H1_WORDS &&
    titles.every((title) => overlap(only, title, MIN_CONTENT_WORD) === 0)
  ) {
    // The page's one headline, where the meta titles name the page ("About Us - Shabka").
    return only;
  }
  return stripped[0] ?? null;
};
