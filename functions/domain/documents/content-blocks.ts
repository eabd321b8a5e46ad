import type { Block } from './document';
import { decodeEntities, looksLikeHtml, proseKind } from './document-text';
import { htmlFragmentBlocks } from './html/html-blocks';
import { parseHtmlDocument } from './html/html-format';
import { plainTextBlocks } from './plain-text-format';

/**
 * The body of a structured document (a JSON field, a feed item's content) as blocks, whatever it
 * holds: a whole web page, an HTML fragment, or plain text with blank lines between paragraphs.
 */

const WHOLE_PAGE = /^\s*(?:<!doctype\s+html|<html[\s>])/i;
// NewsAPI and others cut `content` short with a marker of what is left out.
const TRUNCATION_MARKER = /\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$/;

/** Blocks of a body text: HTML through the HTML walk (a whole page through Readability). */
export const contentBlocks = (content: string): Block[] => {
  const text = content.replace(TRUNCATION_MARKER, '…');
  if (looksLikeHtml(text)) {
    if (WHOLE_PAGE.test(text)) {
      try {
        return parseHtmlDocument(text).blocks;
      } catch {
        return [];
      }
    }
    return htmlFragmentBlocks(text);
  }
  // Plain text may still carry entities ("Q&amp;A", "&#8217;") where it came out of HTML.
  return plainTextBlocks(decodeEntities(text)).map((block) =>
    block.kind === 'paragraph' ? { kind: proseKind(block.text), text: block.text } : block,
  );
};

const TAG = /<[^>]*>/g;

/** A title or name that may hold markup or entities ("Q&amp;A", "<em>Live</em>"), as text. */
export const plainTitle = (value: string): string => decodeEntities(value.replace(TAG, ' '));
