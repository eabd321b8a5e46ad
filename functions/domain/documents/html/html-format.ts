import { Readability } from '@mozilla/readability';
import type { Block, ParsedArticle } from '../document';
import { cleanText } from '../document-text';
import { isoDateFrom } from '../document-dates';
import { InvalidArticleError } from '../errors';
import { blocksFromElement, KIND_ATTRIBUTE, markBlockKinds } from './html-blocks';
import { removeJunk } from './html-junk';
import { nestsDeeperThan, parseHtmlPage, type DomDocument, type DomElement } from './html-dom';
import { personNames } from './html-authors';
import { readHtmlMetadata } from './html-metadata';
import { withoutSiteName } from './html-title';
import { plainTextBlocks } from '../plain-text-format';

/**
 * A web page as one article: its main content picked out by Mozilla's Readability (the Firefox
 * Reader View algorithm) on a linkedom DOM, its metadata from JSON-LD and meta tags.
 */

// How close to the top a heading repeating the title may be and still be the page's own title.
const TITLE_HEADING_WITHIN = 3;
const MAX_READABLE_DEPTH = 100;

const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The page's title repeated as the first heading of the content is the title, not a subheading. */
const withoutTitleHeading = (blocks: Block[], title: string | null): Block[] => {
  if (!title) return blocks;
  const wanted = comparable(title);
  const index = blocks.findIndex(
    (block, i) => i < TITLE_HEADING_WITHIN && block.kind === 'heading' && comparable(block.text) === wanted,
  );
  return index < 0 ? blocks : blocks.filter((_, i) => i !== index);
};

/**
 * Takes the page's first byline and dateline out of the DOM, as blocks. Readability removes
 * bylines it recognises from the content (only the first, and not always), so they are kept here
 * and put at the top of the article, where bylines sit.
 */
const takeLeadingBlocks = (document: DomDocument): Block[] => {
  const leading: Block[] = [];
  const marked = Array.from(
    document.body.querySelectorAll(`[${KIND_ATTRIBUTE}="byline"], [${KIND_ATTRIBUTE}="dateline"]`),
  );
  for (const element of marked) {
    const kind = element.getAttribute(KIND_ATTRIBUTE) === 'byline' ? 'byline' : 'dateline';
    const text = cleanText(element.textContent ?? '');
    if (text && !leading.some((block) => block.kind === kind)) leading.push({ kind, text });
    element.remove();
  }
  return leading;
};

// Bylines and datelines worth reading for a date or a name: those near the top of the article.
const MAX_LEADING_BLOCK = 12;

/** The date of the article's first timestamp line or dated byline ("Posted on May 6, 2019 by …"). */
const dateFromBlocks = (blocks: readonly Block[]): string | null => {
  for (const block of blocks.slice(0, MAX_LEADING_BLOCK)) {
    if (block.kind !== 'dateline' && block.kind !== 'byline') continue;
    const date = isoDateFrom(block.text);
    if (date) return date;
  }
  return null;
};

/** The people the article's byline (or Readability's) names, when the metadata names nobody. */
const authorFromBlocks = (
  blocks: readonly Block[],
  readableByline: string | null | undefined,
  siteNames: readonly string[],
): string | undefined => {
  const rules = { siteNames, structured: false };
  for (const block of blocks.slice(0, MAX_LEADING_BLOCK)) {
    const names = block.kind === 'byline' ? personNames(block.text, rules) : undefined;
    if (names) return names;
  }
  return readableByline ? personNames(readableByline, rules) : undefined;
};

interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  content?: DomElement | null;
}

const readability = (document: DomDocument): ReadabilityResult | null =>
  new Readability<DomElement>(document as never, {
    serializer: (node) => node as unknown as DomElement,
  }).parse();

/**
 * Parses a whole HTML page into one article: navigation, scripts, styles, ads, related links,
 * footers and comment sections dropped; `<h2>`–`<h6>` as headings, `<blockquote>` as quotes,
 * `<figcaption>` as captions, bylines and datelines as such. Malformed markup is tolerated.
 *
 * @throws InvalidArticleError (`no-body`) when the page has no readable text.
 */
export const parseHtmlDocument = (html: string): ParsedArticle => {
  const document = parseHtmlPage(html);
  const metadata = readHtmlMetadata(document);
  removeJunk(document.body, { linkBlocks: true });
  markBlockKinds(document.body);
  const leading = takeLeadingBlocks(document);

  // Readability's cost grows with the square of the nesting depth (seconds at 1,000 levels), and
  // real pages nest a few dozen deep: a deeper one is read without it.
  const tooDeep = nestsDeeperThan(document.body, MAX_READABLE_DEPTH);
  const article = tooDeep ? null : readability(document);
  let blocks = article?.content ? blocksFromElement(article.content) : [];
  if (!blocks.some((block) => block.kind === 'paragraph' || block.kind === 'quote')) {
    // Readability found nothing it trusts (or was not asked): the JSON-LD body, else every block
    // of the page that is not junk.
    blocks = metadata.articleBody ? plainTextBlocks(metadata.articleBody) : [];
    if (blocks.length === 0 && tooDeep) {
      blocks = blocksFromElement(document.body);
    } else if (blocks.length === 0) {
      // Readability changed the DOM it gave up on: start again from the markup.
      const fresh = parseHtmlPage(html);
      removeJunk(fresh.body, { linkBlocks: true });
      markBlockKinds(fresh.body);
      takeLeadingBlocks(fresh);
      blocks = blocksFromElement(fresh.body);
    }
  }
  const readableTitle = cleanText(article?.title ?? '');
  const title = metadata.title ?? (readableTitle ? withoutSiteName(readableTitle, metadata.siteNames) : null);
  blocks = withoutTitleHeading(blocks, title);
  // A headline alone is an article (a short item, read with its headline as its text), as a feed
  // entry's title or a JSON headline is; a <title> alone is not.
  const headlineAlone = title !== null && metadata.hasHeadline;
  if (!headlineAlone && !blocks.some((block) => block.kind === 'paragraph' || block.kind === 'quote')) {
    throw new InvalidArticleError('no-body', 'HTML has no readable content');
  }

  const all = [...leading.filter((block) => !blocks.some((b) => b.text === block.text)), ...blocks];
  const source = metadata.source ?? (cleanText(article?.siteName ?? '') || undefined);
  const author = metadata.author ?? authorFromBlocks(all, article?.byline, metadata.siteNames);
  return {
    format: 'html',
    title,
    publishedAt:
      metadata.publishedAt ??
      dateFromBlocks(all) ??
      metadata.fallbackDate ??
      isoDateFrom(article?.publishedTime ?? undefined),
    ...(author ? { author } : {}),
    ...(metadata.url ? { url: metadata.url } : {}),
    ...(source ? { source } : {}),
    blocks: all,
  };
};
