import { contentBlocks, plainTitle } from './content-blocks';
import type { Block, BlockKind, ParsedArticle } from './document';
import { isoDateFrom } from './document-dates';
import { authorFromByline, authorName, cleanText, hasWords } from './document-text';
import { InvalidArticleError } from './errors';

/**
 * Articles as JSON, in the shapes news APIs, CMS exports and scrapers give them: one article
 * object, an array of them, `{articles: [...]}` (NewsAPI), `{items: [...]}` (JSON Feed), or JSON-LD.
 */

type JsonObject = Record<string, unknown>;

const TITLE_FIELDS = ['title', 'headline', 'name'] as const;
const BODY_FIELDS = [
  'body',
  'content',
  'text',
  'articleBody',
  'content_html',
  'content_text',
  'description',
  'summary',
] as const;
const DATE_FIELDS = [
  'date',
  'publishedAt',
  'published_at',
  'datePublished',
  'date_published',
  'pubDate',
  'published',
] as const;
const URL_FIELDS = ['url', 'link'] as const;
const AUTHOR_FIELDS = ['author', 'authors', 'byline', 'creator'] as const;
const ID_FIELDS = ['id', 'guid', '@id'] as const;
const LIST_FIELDS = ['articles', 'items'] as const;
const ARTICLE_TYPE = /^(?:\w*NewsArticle|Article|BlogPosting|Report|LiveBlogPosting)$/;
// Where a CMS nests a field's text: WordPress's REST API gives {title: {rendered: "…"}}.
const NESTED_TEXT = ['rendered', 'html', 'text', 'value', '#text'] as const;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const first = (object: JsonObject, fields: readonly string[]): unknown =>
  fields.map((field) => object[field]).find((value) => value !== undefined && value !== null && value !== '');

/** A string field, or the text a CMS nests inside it. */
const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value)) {
    const nested = first(value, NESTED_TEXT);
    return typeof nested === 'string' ? nested : undefined;
  }
  return undefined;
};

const BLOCK_KINDS: Readonly<Record<string, BlockKind>> = {
  heading: 'heading',
  subheading: 'heading',
  subhead: 'heading',
  h2: 'heading',
  h3: 'heading',
  quote: 'quote',
  blockquote: 'quote',
  pullquote: 'quote',
  caption: 'caption',
  byline: 'byline',
  dateline: 'dateline',
};

/** A body given as an array: strings, or `{type, text}` objects as block editors save them. */
const blocksOfArray = (items: readonly unknown[]): Block[] =>
  items.flatMap((item): Block[] => {
    if (isObject(item)) {
      const text = textOf(first(item, ['text', 'content', 'html', 'value', 'body']));
      if (text === undefined) return [];
      const kind = BLOCK_KINDS[String(item['type'] ?? item['kind'] ?? '').toLowerCase()];
      const clean = cleanText(plainTitle(text));
      return kind ? (hasWords(clean) ? [{ kind, text: clean }] : []) : contentBlocks(text);
    }
    const text = textOf(item);
    return text === undefined ? [] : contentBlocks(text);
  });

const bodyBlocks = (article: JsonObject): Block[] => {
  for (const field of BODY_FIELDS) {
    const value = article[field];
    const blocks = Array.isArray(value)
      ? blocksOfArray(value)
      : (() => {
          const text = textOf(value);
          return text === undefined ? [] : contentBlocks(text);
        })();
    if (blocks.length > 0) return blocks;
  }
  return [];
};

const sourceOf = (value: unknown): string | undefined => {
  const text = textOf(value) ?? (isObject(value) ? textOf(value['name']) : undefined);
  return text === undefined ? undefined : cleanText(plainTitle(text)) || undefined;
};

const authorOf = (article: JsonObject): string | undefined => {
  const name = authorName(first(article, AUTHOR_FIELDS));
  return name && /^by\s/i.test(name) ? authorFromByline(name) : name;
};

const toArticle = (article: JsonObject, defaults: { source?: string; entryId?: string }): ParsedArticle => {
  const title = textOf(first(article, TITLE_FIELDS));
  const url = textOf(first(article, URL_FIELDS));
  const author = authorOf(article);
  const source = sourceOf(article['source']) ?? sourceOf(article['publisher']) ?? defaults.source;
  return {
    format: 'json',
    title: title === undefined ? null : cleanText(plainTitle(title)) || null,
    publishedAt: isoDateFrom(first(article, DATE_FIELDS)),
    ...(author ? { author } : {}),
    ...(url ? { url: url.trim() } : {}),
    ...(source ? { source } : {}),
    ...(defaults.entryId === undefined ? {} : { entryId: defaults.entryId }),
    blocks: bodyBlocks(article),
  };
};

