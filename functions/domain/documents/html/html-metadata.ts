import { MONTHS, isoDateFrom, validIsoDate } from '../document-dates';
import { cleanText, decodeEntities } from '../document-text';
import { bylineAuthor, personNames, type NameRules } from './html-authors';
import type { DomDocument } from './html-dom';
import { isTimestampLine } from './html-lines';
import { reconcileTitle } from './html-title';

/** What a page says about its article outside the article's text. */
export interface HtmlMetadata {
  title: string | null;
  publishedAt: string | null;
  author?: string;
  url?: string;
  source?: string;
  /** The site's names (og:site_name, publisher, the URL's host): never an author or a title. */
  siteNames: string[];
  /**
   * A weaker date, for when neither the metadata nor the article's own timestamp line gives one:
   * the first `<time datetime>` on the page, else the date the article was last changed.
   */
  fallbackDate: string | null;
  /** `articleBody` from JSON-LD: the text to fall back on when the markup yields none. */
  articleBody?: string;
  /**
   * Whether the page marks a headline as its article's: JSON-LD `headline`, `og:title`,
   * `twitter:title`, or an `<h1>` that is the title. A `<title>` alone does not (a site's name,
   * "Loading…"), nor an `<h1>` that is the site's logo.
   */
  hasHeadline: boolean;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ARTICLE_TYPE =
  /^(?:\w*NewsArticle|Article|BlogPosting|SocialMediaPosting|DiscussionForumPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|Review|CriticReview|UserReview|Recipe|HowTo|MedicalWebPage|Guide)$/;
const PAGE_TYPE = /^(?:WebPage|ItemPage|AboutPage|ProfilePage|CollectionPage|QAPage|FAQPage)$/;
const ORGANISATION_TYPE =
  /Organi[sz]ation|Corporation|NewsMediaOrganization|WebSite|Brand|EducationalOrganization/;

const typesOf = (node: JsonObject): string[] => {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
};

/** Every object of a JSON-LD value: top-level arrays and `@graph` arrays flattened. */
const jsonLdNodes = (value: unknown, out: JsonObject[] = []): JsonObject[] => {
  if (Array.isArray(value)) {
    for (const item of value) jsonLdNodes(item, out);
  } else if (isObject(value)) {
    out.push(value);
    if (value['@graph'] !== undefined) jsonLdNodes(value['@graph'], out);
  }
  return out;
};

// Raw control characters (line breaks, tabs), which JSON allows only escaped inside strings.
const CONTROL_CHARACTERS = /\p{Cc}+/gu;

/** JSON as pages write it: raw line breaks and tabs inside strings are common, and not JSON. */
const parseLenient = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(text.replace(CONTROL_CHARACTERS, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined; // Broken JSON-LD is common; the meta tags usually say the same.
    }
  }
};

interface JsonLd {
  nodes: JsonObject[];
  byId: Map<string, JsonObject>;
}

const readJsonLd = (document: DomDocument): JsonLd => {
  const nodes: JsonObject[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i += 1) jsonLdNodes(parseLenient(scripts[i]?.textContent ?? ''), nodes);
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node['@id'];
    // The fullest node of an id wins over a bare reference to it.
    if (
      typeof id === 'string' &&
      Object.keys(node).length > (byId.get(id) ? Object.keys(byId.get(id) ?? {}).length : 1)
    ) {
      byId.set(id, node);
    }
  }
  return { nodes, byId };
};

/** A value with `{"@id": …}` references replaced by the nodes they name. */
const resolve = (ld: JsonLd, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolve(ld, item));
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length <= 2) {
    return ld.byId.get(value['@id']) ?? value;
  }
  return value;
};

const articleNode = (ld: JsonLd): JsonObject | undefined =>
  ld.nodes.find((node) => typesOf(node).some((t) => ARTICLE_TYPE.test(t))) ??
  ld.nodes.find(
    (node) =>
      typesOf(node).some((t) => PAGE_TYPE.test(t)) &&
      (node['headline'] !== undefined || node['author'] !== undefined || node['datePublished'] !== undefined),
  );

