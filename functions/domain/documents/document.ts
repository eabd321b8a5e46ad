/**
 * An uploaded document as its format describes it, before any language analysis. Every format
 * parser (plain text, HTML, Markdown, JSON, RSS, Atom) produces these; analysis works on them
 * alone, so it never needs to know where an article came from.
 */

export type DocumentFormat = 'plain-text' | 'html' | 'markdown' | 'json' | 'rss' | 'atom';

/** What a block of the body is, as far as the source's own markup (or layout) tells. */
export type BlockKind =
  | 'paragraph' // prose: split into sentences, then roles are decided from the text too
  | 'heading' // a subheading: never summarised
  | 'quote' // a block quotation (blockquote, Markdown `>`): kept, not a summary lead
  | 'caption' // a figure or photo caption, credit included: never summarised
  | 'byline' // "By Jane Smith, Political Editor": never summarised
  | 'dateline'; // "LONDON (Reuters) -" style opener standing alone: never summarised

export interface Block {
  kind: BlockKind;
  /** Whitespace collapsed to single spaces, trimmed, never empty. */
  text: string;
}

export interface ParsedArticle {
  format: DocumentFormat;
  /** The article's own title, or null (a headline is then generated). */
  title: string | null;
  /** ISO `YYYY-MM-DD`, or null when the document states no (valid) date. */
  publishedAt: string | null;
  author?: string;
  url?: string;
  source?: string;
  /**
   * Stable id of the entry inside a multi-article document (a feed item's guid or link, else its
   * position); absent for single-article documents.
   */
  entryId?: string;
  blocks: Block[];
}
