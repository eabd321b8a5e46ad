import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { contentBlocks, plainTitle } from './content-blocks';
import type { Block, ParsedArticle } from './document';
import { isoDateFrom } from './document-dates';
import { authorName, cleanText, decodeEntities } from './document-text';
import { InvalidArticleError } from './errors';

/**
 * RSS 2.0 (and RSS 1.0/RDF) and Atom feeds, one article per item or entry, read with
 * fast-xml-parser. Content fields are kept as raw XML by the parser and decoded here, so that an
 * Atom `type="xhtml"` body keeps its markup and CDATA sections come through verbatim.
 */

type XmlObject = Record<string, unknown>;

const CONTENT_FIELDS = ['content:encoded', 'content', 'description', 'summary'] as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Strings stay strings: a guid of "0012" is not the number 12.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  stopNodes: CONTENT_FIELDS.map((field) => `*.${field}`),
  isArray: (name) => ['item', 'entry', 'link', 'author', 'dc:creator'].includes(name),
});

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
};

/** An element's text: a string, or the `#text` of an element with attributes. */
const textOf = (value: unknown): string | undefined => {
  const text = isObject(value) ? value['#text'] : value;
  if (typeof text === 'string') return text.trim() || undefined;
  if (typeof text === 'number') return String(text);
  return undefined;
};

const attribute = (value: unknown, name: string): string | undefined => {
  const attr = isObject(value) ? value[`@_${name}`] : undefined;
  return typeof attr === 'string' ? attr.trim() || undefined : undefined;
};

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** The text of a content element kept raw: CDATA verbatim, character references decoded. */
const xmlText = (raw: string): string => {
  let text = '';
  let last = 0;
  for (const match of raw.matchAll(CDATA)) {
    text += decodeEntities(raw.slice(last, match.index)) + (match[1] ?? '');
    last = match.index + match[0].length;
  }
  return text + decodeEntities(raw.slice(last));
};

// WordPress appends "The post <title> appeared first on <site>." to every item.
const WORDPRESS_FOOTER = /^The post .+ appeared first on .+\.?$/;

const contentOf = (entry: XmlObject): Block[] => {
  for (const field of CONTENT_FIELDS) {
    const value = entry[field];
    const raw = textOf(value);
    if (raw === undefined) continue;
    // Atom's type="xhtml" content is markup itself, not text that holds escaped markup.
    const text = attribute(value, 'type') === 'xhtml' ? raw : xmlText(raw);
    const blocks = contentBlocks(text).filter((block) => !WORDPRESS_FOOTER.test(block.text));
    if (blocks.length > 0) return blocks;
  }
  return [];
};

const titleOf = (value: unknown): string | null => {
  const text = textOf(value);
  return text === undefined ? null : cleanText(plainTitle(text)) || null;
};

/** Atom's `<link rel="alternate" href>`, or RSS's `<link>` text. */
const linkOf = (value: unknown): string | undefined => {
  const links = asArray(value);
  const alternate = links.find((link) => {
    const rel = attribute(link, 'rel');
    return attribute(link, 'href') && (rel === undefined || rel === 'alternate');
  });
  if (alternate) return attribute(alternate, 'href');
  for (const link of links) {
    const text = textOf(link);
    if (text) return text;
  }
  return undefined;
};

/** RSS `<author>` is an e-mail address, with the name in brackets: "jane@x.com (Jane Smith)". */
const rssAuthor = (value: unknown): string | undefined => {
  const text = textOf(asArray(value)[0]);
  if (text === undefined) return undefined;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  if (named) return cleanText(named[1] ?? '');
  return text.includes('@') && !text.includes(' ') ? undefined : cleanText(text);
};

const creatorOf = (entry: XmlObject): string | undefined => {
  const creators = asArray(entry['dc:creator'])
    .map(textOf)
    .filter((name): name is string => name !== undefined);
  return creators.length > 0 ? creators.map((name) => cleanText(name)).join(', ') : undefined;
};

const authorsOf = (value: unknown): string | undefined =>
  authorName(asArray(value).map((author) => (isObject(author) ? textOf(author['name']) : textOf(author))));

