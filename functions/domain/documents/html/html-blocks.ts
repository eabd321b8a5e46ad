import type { Block, BlockKind } from '../document';
import { cleanText, hasWords, proseKind } from '../document-text';
import { webLineVerdict } from './html-lines';
import {
  isElement,
  parseHtmlFragment,
  pushChildNodes,
  TEXT_NODE,
  type DomElement,
  type DomNode,
} from './html-dom';
import { removeJunk } from './html-junk';

/**
 * HTML markup to blocks: the walk over an article's DOM that both whole pages (after Readability
 * has picked the article out) and fragments (feed items, JSON fields) go through, and the clean-up
 * of what is never article text.
 */

/** Set on an element whose block kind its class says (a byline, a caption) before the walk. */
export const KIND_ATTRIBUTE = 'data-newswatch-kind';

// Elements whose text is never article prose.
const SKIPPED: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'BUTTON',
  'INPUT',
  'SELECT',
  'OPTION',
  'TEXTAREA',
  'FORM',
  'NAV',
  'FOOTER',
  'ASIDE',
  'MENU',
  'DIALOG',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'SOURCE',
]);
const HEADINGS: ReadonlySet<string> = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
// Elements that end the paragraph before them and start a new one.
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'HGROUP',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'CAPTION',
  'FIGURE',
  'PRE',
  'ADDRESS',
  'HR',
  'CENTER',
  'DETAILS',
  'SUMMARY',
]);
// Table cells run together within their row, but not glued word to word.
const CELLS: ReadonlySet<string> = new Set(['TD', 'TH']);
const KINDS: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'quote',
  'caption',
  'byline',
  'dateline',
]);
const PARAGRAPH_BREAK = /\n\s*\n/;
const SPACES = /\s+/g;

interface Walk {
  blocks: Block[];
  inline: string[];
  /** 'quote' inside a <blockquote>: its prose is quoted, whatever it says. */
  quoted: boolean;
  /** A gallery or listicle page, whose captions hold most of its text: captions are its prose. */
  captionsAreText: boolean;
}

const textOf = (node: DomNode) => cleanText(node.textContent ?? '');

const pushKind = (walk: Walk, kind: BlockKind, text: string) => {
  if (hasWords(text)) walk.blocks.push({ kind, text });
};

/** Ends the current paragraph; two <br> in a row inside it end one too. */
const flush = (walk: Walk) => {
  if (walk.inline.length === 0) return;
  const text = walk.inline.join('');
  walk.inline.length = 0;
  for (const part of text.split(PARAGRAPH_BREAK)) {
    const clean = cleanText(part);
    if (!hasWords(clean)) continue;
    let kind: BlockKind | 'drop' = walk.quoted ? 'quote' : proseKind(clean);
    if (kind === 'paragraph') kind = webLineVerdict(clean) ?? kind;
    if (kind !== 'drop') walk.blocks.push({ kind, text: clean });
  }
};