/** A title of its own: `title` or `headline` (a `name` alone may name anything). */
const hasHeadline = (article: JsonObject | undefined) =>
  article !== undefined &&
  (textOf(article['title']) !== undefined || textOf(article['headline']) !== undefined);

const isArticleNode = (node: JsonObject) => {
  const type = node['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
};

/** The article objects of a document and whether it is a list of them. */
const articlesOf = (value: unknown): { articles: JsonObject[]; list: boolean; source?: string } => {
  if (Array.isArray(value)) return { articles: value.filter(isObject), list: true };
  if (!isObject(value)) return { articles: [], list: false };
  const graph = value['@graph'];
  if (Array.isArray(graph)) {
    return { articles: graph.filter(isObject).filter(isArticleNode), list: false };
  }
  const listField = LIST_FIELDS.find((field) => Array.isArray(value[field]));
  if (listField) {
    const source = sourceOf(value['source']) ?? sourceOf(value['title']);
    return {
      articles: (value[listField] as unknown[]).filter(isObject),
      list: true,
      ...(source ? { source } : {}),
    };
  }
  return { articles: [value], list: false };
};

class SyntaxErrorAt {
  constructor(readonly position: number) {}
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[\da-fA-F]{4})/y;

/**
 * Where JSON.parse gave up, as a character offset: V8 names the position for some errors only
 * ("Unexpected token '}', "{"a":}" is not valid JSON" has none), so the text is scanned again.
 * Only runs on input that has already failed to parse.
 */
const syntaxErrorPosition = (text: string): number => {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxErrorAt(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i += 1;
  };
  const string = () => {
    i += 1;
    for (;;) {
      const c = text.charAt(i);
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail();
        i = ESCAPE.lastIndex;
      } else if (c === '' || c < ' ') {
        fail();
      } else {
        i += 1;
      }
    }
  };
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i += 1;
      space();
      if (text.charAt(i) === close) {
        i += 1;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text.charAt(i) !== '"') fail();
          string();
          space();
          if (text.charAt(i) !== ':') fail();
          i += 1;
        }
        value();
        space();
        if (text.charAt(i) === ',') i += 1;
        else if (text.charAt(i) === close) {
          i += 1;
          return;
        } else fail();
      }
    }
    LITERAL.lastIndex = i;
    if (!LITERAL.test(text)) fail();
    i = LITERAL.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
  } catch (error) {
    if (error instanceof SyntaxErrorAt) return error.position;
    if (error instanceof RangeError) return -1; // Nested too deep to scan: position unknown.
    throw error;
  }
  return -1;
};

const lineAndColumn = (text: string, position: number) => {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
};

/** "Unexpected token '}', "{"a":}" is not valid JSON" → "unexpected token '}'". */
const reasonOf = (error: SyntaxError) => {
  const reason = error.message
    .replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s+in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
};

/** JSON.parse, with a syntax error turned into a `malformed` rejection that says where. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const scanned = syntaxErrorPosition(text);
    const position =
      scanned >= 0 ? scanned : Number(/position (\d+)/.exec(error.message)?.[1] ?? text.length);
    const { line, column } = lineAndColumn(text, position);
    throw new InvalidArticleError(
      'malformed',
      `malformed JSON at position ${position} (line ${line}, column ${column}): ${reasonOf(error)}`,
    );
  }
};

/**
 * Parses JSON articles: `title|headline|name`, a body from `body|content|text|articleBody|…`
 * (plain text, HTML, or an array of paragraphs), `date|publishedAt|datePublished|pubDate|…`,
 * `url|link`, `source` (a string or `{name}`) and `author` (a string, `{name}` or an array).
 * Articles with neither body text nor a `title`/`headline` are left out (a headline alone is an
 * article, as a feed entry with only a title is; a bare `name` is not); `value` is the already
 * parsed JSON, if any.
 *
 * @throws InvalidArticleError `malformed` when the text is not JSON, `no-body` when no article in
 * it has a body.
 */
export const parseJsonDocument = (text: string, value: unknown = parseJson(text)): ParsedArticle[] => {
  const { articles, list, source } = articlesOf(value);
  const parsed = articles
    .map((article, i) =>
      toArticle(article, {
        ...(source ? { source } : {}),
        ...(list
          ? { entryId: textOf(first(article, ID_FIELDS)) ?? textOf(article['url']) ?? `#${i + 1}` }
          : {}),
      }),
    )
    .filter(
      (article, i) => article.blocks.length > 0 || (article.title !== null && hasHeadline(articles[i])),
    );
  if (parsed.length === 0) {
    const what = articles.length === 0 ? 'no article objects' : 'no article with body text';
    throw new InvalidArticleError(
      'no-body',
      `JSON has ${what} (expected an object with a body, content, text, articleBody or description)`,
    );
  }
  return parsed;
};