interface Feed {
  format: 'rss' | 'atom';
  source?: string;
  entries: XmlObject[];
}

const feedOf = (document: XmlObject): Feed | undefined => {
  const rss = document['rss'];
  if (isObject(rss)) {
    const channel = asArray(rss['channel']).find(isObject);
    const source = titleOf(channel?.['title']) ?? undefined;
    return {
      format: 'rss',
      ...(source ? { source } : {}),
      entries: asArray(channel?.['item']).filter(isObject),
    };
  }
  const rdf = document['rdf:RDF'];
  if (isObject(rdf)) {
    const channel = asArray(rdf['channel']).find(isObject);
    const source = titleOf(channel?.['title']) ?? undefined;
    return { format: 'rss', ...(source ? { source } : {}), entries: asArray(rdf['item']).filter(isObject) };
  }
  const feed = document['feed'];
  if (isObject(feed)) {
    const source = titleOf(feed['title']) ?? undefined;
    return {
      format: 'atom',
      ...(source ? { source } : {}),
      entries: asArray(feed['entry']).filter(isObject),
    };
  }
  return undefined;
};

const toArticle = (entry: XmlObject, feed: Feed, position: number): ParsedArticle => {
  const url = linkOf(entry['link']);
  const id = textOf(entry['guid']) ?? textOf(entry['id']) ?? url ?? `#${position + 1}`;
  const date =
    feed.format === 'rss'
      ? (entry['pubDate'] ?? entry['dc:date'] ?? entry['published'] ?? entry['updated'])
      : (entry['published'] ?? entry['updated'] ?? entry['issued'] ?? entry['modified']);
  const author =
    feed.format === 'rss' ? (creatorOf(entry) ?? rssAuthor(entry['author'])) : authorsOf(entry['author']);
  const source = titleOf(entry['source']) ?? feed.source;
  return {
    format: feed.format,
    title: titleOf(entry['title']),
    publishedAt: isoDateFrom(textOf(date)),
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
    ...(source ? { source } : {}),
    entryId: id,
    blocks: contentOf(entry),
  };
};

const malformed = (text: string): InvalidArticleError | undefined => {
  const result = XMLValidator.validate(text);
  if (result === true) return undefined;
  const { line, col, msg } = result.err;
  return new InvalidArticleError('malformed', `malformed XML at line ${line}, column ${col}: ${msg}`);
};

const ROOT = /<([A-Za-z_][\w:.-]*)/;

/**
 * Parses an RSS or Atom feed into one article per item or entry: `entryId` from the guid or id
 * (else the link, else `#position`), the body from `content:encoded`, `content`, `description` or
 * `summary` (HTML through the HTML walk without whole-page heuristics), the date from
 * `pubDate`/`published`/`updated`. Entries without any body text are left out.
 *
 * @throws InvalidArticleError `malformed` for XML that does not parse or is not a feed,
 * `no-body` for a feed with no items or none with text.
 */
export const parseFeedDocument = (text: string): ParsedArticle[] => {
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    throw malformed(text) ?? error;
  }
  const feed = isObject(document) ? feedOf(document) : undefined;
  if (!feed) {
    const root = ROOT.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, ''))?.[1];
    throw (
      malformed(text) ??
      new InvalidArticleError(
        'malformed',
        `XML is not an RSS or Atom feed (its root element is <${root ?? '?'}>)`,
      )
    );
  }
  if (feed.entries.length === 0) {
    throw malformed(text) ?? new InvalidArticleError('no-body', 'feed has no items');
  }
  const articles = feed.entries
    .map((entry, position) => toArticle(entry, feed, position))
    .filter((article) => article.blocks.length > 0);
  if (articles.length === 0) {
    const items = feed.format === 'rss' ? 'items' : 'entries';
    throw (
      malformed(text) ??
      new InvalidArticleError(
        'no-body',
        `feed has ${feed.entries.length} ${items} but none with text in content, description or summary`,
      )
    );
  }
  return articles;
};
