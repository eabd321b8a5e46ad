import { cleanText } from '../document-text';
import { isElement, pushChildNodes, TEXT_NODE, type DomElement, type DomNode } from './html-dom';

/**
 * What is never article text, removed from a page's DOM before Readability and the block walk:
 * page furniture (navigation, footers, asides, forms, the masthead), elements whose class or id
 * names an ad, a promotion, a gallery, related links, sharing, an author box or a comment
 * section, and link-only paragraphs and lists ("Read more: …", related headlines).
 *
 * Class names alone are weak evidence: sites put "paywall", "ad_body" or "no-share" on the
 * story's own wrapper. So an element holding most of the page's prose is never removed for its
 * name (only a comment section is), and flags such as "has-comments" or "no-ads", which describe
 * a wrapper rather than name it, do not count.
 */

// Class or id words of what is never the article.
const JUNK_TOKEN =
  /^(?:ad|ads|advert|adverts|advertisement|advertising|adslot|ad[-_]\w+|\w+[-_]ads?|\w+[-_]ads?[-_]\w+|dfp|gpt[-_]\w+|sponsor|sponsored|sponsor[-_]\w+|promo|promos|promo[-_]\w+|related|related[-_]\w+|\w+[-_]related|newsletter|newsletter[-_]\w+|share|sharing|share[-_]\w+|\w+[-_]share|social|social[-_]\w+|cookie|cookies|cookie[-_]\w+|consent|subscribe|subscription|paywall|outbrain|taboola|most[-_]read|most[-_]popular|popular[-_]\w+|recommended|recommendations|trending|breadcrumbs?|pagination|skip[-_]link|visually[-_]hidden|sr[-_]only|screen[-_]reader[-_]text|[-\w]*(?:gallery|slideshow|carousel|lightbox)[-\w]*|(?:\w+[-_])?(?:click[-_]?to[-_]?tweet)\w*|about[-_]?(?:the[-_]?)?author|author[-_]?(?:bio|box|info|card|details|profile|description|excerpt|flyout|about)[-\w]*|tags|tag[-_]?list|post[-_]?tags|entry[-_]?tags|article[-_]?tags)$/i;
// A comment section is never the story, however much text it holds.
const COMMENT_TOKEN = /^(?:comments?|comment[-_]\w+|\w+[-_]comments?|disqus)$/i;
// "no-share", "has-comments", "with-ads", "is-sponsored": what a wrapper has, not what it is.
const FLAG_TOKEN = /^(?:no|not|has|have|with|without|show|hide|allow|enable|disable|is|can)[-_]/i;
const STRUCTURAL =
  'nav, footer, aside, form, menu, dialog, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [aria-hidden="true"], [hidden]';
// Page furniture that is never the story even when it has most of the text (a long site map).
const ALWAYS_FURNITURE = /^(?:NAV|MENU|FOOTER)$/;
const PROTECTED = /^(?:HTML|BODY|MAIN|ARTICLE)$/;
const ARTICLE_INSIDE = 'article, main, [itemprop="articleBody"]';
/** Above this share of the page's prose an element is the story, whatever its name. */
const STORY_SHARE = 0.5;
/** Removals by name that would leave less than this share of the prose are not made. */
const STORY_LEFT = 0.3;
/** Fewer boxes than this are an ad or a promotion beside a missing story, not the story. */
const MIN_STORY_BOXES = 3;

const BLOCK_TAGS =
  /^(?:P|DIV|LI|DD|DT|TD|SECTION|ARTICLE|BLOCKQUOTE|H[1-6]|UL|OL|TABLE|TR|FIGURE|HEADER|MAIN)$/;

/**
 * How much prose each element holds: the characters of the text inside `<p>` elements and of
 * longer runs of text elsewhere, never link text, leaving out the subtrees of `without`. One pass
 * over the tree; elements with none are left out of the map.
 */
