import type { DocumentFormat } from './document';
import { countHtmlTags } from './document-text';
import { frontMatterOf } from './markdown-format';
import { rootStart } from './xml-prolog';

/**
 * Which format a document is in, from its content first: uploads arrive with whatever extension
 * the sender's tool gave them (".txt" pages saved from a browser, ".html" files of plain text).
 * The extension only decides between formats the content is equally compatible with.
 */

export interface Sniffed {
  format: DocumentFormat;
  /** The parsed value when the content was recognised as JSON by parsing it. */
  json?: unknown;
}

type Hint = DocumentFormat | 'feed';

const EXTENSIONS: Readonly<Record<string, Hint>> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  json: 'json',
  jsonld: 'json',
  xml: 'feed',
  rss: 'feed',
  atom: 'feed',
  rdf: 'feed',
  txt: 'plain-text',
  text: 'plain-text',
};

const extensionOf = (fileName: string | undefined): Hint | undefined => {
  const match = fileName ? /\.([a-z0-9]+)$/i.exec(fileName.trim()) : null;
  return match ? EXTENSIONS[(match[1] ?? '').toLowerCase()] : undefined;
};

// The prologue before an XML or HTML root element: declaration, comments, doctype.
const PROLOGUE = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>)*/i;
const ROOT_NAME = /^<([A-Za-z_][\w:.-]*)/;
const HTML_DOCTYPE = /<!doctype\s+html/i;
const DATE_HEADER = /^date[ \t]+\d{4}-\d{1,2}-\d{1,2}(?=\s|$)/i;
// What broken JSON still looks like: an object's first key, an array of objects or strings.
const JSON_LIKE = /^(?:\{\s*(?:"|\})|\[\s*(?:\{|"|\[|\]))/;
// How much of a long document the pattern counts look at: the start says enough.
const SNIFF_CHARS = 16_384;
const MIN_TAGS = 3;
const MAX_CHARS_PER_TAG = 400;

/** [pattern, weight]: Markdown syntax that plain prose does not write by accident weighs 2. */
const MARKDOWN_SIGNS: readonly (readonly [RegExp, number])[] = [
  [/^#{1,6}[ \t]+\S/m, 2], // ATX heading
  [/!?\[[^\]\n]+\]\([^)\s]+(?:\s+"[^"\n]*")?\)/, 2], // [link](url), ![image](src)
  [/^(?:```|~~~)/m, 2], // fenced code
  [/^\[[^\]\n]+\]:[ \t]+\S/m, 2], // [reference]: url
  [/^[^\n]+\n=+[ \t]*$/m, 2], // Setext heading
  [/\*\*[^*\n]+\*\*|__[^_\n]+__/, 1], // strong emphasis
  [/^[ \t]*(?:[-*+]|\d+\.)[ \t]+\S[^\n]*\n[ \t]*(?:[-*+]|\d+\.)[ \t]+\S/m, 1], // a list
  [/^>[ \t]?\S/m, 1], // a quotation
];
const MARKDOWN_SCORE = 2;

const markdownScore = (text: string) =>
  MARKDOWN_SIGNS.reduce((score, [pattern, weight]) => score + (pattern.test(text) ? weight : 0), 0);

/** Whether prose has HTML markup all through it, not an odd `<br>` in Markdown. */
const isTagDense = (text: string) => {
  const tags = countHtmlTags(text);
  return tags >= MIN_TAGS && text.length / tags <= MAX_CHARS_PER_TAG;
};

const parsesAsJson = (text: string): { json: unknown } | undefined => {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

/** The format of the markup a document starts with, when that alone is conclusive. */
const fromRoot = (start: string, hint: Hint | undefined): DocumentFormat | undefined => {
  // The XML prolog as XML reads it (a DOCTYPE's internal subset included), else as HTML does.
  const xmlRoot = rootStart(start);
  const prologue = xmlRoot >= 0 ? start.slice(0, xmlRoot) : (PROLOGUE.exec(start)?.[0] ?? '');
  const root = ROOT_NAME.exec(start.slice(prologue.length))?.[1]?.toLowerCase();
  // Feeds by the root's local name: Atom and RDF come with whatever prefix the feed binds.
  const local = root?.slice(root.indexOf(':') + 1);
  if (local === 'rss' || local === 'rdf') return 'rss';
  if (local === 'feed') return 'atom';
  if (root === 'html' || HTML_DOCTYPE.test(prologue)) return 'html';
  // Some other XML: only a feed's extension makes it a (broken) feed; else read it as markup.
  if (start.startsWith('<?xml')) return hint === 'feed' ? 'rss' : 'html';
  return undefined;
};

/**
 * The format of a document, by content first and file extension only to break ties, with the
 * parsed JSON when it was parsed to tell:
 *
 * - `<?xml`, `<rss`, `<rdf:RDF`, `<feed` (any prefix, after any DOCTYPE) → `rss`/`atom`; `<!doctype html`, `<html` → `html`;
 * - `{` or `[` that parses → `json` (and JSON-looking text that does not, so that its syntax
 *   error is reported);
 * - YAML front matter → `markdown`; a `date YYYY-MM-DD` header → `plain-text`;
 * - markup all through the text → `html`; Markdown headings, links, fences… → `markdown`;
 * - anything else → the extension's format if the content fits it, else `plain-text`.
 */
export const sniffDocument = (text: string, fileName?: string): Sniffed => {
  const hint = extensionOf(fileName);
  const start = text.replace(/^\ufeff/, '').trimStart();
  const sample = start.length > SNIFF_CHARS ? start.slice(0, SNIFF_CHARS) : start;

  // Conclusive content.
  if (start.startsWith('<')) {
    // The whole text: a DOCTYPE's internal subset may be longer than the sample.
    const format = fromRoot(start, hint);
    if (format) return { format };
  }
  const first = start.charAt(0);
  const jsonLike = (first === '{' || first === '[') && (JSON_LIKE.test(sample) || hint === 'json');
  if (first === '{' || first === '[') {
    const parsed = parsesAsJson(start);
    if (parsed) return { format: 'json', json: parsed.json };
  }
  if (start.startsWith('---') && frontMatterOf(start)) return { format: 'markdown' };
  if (DATE_HEADER.test(start)) return { format: 'plain-text' };

  // Suggestive content: the extension may choose among these.
  const candidates: DocumentFormat[] = [];
  if (jsonLike) candidates.push('json');
  const html = (first === '<' && countHtmlTags(sample, 1) > 0) || isTagDense(sample);
  const markdown = markdownScore(sample) >= MARKDOWN_SCORE;
  if (html && (first === '<' || !markdown)) candidates.push('html');
  if (markdown) candidates.push('markdown');
  if (html && !candidates.includes('html')) candidates.push('html');

  if (hint === 'feed' && first === '<') return { format: 'rss' };
  if (hint && hint !== 'feed' && candidates.includes(hint)) return { format: hint };
  if (candidates[0]) return { format: candidates[0] };
  // Nothing in the content: the extension, if the content can be in that format at all.
  if (hint === 'markdown') return { format: 'markdown' };
  if (hint === 'html' && countHtmlTags(sample, 1) > 0) return { format: 'html' };
  return { format: 'plain-text' };
};
