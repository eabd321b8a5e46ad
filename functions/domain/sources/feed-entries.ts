import { createHash } from 'node:crypto';
import type { ParsedArticle } from '../documents/document';

/**
 * A polled feed's entries as objects for the ingest path: each new entry is written once, as a
 * JSON article under `<articles prefix>feeds/<source id>/<entry hash>.json`, which ingest reads
 * like any uploaded JSON article. An entry is known by its guid (or Atom id), else its link, else
 * its content: the parser's positional ids (`#3`) move when a feed adds an item, so they never
 * name an entry here.
 */

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** What identifies the entry across polls (see above). */
export function entryIdentity(article: ParsedArticle): string {
  const id = article.entryId;
  if (id !== undefined && id !== '' && !id.startsWith('#')) return `id:${id}`;
  if (article.url) return `link:${article.url}`;
  const text = [article.title ?? '', article.publishedAt ?? '', ...article.blocks.map((block) => block.text)];
  return `content:${sha(text.join('\n'))}`;
}

/** 32 hex characters of the identity's hash: the entry's key in the table and in the bucket. */
export const entryHash = (identity: string) => sha(identity).slice(0, 32);

export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The object key an entry is written under. */
export const entryObjectKey = (articlesPrefix: string, sourceId: string, hash: string) =>
  `${articlesPrefix}feeds/${sourceId}/${hash}.json`;

/**
 * The entry as a JSON article: the fields json-format reads (title, body, url, date, author,
 * source), blocks as paragraphs separated by blank lines, the feed's own title as the source
 * unless the entry names one, and the guid kept for reference.
 */
export function entryDocument(article: ParsedArticle, feed: { sourceName: string; feedUrl: string }): string {
  return JSON.stringify({
    ...(article.title ? { title: article.title } : {}),
    body: article.blocks.map((block) => block.text).join('\n\n'),
    ...(article.url ? { url: article.url } : {}),
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    ...(article.author ? { author: article.author } : {}),
    source: article.source ?? feed.sourceName,
    ...(article.entryId && !article.entryId.startsWith('#') ? { guid: article.entryId } : {}),
    feed: feed.feedUrl,
  });
}

/** A source id from its name or URL host: lower case, dashes, at most 40 characters, plus a short hash. */
export function sourceIdFor(url: string, name?: string): string {
  let base = name ?? '';
  if (base === '') {
    try {
      base = new URL(url).hostname.replace(/^www\./, '');
    } catch {
      base = 'feed';
    }
  }
  const slug =
    base
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'feed';
  return `${slug}-${sha(url).slice(0, 6)}`;
}