// A heading this long, or a sentence this long ending in a full stop, is a standfirst or a pull
// quote set in heading type: prose.
const MAX_HEADING_WORDS = 30;
const MIN_SENTENCE_HEADING_WORDS = 8;
const isProseHeading = (text: string) => {
  const words = text.split(' ').length;
  return words > MAX_HEADING_WORDS || (words >= MIN_SENTENCE_HEADING_WORDS && /[.!]["'”’]?$/.test(text));
};

/** A heading element that wraps paragraphs (an unclosed `<h2>` swallows the story after it). */
const wrapsBlocks = (element: DomElement) =>
  element.querySelector('p, div, ul, ol, table, blockquote, section, article') !== null;

/** A paragraph that is nothing but a <time>: when, not what. */
const isTimeOnly = (element: DomElement) => {
  const only = element.firstElementChild;
  if (only === null || only.nextElementSibling !== null || only.tagName !== 'TIME') return false;
  return textOf(only) === textOf(element);
};

/** What is left to do on the way back up from an element's children. */
type Exit = { exit: 'block' } | { exit: 'quote'; outer: boolean } | { exit: 'cell' };
type Step = DomNode | Exit;

const pushChildren = (stack: Step[], node: DomNode) => pushChildNodes(stack, node);

const leave = (walk: Walk, step: Exit) => {
  if (step.exit === 'cell') {
    walk.inline.push(' ');
    return;
  }
  flush(walk);
  if (step.exit === 'quote') walk.quoted = step.outer;
};

const visit = (node: DomNode, walk: Walk, stack: Step[]): void => {
  if (node.nodeType === TEXT_NODE) {
    walk.inline.push((node.textContent ?? '').replace(SPACES, ' '));
    return;
  }
  if (!isElement(node)) return;
  const tag = node.tagName.toUpperCase();
  if (SKIPPED.has(tag)) return;
  if (tag === 'BR') {
    walk.inline.push('\n');
    return;
  }
  const marked = node.getAttribute(KIND_ATTRIBUTE);
  if (marked && KINDS.has(marked) && !(marked === 'caption' && walk.captionsAreText)) {
    flush(walk);
    pushKind(walk, marked as BlockKind, textOf(node));
  } else if (HEADINGS.has(tag) && !wrapsBlocks(node)) {
    flush(walk);
    const text = textOf(node);
    pushKind(walk, isProseHeading(text) ? 'paragraph' : 'heading', text);
  } else if (tag === 'FIGCAPTION' && !walk.captionsAreText) {
    flush(walk);
    pushKind(walk, 'caption', textOf(node));
  } else if (tag === 'BLOCKQUOTE') {
    flush(walk);
    stack.push({ exit: 'quote', outer: walk.quoted });
    walk.quoted = true;
    pushChildren(stack, node);
  } else if (BLOCK_ELEMENTS.has(tag) || HEADINGS.has(tag) || tag === 'FIGCAPTION') {
    flush(walk);
    if (isTimeOnly(node)) {
      pushKind(walk, 'dateline', textOf(node));
    } else {
      stack.push({ exit: 'block' });
      pushChildren(stack, node);
    }
  } else if (CELLS.has(tag)) {
    walk.inline.push(' ');
    stack.push({ exit: 'cell' });
    pushChildren(stack, node);
  } else {
    pushChildren(stack, node);
  }
};

/**
 * The blocks of an element's content in document order: `<h1>`–`<h6>` headings, `<blockquote>`
 * quotes, `<figcaption>` captions, elements marked with {@link KIND_ATTRIBUTE}, and paragraphs for
 * every other run of text between block-level elements (a list item, a table row, a `<p>`, text
 * between two `<br><br>`), each a byline or dateline instead when its text reads as one.
 */
export const blocksFromElement = (root: DomElement): Block[] => {
  const walk: Walk = { blocks: [], inline: [], quoted: false, captionsAreText: captionsAreTheText(root) };
  // An explicit stack, not recursion: malformed pages can nest thousands of elements deep.
  const stack: Step[] = [];
  pushChildren(stack, root);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if ('exit' in step) leave(walk, step);
    else visit(step, walk, stack);
  }
  flush(walk);
  return walk.blocks;
};

// "caption", "wp-caption-text", "caption-truncated", "photo-credit", "article__image-credit".
const CAPTION_CLASS = /caption|(?:^|[-_])(?:image|photo|media|img)?[-_]?credits?(?:$|[-_])/i;
const BYLINE_CLASS =
  /^(?:byline|byline[-_]\w+|\w+[-_]byline|author[-_]?name|article[-_]author|post[-_]author|entry[-_]author|author[-_]?(?:wrap|wrapper|link|links))$/i;
const DATELINE_CLASS =
  /^(?:dateline|timestamp|\w+[-_]timestamp|publish(?:ed)?[-_]?(?:date|time|on|at)?|pub[-_]?date|(?:article|story|post|entry|news|content)[-_]+(?:date|time|timestamp|meta|info|published|updated)|(?:date|time)[-_]?(?:published|updated|posted)|posted[-_]?on|updated|last[-_]updated)$/i;
const MAX_MARKED_CHARS = 1_000;
// Captions that hold more than this share of the text are the page's text: a gallery, a listicle.
const CAPTION_TEXT_SHARE = 0.5;

/** Whether the captions of `root` (figcaptions, elements marked so) are most of its text. */
const captionsAreTheText = (root: DomElement): boolean => {
  const captions = root.querySelectorAll(`figcaption, [${KIND_ATTRIBUTE}="caption"]`);
  let chars = 0;
  for (let i = 0; i < captions.length; i += 1) {
    const caption = captions[i];
    // Nested captions are counted once, with their outermost.
    if (caption && !caption.parentElement?.closest(`figcaption, [${KIND_ATTRIBUTE}="caption"]`)) {
      chars += textOf(caption).length;
    }
  }
  return chars > 0 && chars > CAPTION_TEXT_SHARE * textOf(root).length;
};
// Inline author links are part of their byline paragraph: the paragraph is marked instead.
const INLINE = /^(?:A|SPAN|STRONG|B|EM|I|CITE|ADDRESS)$/;
const INLINE_PARENT = 'p, div, li, header';
const MAX_BYLINE_CHARS = 120;

const hasClassToken = (element: DomElement, pattern: RegExp) =>
  element.className.split(/\s+/).some((token) => token.length > 0 && pattern.test(token));

const mark = (element: DomElement, kind: BlockKind, maxChars: number) => {
  if (!element.getAttribute(KIND_ATTRIBUTE) && textOf(element).length <= maxChars) {
    element.setAttribute(KIND_ATTRIBUTE, kind);
  }
};

const MARKED = `[${KIND_ATTRIBUTE}]`;

/**
 * Marks bylines (`.byline`, `rel="author"`, `itemprop="author"`), captions (`.caption`,
 * `.wp-caption-text`…) and datelines (`.dateline`, `.timestamp`…) that the markup names by class
 * or attribute, so that the walk gives them their kind. Returns the elements marked as bylines.
 */
export const markBlockKinds = (root: DomElement): DomElement[] => {
  const classed = root.querySelectorAll('[class]');
  for (let i = 0; i < classed.length; i += 1) {
    const element = classed[i];
    if (!element) continue;
    if (hasClassToken(element, CAPTION_CLASS)) mark(element, 'caption', MAX_MARKED_CHARS);
    else if (hasClassToken(element, DATELINE_CLASS)) mark(element, 'dateline', MAX_BYLINE_CHARS);
    else if (hasClassToken(element, BYLINE_CLASS)) mark(element, 'byline', MAX_BYLINE_CHARS);
  }
  const authors = root.querySelectorAll('[rel="author"], [itemprop="author"]');
  for (let i = 0; i < authors.length; i += 1) {
    const element = authors[i];
    if (!element || element.closest(MARKED)) continue;
    // An inline author link inside a long paragraph is a credit in running text: left alone.
    const target = INLINE.test(element.tagName.toUpperCase()) ? element.closest(INLINE_PARENT) : element;
    if (target) mark(target, 'byline', MAX_BYLINE_CHARS);
  }
  return Array.from(root.querySelectorAll(`[${KIND_ATTRIBUTE}="byline"]`));
};

/**
 * The blocks of an HTML fragment such as a feed item's content or a JSON body, with no
 * whole-page heuristics (which drop short content): only junk is removed.
 */
export const htmlFragmentBlocks = (html: string): Block[] => {
  const root = parseHtmlFragment(html);
  removeJunk(root);
  markBlockKinds(root);
  return blocksFromElement(root);
};
