import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { contentBlocks, plainTitle } from './content-blocks';
import type { Block, ParsedArticle } from './document';
import { isoDateFrom } from './document-dates';
import { authorName, cleanText, decodeEntities } from './document-text';
import { InvalidArticleError } from './errors';
import {
  ATOM_NAMESPACES,
  CONTENT_NAMESPACE,
  DC_NAMESPACE,
  declaredPrefixes,
  isAtomRoot,
  MEDIA_NAMESPACES,
  prefixesOf,
  resolveNamespaces,
  RSS_NAMESPACES,
  type XmlObject,
} from './xml-namespaces';
import { rootName, withoutDoctype } from './xml-prolog';

/**
 * RSS 0.9x, 1.0 (RDF) and 2.0 and Atom (1.0 and 0.3) feeds, one article per item or entry, read
 * with fast-xml-parser. Elements are found by namespace, not by the prefix a feed happens to use
 * (xml-namespaces.ts); a DOCTYPE is never read (xml-prolog.ts). Content fields are kept as raw
 * XML by the parser and decoded here, so that an Atom `type="xhtml"` body keeps its markup and
 * CDATA sections come through verbatim.
 */

/** Where a body is looked for, in this order (names as xml-namespaces.ts spells them). */
const CONTENT_FIELDS = [
  'content:encoded',
  'content',
  'description',
  'summary',
  'media:description',
  'dc:description',
] as const;
/** Media RSS containers whose `media:description` is the body when nothing else is (YouTube). */
const MEDIA_CONTAINERS = ['media:group', 'media:content'] as const;

const ARRAYS = new Set(['item', 'entry', 'link', 'author', 'creator']);

/** Content elements as this document spells them: raw text for the parser, not a tree. */
const stopNodesOf = (text: string): string[] => {
  // A few prefixes a namespace: a document declaring thousands must not make every tag slow.
  const declared = declaredPrefixes(text, 8);
  const names = new Set<string>(CONTENT_FIELDS);
  for (const prefix of prefixesOf(declared, ATOM_NAMESPACES)) {
    names.add(`${prefix}:content`);
    names.add(`${prefix}:summary`);
  }
  for (const prefix of prefixesOf(declared, RSS_NAMESPACES)) names.add(`${prefix}:description`);
  for (const prefix of prefixesOf(declared, [CONTENT_NAMESPACE])) names.add(`${prefix}:encoded`);
  for (const prefix of prefixesOf(declared, [...MEDIA_NAMESPACES, DC_NAMESPACE]))
    names.add(`${prefix}:description`);
  return [...names].sort().map((name) => `*.${name}`);
};

const parsers = new Map<string, XMLParser>();

/** A parser for these stop nodes; the few spellings feeds use are kept, never more than 32. */
const parserFor = (stopNodes: string[]): XMLParser => {
  const key = stopNodes.join(' ');
  let parser = parsers.get(key);
  if (!parser) {
    if (parsers.size >= 32) parsers.clear();
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      textNodeName: '#text',
      // Strings stay strings: a guid of "0012" is not the number 12.
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      // The five XML entities, character references and HTML's named ones; DOCTYPE entities never
      // reach the parser (withoutDoctype).
      processEntities: true,
      htmlEntities: true,
      stopNodes,
      isArray: (name) => ARRAYS.has(name.slice(name.indexOf(':') + 1)),
    });
    parsers.set(key, parser);
  }
  return parser;
};

const isObject = (value: unknown): value is XmlObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
};

/** An element's text: a string, or the `#text` of an element with attributes (the first of several). */
const textOf = (value: unknown): string | undefined => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const text = isObject(first) ? first['#text'] : first;
  if (typeof text === 'string') return text.trim() || undefined;
  if (typeof text === 'number') return String(text);
  return undefined;
};

const attribute = (value: unknown, name: string): string | undefined => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const attr = isObject(first) ? first[`@_${name}`] : undefined;
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

