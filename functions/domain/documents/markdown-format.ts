import { Lexer, type Token, type Tokens } from 'marked';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Block, ParsedArticle } from './document';
import { isoDateFrom } from './document-dates';
import { authorName, cleanText, decodeEntities, hasWords, proseKind } from './document-text';
import { InvalidArticleError } from './errors';
import { htmlFragmentBlocks } from './html/html-blocks';

/**
 * Markdown, as static-site generators and note tools write articles: optional YAML front matter
 * (`title`, `date`, `author`, `source`, `url`), then CommonMark/GFM read with marked's lexer.
 */

/** `---` on the first line, YAML, then `---` (or YAML's own `...`) on a line of its own. */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

// Front matter opens with a field ("title: …") or a comment; a document that merely starts with a
// thematic break and has another one further down does not.
const FIELD_LINE = /^\s*(?:#|[^\s:#][^:\n]*:(?:\s|$))/;

/** The YAML of a document's front matter, or undefined when it has none. */
export const frontMatterOf = (text: string): { yaml: string; length: number } | undefined => {
  const match = FRONT_MATTER.exec(text);
  if (!match) return undefined;
  const yaml = match[1] ?? '';
  const firstLine = yaml.split('\n').find((line) => line.trim().length > 0);
  return firstLine === undefined || FIELD_LINE.test(firstLine)
    ? { yaml, length: match[0].length }
    : undefined;
};

type Fields = Record<string, unknown>;

const frontMatterError = (error: YAMLParseError) => {
  const [start] = error.linePos ?? [];
  const reason = error.message.split(/ at line \d+/)[0] ?? error.message;
  // +1: the YAML starts on the line after the opening `---`.
  const where = start ? ` at line ${start.line + 1}, column ${start.col}` : '';
  return new InvalidArticleError('malformed', `malformed YAML front matter${where}: ${reason}`);
};

const readFrontMatter = (yaml: string): Fields => {
  let value: unknown;
  try {
    value = parseYaml(yaml);
  } catch (error) {
    if (error instanceof YAMLParseError) throw frontMatterError(error);
    throw error;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    throw new InvalidArticleError(
      'malformed',
      'malformed YAML front matter: expected "key: value" fields such as "title:" and "date:"',
    );
  }
  return value as Fields;
};

const pick = (fields: Fields, names: readonly string[]): unknown =>
  names.map((name) => fields[name]).find((value) => value !== undefined && value !== null);

const stringField = (fields: Fields, names: readonly string[]): string | undefined => {
  const value = pick(fields, names);
  if (typeof value === 'string' || typeof value === 'number') return cleanText(String(value)) || undefined;
  if (typeof value === 'object' && value !== null && 'name' in value) return authorName(value);
  return undefined;
};

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The text of inline tokens: emphasis and links kept as their words, images and HTML tags not. */
const inlineText = (tokens: readonly Token[] | undefined): string => {
  let text = '';
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'image':
      case 'html':
        break;
      case 'br':
        text += ' ';
        break;
      case 'escape':
      case 'codespan':
        text += token.text;
        break;
      case 'text':
        text += token.tokens ? inlineText(token.tokens) : decodeEntities(token.text);
        break;
      default:
        text += 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeEntities(token.raw);
    }
  }
  return text;
};

interface Reader {
  blocks: Block[];
  title: string | null;
  /** Whether the title came from front matter, so that no `# H1` replaces it. */
  titleFixed: boolean;
  /** The previous paragraph was an image: an emphasised line after it is its caption. */
  afterImage: boolean;
}

const push = (reader: Reader, kind: Block['kind'], raw: string) => {
  const text = cleanText(raw);
  if (hasWords(text)) reader.blocks.push({ kind, text });
};

const isEmphasisOnly = (tokens: readonly Token[]) => {
  const meaningful = tokens.filter((token) => !(token.type === 'text' && token.raw.trim() === ''));
  return meaningful.length === 1 && (meaningful[0]?.type === 'em' || meaningful[0]?.type === 'strong');
};

