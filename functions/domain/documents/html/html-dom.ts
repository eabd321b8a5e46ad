import { parseHTML } from 'linkedom';

/**
 * HTML parsed into a DOM with linkedom (what @mozilla/readability needs), typed by the little the
 * format parsers use of it; the project compiles without the DOM lib.
 *
 * linkedom builds the tree exactly as the tags say and is not an HTML5 tree builder: a page with
 * no `<body>` tag keeps its text outside `document.body`, and a fragment with several top-level
 * elements loses all but the first. The page's skeleton is therefore normalised as text before
 * parsing; within the body, htmlparser2 (linkedom's tokenizer) already closes unclosed elements
 * and implied ends such as `<p>one<p>two`.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/**
 * linkedom keeps a node's children as a linked list: `firstChild` and `nextSibling` are one step
 * each, but every read of `childNodes` or `children` walks the whole list to build a new array,
 * so indexing them in a loop is quadratic in the number of children. They are left out of these
 * types on purpose: walk the sibling links (`firstChild`, `nextSibling`) instead.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly className: string;
  readonly id: string;
  readonly parentElement: DomElement | null;
  readonly firstElementChild: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
  closest(selectors: string): DomElement | null;
  matches(selectors: string): boolean;
  remove(): void;
}

export interface DomDocument {
  readonly body: DomElement;
  readonly title: string;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
}

export const isElement = (node: DomNode): node is DomElement => node.nodeType === ELEMENT_NODE;

/**
 * Pushes a node's children onto a stack so that the first is popped first: one pass over the
 * sibling list, for the explicit-stack walks (malformed pages nest too deep for recursion).
 */
export const pushChildNodes = <T>(stack: (T | DomNode)[], node: DomNode): void => {
  const from = stack.length;
  for (let child = node.firstChild; child !== null; child = child.nextSibling) stack.push(child);
  for (let i = from, j = stack.length - 1; i < j; i += 1, j -= 1) {
    const first = stack[i] as T | DomNode;
    stack[i] = stack[j] as T | DomNode;
    stack[j] = first;
  }
};

// Never content, and often most of a page's bytes: removed before parsing. JSON-LD is metadata
// and stays. Inline SVG can be tens of kilobytes of path data.
const DEAD_WEIGHT = [
  /<!--[\s\S]*?(?:-->|$)/g,
  /<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?(?:<\/script\s*>|$)/gi,
  /<(style|noscript|template|svg|iframe)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi,
];
const BODY_TAG = /<body\b[^>]*>/i;
const HEAD_END = /<\/head\s*>/i;
const SKELETON_TAGS = /<!doctype[^>]*>|<\/?html\b[^>]*>|<\/?head\b[^>]*>|<\/?body\b[^>]*>/gi;
// What may come before the body without a <body> tag: head elements, JSON-LD, whitespace.
const HEAD_PREFIX =
  /^(?:\s+|<!doctype[^>]*>|<\/?html\b[^>]*>|<\/?head\b[^>]*>|<(?:meta|link|base)\b[^>]*>|<title\b[^>]*>[\s\S]*?<\/title\s*>|<script\b[^>]*>[\s\S]*?<\/script\s*>)*/i;

const withoutDeadWeight = (html: string) =>
  DEAD_WEIGHT.reduce((text, pattern) => text.replace(pattern, ' '), html);

/** The head and body of a page, however many of its skeleton tags are missing or misplaced. */
const skeleton = (html: string): { head: string; body: string } => {
  const bodyTag = BODY_TAG.exec(html);
  if (bodyTag) {
    return { head: html.slice(0, bodyTag.index), body: html.slice(bodyTag.index + bodyTag[0].length) };
  }
  const headEnd = HEAD_END.exec(html);
  if (headEnd) {
    return { head: html.slice(0, headEnd.index), body: html.slice(headEnd.index + headEnd[0].length) };
  }
  const prefix = HEAD_PREFIX.exec(html)?.[0] ?? '';
  return { head: prefix, body: html.slice(prefix.length) };
};

/** A whole page (or what claims to be one), its skeleton made well-formed first. */
export const parseHtmlPage = (html: string): DomDocument => {
  const { head, body } = skeleton(withoutDeadWeight(html));
  const page = `<!DOCTYPE html><html><head>${head.replace(SKELETON_TAGS, '')}</head><body>${body.replace(SKELETON_TAGS, '')}</body></html>`;
  return parseHTML(page).document as unknown as DomDocument;
};

/** A fragment (a feed item's or a JSON field's HTML): the returned element holds all of it. */
export const parseHtmlFragment = (html: string): DomElement =>
  parseHtmlPage(`<body>${html.replace(SKELETON_TAGS, '')}`).body;

/** Whether any element lies more than `limit` elements below `root` (stops looking once one does). */
export const nestsDeeperThan = (root: DomElement, limit: number): boolean => {
  const stack: [DomElement, number][] = [[root, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [element, depth] = entry;
    if (depth > limit) return true;
    for (let child = element.firstElementChild; child !== null; child = child.nextElementSibling) {
      stack.push([child, depth + 1]);
    }
  }
  return false;
};