/** Atom 0.3's `mode="base64"` content, as UTF-8 text. */
const base64Text = (raw: string): string => {
  try {
    const binary = atob(raw.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
};

/** The text of one content element, as its `type` (Atom 1.0) or `mode` (Atom 0.3) says. */
const contentText = (value: unknown): string | undefined => {
  const raw = textOf(value);
  if (raw === undefined) return undefined;
  const type = attribute(value, 'type')?.toLowerCase();
  const mode = attribute(value, 'mode')?.toLowerCase();
  if (mode === 'base64') return base64Text(raw);
  // Atom's type="xhtml" content is markup itself, not text that holds escaped markup.
  if (type === 'xhtml' || (mode === 'xml' && type?.includes('html'))) return raw;
  return xmlText(raw);
};

// WordPress appends "The post <title> appeared first on <site>." to every item.
const WORDPRESS_FOOTER = /^The post .+ appeared first on .+\.?$/;

const blocksOf = (value: unknown): Block[] => {
  for (const element of asArray(value)) {
    const text = contentText(element);
    if (text === undefined) continue;
    const blocks = contentBlocks(text).filter((block) => !WORDPRESS_FOOTER.test(block.text));
    if (blocks.length > 0) return blocks;
  }
  return [];
};

const contentOf = (entry: XmlObject): Block[] => {
  for (const field of CONTENT_FIELDS) {
    const blocks = blocksOf(entry[field]);
    if (blocks.length > 0) return blocks;
  }
  for (const container of MEDIA_CONTAINERS) {
    for (const media of asArray(entry[container])) {
      if (!isObject(media)) continue;
      const blocks = blocksOf(media['media:description']);
      if (blocks.length > 0) return blocks;
    }
  }
  return [];
};

const titleOf = (value: unknown): string | null => {
  const text = textOf(value);
  return text === undefined ? null : cleanText(plainTitle(text)) || null;
};

const baseOf = (value: unknown): string | undefined => {
  const base = isObject(value) ? value['#base'] : undefined;
  return typeof base === 'string' ? base : undefined;
};

/** A link made absolute against its `xml:base` (or the feed's own link); as written when it cannot be. */
const absolute = (link: string, base: string | undefined): string => {
  if (base === undefined) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
};

/** Atom's `<link rel="alternate" href>`, or RSS's `<link>` text; relative ones resolved. */
const linkOf = (value: unknown, base: string | undefined): string | undefined => {
  const links = asArray(value);
  const alternate = links.find((link) => {
    const rel = attribute(link, 'rel');
    return attribute(link, 'href') && (rel === undefined || rel === 'alternate');
  });
  const href = attribute(alternate, 'href');
  if (href) return absolute(href, baseOf(alternate) ?? base);
  for (const link of links) {
    const text = textOf(link);
    if (text) return absolute(text, baseOf(link) ?? base);
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
  /** The feed's own (absolute) link: the base of relative links no `xml:base` covers. */
  home?: string;
  entries: XmlObject[];
}

const isAbsoluteUrl = (link: string | undefined): link is string => link !== undefined && URL.canParse(link);

const rssFeedOf = (root: XmlObject): Feed => {
  const channel = asArray(root['channel']).find(isObject);
  const source = titleOf(channel?.['title']) ?? undefined;
  const home = linkOf(channel?.['link'], baseOf(channel)) ?? linkOf(channel?.['atom:link'], baseOf(channel));
  // RSS 2.0 keeps items in the channel; RSS 0.90 and 1.0 (RDF) beside it, and loose feeds either.
  const entries = [...asArray(channel?.['item']), ...asArray(root['item'])].filter(isObject);
  return { format: 'rss', ...(source ? { source } : {}), ...(isAbsoluteUrl(home) ? { home } : {}), entries };
};

/** A root element as an object: an empty `<rss></rss>` parses as the empty string. */
const elementOf = (value: unknown): XmlObject | undefined =>
  isObject(value) ? value : value === '' ? {} : undefined;

const feedOf = (document: XmlObject): Feed | undefined => {
  const rss = elementOf(document['rss'] ?? document['rdf:RDF']);
  if (rss) return rssFeedOf(rss);
  const feed = elementOf(document['feed']);
  if (feed) {
    const source = titleOf(feed['title']) ?? undefined;
    const home = linkOf(feed['link'], baseOf(feed));
    return {
      format: 'atom',
      ...(source ? { source } : {}),
      ...(isAbsoluteUrl(home) ? { home } : {}),
      entries: asArray(feed['entry']).filter(isObject),
    };
  }
  return undefined;
};

const DATE_FIELDS = {
  rss: ['pubDate', 'dc:date', 'published', 'updated', 'atom:published', 'atom:updated', 'dcterms:modified'],
  atom: ['published', 'updated', 'issued', 'modified', 'created', 'dc:date'],
} as const;

const toArticle = (entry: XmlObject, feed: Feed, position: number): ParsedArticle => {
  const base = baseOf(entry) ?? feed.home;
  const url =
    feed.format === 'rss'
      ? (linkOf(entry['link'], base) ?? linkOf(entry['atom:link'], base))
      : linkOf(entry['link'], base);
  const id = textOf(entry['guid']) ?? textOf(entry['id']) ?? url ?? `#${position + 1}`;
  const date = DATE_FIELDS[feed.format].map((field) => textOf(entry[field])).find(Boolean);
  const author =
    feed.format === 'rss' ? (creatorOf(entry) ?? rssAuthor(entry['author'])) : authorsOf(entry['author']);
  const source = titleOf(entry['source']) ?? feed.source;
  return {
    format: feed.format,
    title: titleOf(entry['title']) ?? titleOf(entry['dc:title']),
    publishedAt: isoDateFrom(date),
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
    ...(source ? { source } : {}),
    entryId: id,
    blocks: contentOf(entry),
  };
};

/**
 * Entry ids made unique: a feed that repeats a guid (or lacks them) still gives each entry its own
 * id, so no entry overwrites another. The first keeps the id; later ones get `#2`, `#3`… by how
 * often the id was seen, so an id does not change when other entries are added or removed.
 */
const uniqueIds = (articles: ParsedArticle[]): ParsedArticle[] => {
  const taken = new Set(articles.map((article) => article.entryId));
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  return articles.map((article) => {
    const id = article.entryId ?? '';
    if (!seen.has(id)) {
      seen.add(id);
      return article;
    }
    let n = occurrences.get(id) ?? 1;
    let unique: string;
    do {
      n += 1;
      unique = `${id}#${n}`;
    } while (taken.has(unique));
    occurrences.set(id, n);
    taken.add(unique);
    seen.add(unique);
    return { ...article, entryId: unique };
  });
};

const malformed = (text: string): InvalidArticleError | undefined => {
  const result = XMLValidator.validate(text);
  if (result === true) return undefined;
  const { line, col, msg } = result.err;
  return new InvalidArticleError('malformed', `malformed XML at line ${line}, column ${col}: ${msg}`);
};

/** The document's root element as parsed: its name and node. */
const rootOf = (document: XmlObject): [string, unknown] | undefined =>
  Object.entries(document).find(([name]) => !name.startsWith('?') && !name.startsWith('#'));

/**
 * Parses an RSS or Atom feed into one article per item or entry: `entryId` from the guid or id
 * (else the link, else `#position`; made unique when repeated), the body from `content:encoded`,
 * `content`, `description`, `summary`, Media RSS's `media:description` (also inside
 * `media:group`) or `dc:description`, HTML through the HTML walk without whole-page heuristics, the date from
 * `pubDate`/`dc:date`/`published`/`updated`, links made absolute against `xml:base`. Every entry
 * is returned, also one with no body text (`blocks` empty): analysis decides which are articles.
 * A DOCTYPE is ignored, never expanded.
 *
 * @throws InvalidArticleError `malformed` for XML that does not parse or is not a feed, a feed
 * whose XML is broken and no entry has a body, or a DOCTYPE inside the document; `no-body` for a
 * feed with no items.
 */
export const parseFeedDocument = (input: string): ParsedArticle[] => {
  const text = withoutDoctype(input);
  let document: unknown;
  try {
    document = parserFor(stopNodesOf(text)).parse(text);
  } catch (error) {
    throw (
      malformed(text) ?? new InvalidArticleError('malformed', `malformed XML: ${(error as Error).message}`)
    );
  }
  const root = isObject(document) ? rootOf(document) : undefined;
  const resolved =
    isObject(document) && root
      ? resolveNamespaces(document, isAtomRoot(root[0], root[1]) ? 'atom' : 'rss')
      : undefined;
  const feed = resolved ? feedOf(resolved) : undefined;
  if (!feed) {
    throw (
      malformed(text) ??
      new InvalidArticleError(
        'malformed',
        `XML is not an RSS or Atom feed (its root element is <${rootName(text) ?? '?'}>)`,
      )
    );
  }
  if (feed.entries.length === 0) {
    throw malformed(text) ?? new InvalidArticleError('no-body', 'feed has no items');
  }
  const articles = uniqueIds(feed.entries.map((entry, position) => toArticle(entry, feed, position)));
  // The parser is lenient: broken XML that still yields a body is read; without one, say where it broke.
  if (!articles.some((article) => article.blocks.length > 0)) {
    const broken = malformed(text);
    if (broken) throw broken;
  }
  return articles;
};
