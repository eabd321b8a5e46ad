import { isoDateFrom } from '../document-dates';
import { authorFromByline, authorName, cleanText, decodeEntities } from '../document-text';
import type { DomDocument, DomElement } from './html-dom';

/** What a page says about its article outside the article's text. */
export interface HtmlMetadata {
  title: string | null;
  publishedAt: string | null;
  author?: string;
  url?: string;
  source?: string;
  /** The page's byline element's text ("By Jane Smith"), to be kept as a byline block. */
  byline?: string;
  /** `articleBody` from JSON-LD: the text to fall back on when the markup yields none. */
  articleBody?: string;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|LiveBlogPosting|ScholarlyArticle)$/;

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

// JSON-LD sits in a <script>, whose text the HTML parser leaves encoded: "Q&amp;A" is common.
const firstString = (value: unknown): string | undefined => {
  if (typeof value === 'string') return cleanText(decodeEntities(value)) || undefined;
  if (Array.isArray(value)) return firstString(value[0]);
  return undefined;
};

const articleFromJsonLd = (document: DomDocument): JsonObject | undefined => {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i += 1) {
    let value: unknown;
    try {
      value = JSON.parse(scripts[i]?.textContent ?? '');
    } catch {
      continue; // Broken JSON-LD is common; the meta tags usually say the same.
    }
    const article = jsonLdNodes(value).find((node) => typesOf(node).some((t) => ARTICLE_TYPE.test(t)));
    if (article) return article;
  }
  return undefined;
};

const meta = (document: DomDocument, selectors: string): string | undefined => {
  const content = document.querySelector(selectors)?.getAttribute('content');
  return content ? cleanText(content) || undefined : undefined;
};

const PUBLISHED_META = [
  'meta[property="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publish-date"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
].join(', ');
const BYLINE_SELECTORS = '.byline, [rel="author"], [itemprop="author"], .author-name, .article-author';
const MAX_BYLINE_CHARS = 120;

const publishedTime = (document: DomDocument): string | null => {
  // A <time> marked as the publication date beats the first one on the page, which may be a clock.
  const time =
    document.querySelector('time[itemprop="datePublished"], time[pubdate]') ??
    document.querySelector('article time[datetime]') ??
    document.querySelector('time[datetime]');
  return isoDateFrom(time?.getAttribute('datetime') ?? time?.textContent ?? undefined);
};

const bylineOf = (document: DomDocument): string | undefined => {
  const candidates = document.querySelectorAll(BYLINE_SELECTORS);
  for (let i = 0; i < candidates.length; i += 1) {
    const element: DomElement | undefined = candidates[i];
    const text = cleanText(element?.textContent ?? '');
    if (text.length > 0 && text.length <= MAX_BYLINE_CHARS) return text;
  }
  return undefined;
};

const sourceOf = (value: unknown): string | undefined =>
  isObject(value) ? firstString(value['name']) : firstString(value);

/**
 * Title, date, author, canonical URL and site name of a page, from JSON-LD (`NewsArticle` and
 * kin, also inside `@graph`) first, then Open Graph and other meta tags, then the markup itself
 * (`<time datetime>`, bylines, `<h1>`, `<title>`). Read before Readability changes the DOM.
 */
export const readHtmlMetadata = (document: DomDocument): HtmlMetadata => {
  const ld = articleFromJsonLd(document);
  const byline = bylineOf(document);
  const h1 = cleanText(document.querySelector('h1')?.textContent ?? '');
  const title =
    firstString(ld?.['headline']) ??
    meta(document, 'meta[property="og:title"]') ??
    meta(document, 'meta[name="twitter:title"]') ??
    (h1 || cleanText(document.title) || null);
  const publishedAt =
    isoDateFrom(ld?.['datePublished']) ??
    isoDateFrom(ld?.['dateCreated']) ??
    isoDateFrom(meta(document, PUBLISHED_META)) ??
    publishedTime(document);
  const metaAuthor = meta(document, 'meta[name="author"]');
  const author =
    authorName(ld?.['author']) ??
    (metaAuthor && !/^https?:/i.test(metaAuthor) ? metaAuthor : undefined) ??
    (byline ? authorFromByline(byline) : undefined);
  const url =
    firstString(ld?.['url']) ??
    meta(document, 'meta[property="og:url"]') ??
    (document.querySelector('link[rel="canonical"]')?.getAttribute('href') || undefined);
  const source = sourceOf(ld?.['publisher']) ?? meta(document, 'meta[property="og:site_name"]');
  const body = ld?.['articleBody'];
  const articleBody = typeof body === 'string' && body.trim() ? decodeEntities(body) : undefined;
  return {
    title,
    publishedAt,
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
    ...(source ? { source } : {}),
    ...(byline ? { byline } : {}),
    ...(articleBody ? { articleBody } : {}),
  };
};