// JSON-LD sits in a <script>, whose text the HTML parser leaves encoded: "Q&amp;A" is common.
const firstString = (value: unknown): string | undefined => {
  if (typeof value === 'string') return cleanText(decodeEntities(value)) || undefined;
  if (Array.isArray(value)) return firstString(value[0]);
  return undefined;
};

/**
 * A page's meta tags, read in one pass (each lookup by selector would walk the whole page), keyed
 * by attribute and lower-cased value: `name:author`, `property:og:title`, `itemprop:datepublished`.
 * A key without an attribute matches `name` and `property` alike (sites mix them up).
 */
class MetaTags {
  private readonly byKey = new Map<string, string[]>();

  constructor(document: DomDocument) {
    const metas = document.querySelectorAll('meta');
    for (let i = 0; i < metas.length; i += 1) {
      const element = metas[i];
      const content = element?.getAttribute('content');
      if (!element || !content) continue;
      const clean = cleanText(decodeEntities(content));
      if (!clean) continue;
      for (const attribute of ['name', 'property', 'itemprop']) {
        const value = element.getAttribute(attribute)?.trim().toLowerCase();
        if (!value) continue;
        const keys = attribute === 'itemprop' ? [`itemprop:${value}`] : [`${attribute}:${value}`, value];
        for (const key of keys) {
          const list = this.byKey.get(key) ?? [];
          list.push(clean);
          this.byKey.set(key, list);
        }
      }
    }
  }

  /** The content of the first of `keys` the page has. */
  first(...keys: readonly string[]): string | undefined {
    for (const key of keys) {
      const value = this.byKey.get(key)?.[0];
      if (value) return value;
    }
    return undefined;
  }

  /** Every content of `key`, in page order (a tag repeated, one per author). */
  all(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }
}

const PUBLISHED_META = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'itemprop:datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'sailthru.date',
  'parsely-pub-date',
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'dc.date.issued',
  'dcterms.created',
  'dc.date',
  'date',
  'created',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'datemodified',
  'last-modified',
  'dcterms.modified',
];
const AUTHOR_META = [
  'author',
  'article:author',
  'article:author_name',
  'byl',
  'sailthru.author',
  'parsely-author',
  'dc.creator',
  'citation_author',
];

// "/2019/11/19/", "/2020/oct/02/", "/2019-11-19-", "/20200428/" in an article's URL.
const URL_DATE = /[/_-]((?:19|20)\d{2})[/_-](\d{1,2}|[a-z]{3})[/_-](\d{1,2})(?=[/_.-]|$)/i;
const URL_COMPACT_DATE = /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-])/;

/** The date an article's URL puts it under, or null. */
export const dateFromUrl = (url: string | undefined): string | null => {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = URL_DATE.exec(path) ?? URL_COMPACT_DATE.exec(path);
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  const monthNumber = /^\d+$/.test(month) ? Number(month) : MONTHS[month.toLowerCase()];
  return monthNumber ? validIsoDate(year, monthNumber, day) : null;
};

/** A date from a `<time>` or a dated element: its `datetime` or `content`, else its text. */
const dateOfElement = (document: DomDocument, selectors: string): string | null => {
  const elements = document.querySelectorAll(selectors);
  for (let i = 0; i < elements.length; i += 1) {
    const element = elements[i];
    if (!element || element.closest('[class*="comment"], [id*="comment"], [class*="related"]')) continue;
    const value =
      element.getAttribute('datetime') ?? element.getAttribute('content') ?? element.textContent ?? '';
    const date = isoDateFrom(cleanText(value));
    if (date) return date;
  }
  return null;
};

// Elements whose class says they hold a date; read by their text, and only short ones.
const DATED_ELEMENTS =
  '[class*="publish"], [class*="posted"], [class*="date"], [class*="time"], [id*="date"], [class*="meta"]';
const MAX_DATED_CHARS = 100;
const DATE_ONLY_CANDIDATES =
  'body span, body div, body p, body td, body li, body small, body abbr, body font, body b, body strong, body em';

