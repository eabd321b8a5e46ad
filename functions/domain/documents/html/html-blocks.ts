import type { Block, BlockKind } from '../document';
import { cleanText, hasWords, proseKind } from '../document-text';
import { isElement, parseHtmlFragment, TEXT_NODE, type DomElement, type DomNode } from './html-dom';

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
    if (hasWords(clean)) walk.blocks.push({ kind: walk.quoted ? 'quote' : proseKind(clean), text: clean });
  }
};

/** A paragraph that is nothing but a <time>: when, not what. */
const isTimeOnly = (element: DomElement) => {
  const only = element.firstElementChild;
  if (only === null || only.nextElementSibling !== null || only.tagName !== 'TIME') return false;
  return textOf(only) === textOf(element);
};

/** What is left to do on the way back up from an element's children. */
type Exit = { exit: 'block' } | { exit: 'quote'; outer: boolean } | { exit: 'cell' };
type Step = DomNode | Exit;

/** Pushes a node's children so that the first is popped first: one pass over the sibling list. */
const pushChildren = (stack: Step[], node: DomNode) => {
  const from = stack.length;
  for (let child = node.firstChild; child !== null; child = child.nextSibling) stack.push(child);
  // Reversed in place: the stack pops its last step first.
  for (let i = from, j = stack.length - 1; i < j; i += 1, j -= 1) {
    const first = stack[i] as Step;
    stack[i] = stack[j] as Step;
    stack[j] = first;
  }
};

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
  if (marked && KINDS.has(marked)) {
    flush(walk);
    pushKind(walk, marked as BlockKind, textOf(node));
  } else if (HEADINGS.has(tag)) {
    flush(walk);
    pushKind(walk, 'heading', textOf(node));
  } else if (tag === 'FIGCAPTION') {
    flush(walk);
    pushKind(walk, 'caption', textOf(node));
  } else if (tag === 'BLOCKQUOTE') {
    flush(walk);
    stack.push({ exit: 'quote', outer: walk.quoted });
    walk.quoted = true;
    pushChildren(stack, node);
  } else if (BLOCK_ELEMENTS.has(tag)) {
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
  const walk: Walk = { blocks: [], inline: [], quoted: false };
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

const CAPTION_CLASS =
  /^(?:wp-caption-text|caption|(?:image|photo|media|img|figure|picture)[-_]?caption|\w*__caption)$/i;
const BYLINE_CLASS = /^(?:byline|byline[-_]\w+|author[-_]?name|article[-_]author)$/i;
const DATELINE_CLASS = /^(?:dateline|timestamp|publish(?:ed)?[-_]?date|article[-_]date|story[-_]date)$/i;
const MAX_MARKED_CHARS = 400;
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

// Class or id words of what is never the article: ads, promotions, sharing and newsletter boxes,
// related and most-read links, comment sections, cookie banners and screen-reader-only labels.
const JUNK_TOKEN =
  /^(?:ad|ads|advert|adverts|advertisement|advertising|adslot|ad[-_]\w+|\w+[-_]ads?|dfp|gpt[-_]\w+|sponsor|sponsored|sponsor[-_]\w+|promo|promos|promo[-_]\w+|related|related[-_]\w+|\w+[-_]related|comments?|comment[-_]\w+|\w+[-_]comments?|disqus|newsletter|newsletter[-_]\w+|share|sharing|share[-_]\w+|\w+[-_]share|social|social[-_]\w+|cookie|cookies|cookie[-_]\w+|consent|subscribe|subscription|paywall|outbrain|taboola|most[-_]read|most[-_]popular|popular[-_]\w+|recommended|recommendations|trending|breadcrumbs?|pagination|skip[-_]link|visually[-_]hidden|sr[-_]only|screen[-_]reader[-_]text)$/i;
const JUNK_SELECTORS =
  'nav, footer, aside, form, menu, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [aria-hidden="true"], [hidden]';
const PROTECTED = /^(?:HTML|BODY|MAIN|ARTICLE)$/;
const ARTICLE_INSIDE = 'article, main, [itemprop="articleBody"]';

const isJunk = (element: DomElement) => {
  if (PROTECTED.test(element.tagName.toUpperCase())) return false;
  const words = `${element.className} ${element.id}`.split(/\s+/);
  if (!words.some((word) => word.length > 0 && JUNK_TOKEN.test(word))) return false;
  // "has-comments" on the story's own wrapper must not take the story with it.
  return element.querySelector(ARTICLE_INSIDE) === null;
};

/**
 * Removes what is never article text: navigation, footers, asides and forms, the page's masthead,
 * and elements whose class or id names an ad, a promotion, related links, sharing or a comment
 * section.
 */
export const removeJunk = (root: DomElement): void => {
  const junk: DomElement[] = [];
  const structural = root.querySelectorAll(JUNK_SELECTORS);
  for (let i = 0; i < structural.length; i += 1) {
    const element = structural[i];
    if (element && element.querySelector(ARTICLE_INSIDE) === null) junk.push(element);
  }
  // A page's masthead (logo, menus) is a <header> outside the article, without its headline.
  const headers = root.querySelectorAll('header');
  for (let i = 0; i < headers.length; i += 1) {
    const header = headers[i];
    if (header && !header.closest('article, main') && !header.querySelector('h1')) junk.push(header);
  }
  const named = root.querySelectorAll('[class], [id]');
  for (let i = 0; i < named.length; i += 1) {
    const element = named[i];
    if (element && isJunk(element)) junk.push(element);
  }
  for (const element of junk) element.remove();
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