export const proseWeights = (
  root: DomElement,
  without: ReadonlySet<DomElement> = new Set(),
): Map<DomElement, number> => {
  const weights = new Map<DomElement, number>();
  interface Frame {
    element: DomElement;
    inParagraph: boolean;
    inLink: boolean;
    sum: number;
  }
  const frames: Frame[] = [{ element: root, inParagraph: false, inLink: false, sum: 0 }];
  // Each step is a node to enter, or null for "leave the innermost element".
  const stack: (DomNode | null)[] = [null];
  pushChildNodes(stack, root);
  while (stack.length > 0) {
    const node = stack.pop();
    const frame = frames[frames.length - 1] as Frame;
    if (node === null || node === undefined) {
      frames.pop();
      if (frame.sum > 0) weights.set(frame.element, frame.sum);
      const parent = frames[frames.length - 1];
      if (parent) parent.sum += frame.sum;
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      if (frame.inLink) continue;
      const length = cleanText(node.textContent ?? '').length;
      if (frame.inParagraph || length >= 80) frame.sum += length;
      continue;
    }
    if (!isElement(node) || without.has(node)) continue;
    const tag = node.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE') continue;
    frames.push({
      element: node,
      inParagraph: frame.inParagraph || tag === 'P',
      inLink: frame.inLink || tag === 'A',
      sum: 0,
    });
    stack.push(null);
    pushChildNodes(stack, node);
  }
  if (frames[0] && frames[0].sum > 0) weights.set(root, frames[0].sum);
  return weights;
};

const namesOf = (element: DomElement) =>
  `${element.className} ${element.id}`
    .split(/\s+/)
    .filter((word) => word.length > 0 && !FLAG_TOKEN.test(word));

type Verdict = 'keep' | 'junk' | 'junk-unless-story';

const verdictOf = (element: DomElement): Verdict => {
  if (PROTECTED.test(element.tagName.toUpperCase())) return 'keep';
  const names = namesOf(element);
  if (names.some((word) => COMMENT_TOKEN.test(word))) return 'junk';
  return names.some((word) => JUNK_TOKEN.test(word)) ? 'junk-unless-story' : 'keep';
};

/** How many characters of an element's text are inside links (whitespace runs counted as one). */
const linkedChars = (element: DomElement): number => {
  let linked = 0;
  // A walk over the subtree rather than querySelectorAll: this runs for every paragraph.
  const stack: (DomNode | { exit: true })[] = [];
  let inLink = 0;
  pushChildNodes(stack, element);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if ('exit' in step) {
      inLink -= 1;
      continue;
    }
    if (step.nodeType === TEXT_NODE) {
      if (inLink > 0) linked += cleanText(step.textContent ?? '').length;
    } else if (isElement(step)) {
      const isLink = step.tagName.toUpperCase() === 'A';
      if (isLink) {
        inLink += 1;
        stack.push({ exit: true });
      }
      pushChildNodes(stack, step);
    }
  }
  return linked;
};