const PUBLISHED_ELEMENTS =
  'time[itemprop="datePublished"], [itemprop="datePublished"], time[pubdate], time.published, time.entry-date, .published time, .entry-date, article time[datetime], header time[datetime]';

/**
 * The publication date. A full date in the article's URL comes first: it is the day the story
 * was filed, in the site's own time zone, where metadata may carry a later republication or a
 * UTC time already on the next day.
 */
const publishedAtOf = (
  document: DomDocument,
  metas: MetaTags,
  article: JsonObject | undefined,
  ld: JsonLd,
  url?: string,
) =>
  dateFromUrl(url) ??
  isoDateFrom(article?.['datePublished']) ??
  isoDateFrom(article?.['dateCreated']) ??
  isoDateFrom(ld.nodes.find((node) => node['datePublished'] !== undefined)?.['datePublished']) ??
  isoDateFrom(metas.first(...PUBLISHED_META)) ??
  dateOfElement(document, PUBLISHED_ELEMENTS);

/** The first element of the page that holds nothing but a date ("Apr 7, 2009"). */
const dateOnlyElement = (document: DomDocument): string | null => {
  const elements = document.querySelectorAll(DATE_ONLY_CANDIDATES);
  for (let i = 0; i < elements.length; i += 1) {
    const element = elements[i];
    // Leaves only: their text is cheap to read, and a date alone is a leaf.
    if (!element || element.firstElementChild !== null) continue;
    const text = cleanText(element.textContent ?? '');
    if (text.length === 0 || text.length > MAX_DATED_CHARS || !isTimestampLine(text)) continue;
    if (element.closest('[class*="comment"], [id*="comment"], [class*="related"]')) continue;
    const date = isoDateFrom(text);
    if (date) return date;
  }
  return null;
};

const fallbackDateOf = (document: DomDocument, metas: MetaTags, article?: JsonObject): string | null =>
  dateOfElement(document, 'time[datetime]') ??
  dateOfElement(document, DATED_ELEMENTS) ??
  dateOnlyElement(document) ??
  isoDateFrom(article?.['dateModified']) ??
  isoDateFrom(metas.first(...MODIFIED_META));

const urlOf = (value: unknown): string | undefined =>
  isObject(value) ? (firstString(value['@id']) ?? firstString(value['url'])) : firstString(value);

const nameOf = (value: unknown): string | undefined =>
  isObject(value) ? firstString(value['name']) : firstString(value);

const hostName = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const labels = new URL(url).hostname.toLowerCase().split('.');
    // "www.japantimes.co.jp" → "japantimes"; "uk.trustpilot.com" → "trustpilot".
    const meaningful = labels.filter(
      (label) => !/^(?:www\d*|m|amp|uk|us|en|de|fr|es|co|com|org|net|ac|gov|edu)$/.test(label),
    );
    return meaningful.length > 1 ? meaningful.slice(0, -1).join('.') : meaningful[0];
  } catch {
    return undefined;
  }
};

/** The authors JSON-LD names as people (organisations left out), resolved through `@id`. */
const jsonLdAuthors = (ld: JsonLd, article: JsonObject | undefined, rules: NameRules): string | undefined => {
  const raw = resolve(ld, article?.['author'] ?? article?.['creator']);
  const people = (Array.isArray(raw) ? raw : [raw]).map((item) => resolve(ld, item));
  const names: string[] = [];
  for (const person of people) {
    if (isObject(person) && typesOf(person).some((t) => ORGANISATION_TYPE.test(t))) continue;
    const name = nameOf(person);
    const clean = name ? personNames(name, rules) : undefined;
    if (clean) for (const one of clean.split(', ')) if (!names.includes(one)) names.push(one);
  }
  return names.length > 0 ? names.join(', ') : undefined;
};

/** The people of the first author meta tag that names one, with its repeats (one per author). */
const metaAuthors = (metas: MetaTags, rules: NameRules): string | undefined => {
  for (const key of AUTHOR_META) {
    const names: string[] = [];
    for (const content of metas.all(key)) {
      if (/^https?:/i.test(content)) continue;
      for (const name of personNames(content, rules)?.split(', ') ?? [])
        if (!names.includes(name)) names.push(name);
    }
    if (names.length > 0) return names.join(', ');
  }
  return undefined;
};