/**
 * A paragraph that opens with an image is a figure: the text after the image is its caption, else
 * the image's alt text or title. An image inside running text is dropped.
 */
const readParagraph = (reader: Reader, paragraph: Tokens.Paragraph, quoted: boolean) => {
  const tokens = paragraph.tokens;
  const first = tokens.find((token) => !(token.type === 'text' && token.raw.trim() === ''));
  if (first?.type === 'image') {
    const image = first as Tokens.Image;
    const caption = cleanText(inlineText(tokens));
    push(reader, 'caption', caption || image.text || image.title || '');
    reader.afterImage = true;
    return;
  }
  const text = inlineText(tokens);
  if (reader.afterImage && isEmphasisOnly(tokens)) push(reader, 'caption', text);
  else push(reader, quoted ? 'quote' : proseKind(cleanText(text)), text);
  reader.afterImage = false;
};

const readTokens = (reader: Reader, tokens: readonly Token[], quoted: boolean): void => {
  for (const token of tokens) {
    if (token.type !== 'space' && token.type !== 'paragraph') reader.afterImage = false;
    switch (token.type) {
      case 'heading': {
        const text = cleanText(inlineText(token.tokens));
        const first =
          !reader.titleFixed && reader.title === null && !reader.blocks.some((b) => b.kind !== 'byline');
        if (token.depth === 1 && first) reader.title = text || null;
        else if (!(reader.title && comparable(reader.title) === comparable(text)))
          push(reader, 'heading', text);
        break;
      }
      case 'paragraph':
        readParagraph(reader, token as Tokens.Paragraph, quoted);
        break;
      case 'text':
        push(reader, quoted ? 'quote' : 'paragraph', inlineText(token.tokens ?? [token]));
        break;
      case 'blockquote':
        readTokens(reader, token.tokens ?? [], true);
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) readTokens(reader, item.tokens, quoted);
        break;
      case 'table':
        for (const row of (token as Tokens.Table).rows) {
          push(reader, quoted ? 'quote' : 'paragraph', row.map((cell) => inlineText(cell.tokens)).join(' '));
        }
        break;
      case 'html':
        for (const block of htmlFragmentBlocks(token.text)) {
          reader.blocks.push(quoted && block.kind === 'paragraph' ? { ...block, kind: 'quote' } : block);
        }
        break;
      default:
        // Code, rules, link definitions and blank lines are not prose.
        break;
    }
  }
};

/**
 * Parses a Markdown article: front matter fields, the first `# H1` as the title when front
 * matter has none, `##`–`######` headings, `>` quotes, image alt text and caption lines as
 * captions, list items and table rows as paragraphs. Code blocks are dropped.
 *
 * @throws InvalidArticleError (`malformed`) for front matter that is not YAML key-value fields.
 */
export const parseMarkdownDocument = (text: string): ParsedArticle => {
  const frontMatter = frontMatterOf(text);
  const fields = frontMatter ? readFrontMatter(frontMatter.yaml) : {};
  const body = frontMatter ? text.slice(frontMatter.length) : text;

  const title = stringField(fields, ['title', 'headline']) ?? null;
  const reader: Reader = { blocks: [], title, titleFixed: title !== null, afterImage: false };
  readTokens(reader, Lexer.lex(body, { gfm: true }), false);

  const author = authorName(pick(fields, ['author', 'authors', 'byline']));
  const source = stringField(fields, ['source', 'publisher', 'site']);
  const url = stringField(fields, ['url', 'link', 'canonical_url', 'canonicalUrl']);
  return {
    format: 'markdown',
    title: reader.title,
    publishedAt: isoDateFrom(pick(fields, ['date', 'published', 'publishedAt', 'published_at', 'pubDate'])),
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
    ...(source ? { source } : {}),
    blocks: reader.blocks,
  };
};