// "Read more: …", "RELATED: …", "See also …", "WATCH: …" before a link to another story.
const LEAD_IN =
  /^(?:read more|read also|also read|more|see also|see more|related|related stories?|related articles?|recommended|watch|listen|also|also see|don'?t miss|must read|more on this|further reading|click here|lea también|lea más|lee también|lesen sie auch|mehr zum thema|leia também|lire aussi)\b\s*[:|»>–—-]/i;
const MAX_LINK_BLOCK_WORDS = 30;

const mostlyLinks = (element: DomElement, share: number) => {
  const text = cleanText(element.textContent ?? '');
  return text.length > 0 && linkedChars(element) >= share * text.length;
};

const hasBlockChild = (element: DomElement) => {
  for (let child = element.firstElementChild; child !== null; child = child.nextElementSibling) {
    if (BLOCK_TAGS.test(child.tagName.toUpperCase())) return true;
  }
  return false;
};

/**
 * A paragraph that only points elsewhere: all (or nearly all) link text, short, or a link after
 * "Read more:"; a list whose every item is such a link (related headlines).
 */
const isLinkBlock = (element: DomElement): boolean => {
  const tag = element.tagName.toUpperCase();
  if (tag === 'UL' || tag === 'OL') {
    let items = 0;
    for (let item = element.firstElementChild; item !== null; item = item.nextElementSibling) {
      if (item.tagName.toUpperCase() !== 'LI') continue;
      if (!mostlyLinks(item, 0.8)) return false;
      items += 1;
    }
    return items >= 2;
  }
  if (hasBlockChild(element)) return false;
  const text = cleanText(element.textContent ?? '');
  if (text.length === 0 || text.split(' ').length > MAX_LINK_BLOCK_WORDS) return false;
  const linked = linkedChars(element);
  return linked >= 0.8 * text.length || (LEAD_IN.test(text) && linked >= 0.4 * text.length);
};

export interface JunkOptions {
  /** Also remove link-only paragraphs and lists: for whole pages, not for a feed item's content. */
  linkBlocks?: boolean;
}

/**
 * Removes what is never article text (see the module comment). An element holding more than
 * half of the page's prose stays, whatever its class says, unless it is navigation, a footer or
 * a comment section.
 */
export const removeJunk = (root: DomElement, options: JunkOptions = {}): void => {
  const weights = proseWeights(root);
  const total = weights.get(root) ?? 0;
  const isStory = (element: DomElement) => total > 0 && (weights.get(element) ?? 0) > STORY_SHARE * total;
  // Furniture goes whatever it holds; what is junk by its name or its links only if the story stays.
  const furniture = new Set<DomElement>();
  const named = new Set<DomElement>();
  const structural = root.querySelectorAll(STRUCTURAL);
  for (let i = 0; i < structural.length; i += 1) {
    const element = structural[i];
    if (!element || element.querySelector(ARTICLE_INSIDE) !== null) continue;
    if (ALWAYS_FURNITURE.test(element.tagName.toUpperCase()) || !isStory(element)) furniture.add(element);
  }
  // A page's masthead (logo, menus) is a <header> outside the article, without its headline.
  const headers = root.querySelectorAll('header');
  for (let i = 0; i < headers.length; i += 1) {
    const header = headers[i];
    if (header && !header.closest('article, main') && !header.querySelector('h1') && !isStory(header)) {
      furniture.add(header);
    }
  }
  const classed = root.querySelectorAll('[class], [id]');
  for (let i = 0; i < classed.length; i += 1) {
    const element = classed[i];
    if (!element) continue;
    const verdict = verdictOf(element);
    if (verdict === 'keep') continue;
    // "has-comments" on the story's own wrapper must not take the story with it.
    if (element.querySelector(ARTICLE_INSIDE) !== null) continue;
    if (verdict === 'junk') furniture.add(element);
    else if (!isStory(element)) named.add(element);
  }
  if (options.linkBlocks) {
    const blocks = root.querySelectorAll('p, li, ul, ol, div, h3, h4, h5, h6');
    for (let i = 0; i < blocks.length; i += 1) {
      const element = blocks[i];
      if (element && !isStory(element) && isLinkBlock(element)) named.add(element);
    }
  }
  // Many small boxes can hold the story between them (the slides of a listicle, each "gallery-item"):
  // when they would take most of what the furniture leaves, they are the story.
  const holdingProse = [...named].filter((element) => (weights.get(element) ?? 0) > 0).length;
  if (holdingProse >= MIN_STORY_BOXES && total > 0) {
    const left = proseWeights(root, furniture).get(root) ?? 0;
    const leftWithout = proseWeights(root, new Set([...furniture, ...named])).get(root) ?? 0;
    if (leftWithout < STORY_LEFT * left) named.clear();
  }
  for (const element of furniture) element.remove();
  for (const element of named) element.remove();
};