/**
 * The article's authors: JSON-LD people, else the author meta tags, else the byline. A lone
 * first name from structured data ("Todd") gives way to the byline's full name that begins with
 * it ("Todd Bates").
 */
const authorOf = (
  document: DomDocument,
  ld: JsonLd,
  article: JsonObject | undefined,
  metas: MetaTags,
  rules: NameRules,
): string | undefined => {
  const structured = jsonLdAuthors(ld, article, rules) ?? metaAuthors(metas, rules);
  if (structured !== undefined && !/[\s,]/.test(structured)) {
    const byline = bylineAuthor(document, rules.siteNames);
    const first = byline?.split(', ')[0];
    if (byline && first && first.toLowerCase().startsWith(`${structured.toLowerCase()} `)) return byline;
  }
  return structured ?? bylineAuthor(document, rules.siteNames);
};

const h1Texts = (document: DomDocument): string[] => {
  const h1s = document.querySelectorAll('h1');
  const texts: string[] = [];
  for (let i = 0; i < h1s.length && texts.length < 5; i += 1) {
    const text = cleanText(h1s[i]?.textContent ?? '');
    if (text) texts.push(text);
  }
  return texts;
};

/**
 * Title, date, author, canonical URL and site name of a page, read before Readability changes
 * the DOM. JSON-LD (`NewsArticle` and kin, also inside `@graph`, `@id` references resolved)
 * first, then Open Graph and other meta tags, then the markup: the title is reconciled with the
 * `<h1>` (html-title.ts), the date falls back on the URL (/2019/11/19/) and `<time>` elements,
 * the author on the byline; authors are people's names only (html-authors.ts).
 */
export const readHtmlMetadata = (document: DomDocument): HtmlMetadata => {
  const metas = new MetaTags(document);
  const ld = readJsonLd(document);
  const article = articleNode(ld);
  const url =
    firstString(article?.['url']) ??
    urlOf(article?.['mainEntityOfPage']) ??
    metas.first('og:url') ??
    (document.querySelector('link[rel="canonical"]')?.getAttribute('href') || undefined);
  const validUrl = url && /^https?:\/\//i.test(url) ? url : undefined;
  const publisher = resolve(ld, article?.['publisher']);
  const source = nameOf(publisher) ?? metas.first('og:site_name');
  const website = ld.nodes.find((node) => typesOf(node).includes('WebSite'));
  const siteNames = [
    source,
    metas.first('og:site_name'),
    metas.first('application-name'),
    metas.first('apple-mobile-web-app-title'),
    nameOf(website),
    hostName(validUrl),
  ].filter((name): name is string => name !== undefined && name.length > 0);

  const metaTitles = [
    firstString(article?.['headline']),
    metas.first('og:title'),
    metas.first('twitter:title'),
  ].filter((t): t is string => t !== undefined);
  const headings = h1Texts(document);
  const title = reconcileTitle({
    meta: metaTitles,
    documentTitle: cleanText(document.title),
    headings,
    siteNames,
  });
  const rules: NameRules = { siteNames, structured: true };
  const publishedAt = publishedAtOf(document, metas, article, ld, validUrl);
  const author = authorOf(document, ld, article, metas, rules);
  const body = article?.['articleBody'];
  const articleBody = typeof body === 'string' && body.trim() ? decodeEntities(body) : undefined;
  return {
    title,
    publishedAt,
    ...(author ? { author } : {}),
    ...(validUrl ? { url: validUrl } : {}),
    ...(source ? { source } : {}),
    siteNames,
    // Read now, before Readability changes the DOM, and only when it may be needed.
    fallbackDate: publishedAt ? null : fallbackDateOf(document, metas, article),
    ...(articleBody ? { articleBody } : {}),
    hasHeadline: metaTitles.length > 0 || (title !== null && headings.includes(title)),
  };
};
