/** What the ingest function understands of one article. Pure data: no AWS, no I/O. */

import type { DocumentFormat } from '../documents/document';
import type { Token } from './tokenise';

/** Why a sentence is or is not a candidate for the summary. */
export type SentenceRole =
  | 'body' // ordinary prose: a summary candidate
  | 'heading' // a subheading line (no final punctuation, short): never summarised
  | 'caption' // a photo caption with a credit such as "(AP File)": never summarised
  | 'quote' // a block quotation (HTML <blockquote>, Markdown `>`): kept, never summarised
  | 'byline' // "By Jane Smith, Political Editor": never summarised, names no entity
  | 'dateline'; // "LONDON (Reuters) -" or "Published 18 October 2025" on its own: never summarised

export interface Sentence {
  /** The sentence text, trimmed, with the credit of a caption left in place. */
  text: string;
  /** 0-based paragraph number in the body. */
  paragraph: number;
  /** 0-based position of the sentence in the whole article. */
  index: number;
  role: SentenceRole;
}

/**
 * The tokens and tags the analysis made for each sentence, kept beside (not inside) the sentence
 * so that topic matching and certainty reuse them instead of tokenising candidate sentences again,
 * while stored and printed sentences stay text. A sentence object made elsewhere has none.
 */
const SENTENCE_TOKENS = new WeakMap<Sentence, readonly Token[]>();

export const withTokens = (sentence: Sentence, tokens: readonly Token[]): Sentence => {
  SENTENCE_TOKENS.set(sentence, tokens);
  return sentence;
};

/** Tokens index the paragraph the sentence came from: the first token's `start` is the sentence's. */
export const tokensOf = (sentence: Sentence): readonly Token[] | undefined => SENTENCE_TOKENS.get(sentence);

export interface Entities {
  /** Canonical names, most mentioned first, e.g. "Donald Trump", "Kim Jong Un". */
  people: string[];
  organizations: string[];
  places: string[];
}

/** One person, organisation or place of `Entities`, with how the article refers to it. */
export interface EntityDetail {
  /** The canonical name, exactly as listed in `Entities`. */
  name: string;
  type: 'person' | 'organization' | 'place';
  /**
   * Other forms the article itself uses, most used first: "President Donald Trump", "Trump".
   * At most 10 (see MAX_ALIASES in entities.ts).
   */
  aliases: string[];
  mentions: number;
  /** Index of the first sentence that mentions it. */
  firstSentence: number;
}

/** How much of the calendar a date names, coarsest first. */
export const DATE_GRANULARITIES = ['year', 'quarter', 'month', 'week', 'day'] as const;
export type DateGranularity = (typeof DATE_GRANULARITIES)[number];

/** A date the text mentions, resolved to the calendar. */
export interface DateMention {
  /** The date expression as written, without a leading preposition: "next month", "June 30, 2019". */
  text: string;
  /**
   * As `granularity` says: `YYYY`, `YYYY-Qn` (a quarter: "the third quarter of 2013" → `2013-Q3`),
   * `YYYY-MM`, `YYYY-Www` (an ISO week, Monday to Sunday: "this week" → `2025-W42`) or `YYYY-MM-DD`.
   */
  value: string;
  granularity: DateGranularity;
  /** Index of the sentence it is in. */
  sentence: number;
  /** Resolved against the article's date ("next month", "on Saturday", "in August"). */
  relative: boolean;
  /** The article's own present ("today", "now", "tonight"): its value is the article's date. */
  present?: true;
}

/**
 * A body sentence ranked for the summary, best first (see summarise.ts): enough to cut a summary
 * to any budget later without analysing the article again.
 */
export interface RankedSentence {
  /** Index into `sentences`. */
  index: number;
  /** Words and numbers in it. */
  words: number;
  /** Indices of better-ranked sentences it nearly repeats: never in one summary together. */
  repeats: number[];
}

export interface AnalysedArticle {
  title: string;
  /** True when the article had no title of its own and `title` was generated from its text. */
  titleGenerated: boolean;
  /** ISO date `YYYY-MM-DD` from the article's header, or null when it has none. */
  publishedAt: string | null;
  /** The format the article was read from (see detect-format.ts). */
  format: DocumentFormat;
  /** From the document's metadata or byline, when it names one ("Jane Smith, Li Wei"). */
  author?: string;
  /** The article's own (canonical) URL, when the document gives one. */
  url?: string;
  /** The publication or feed it came from, when the document names one. */
  source?: string;
  /** Which entry of a multi-article document (feed, JSON list) this is; see ParsedArticle. */
  entryId?: string;
  /**
   * A short item: a headline alone, or at most one sentence besides it. Its headline (when it has
   * one) is its first body sentence, and topic matching takes names as headlines give them, by
   * their short names ("Trump to meet Kim"), with nothing to introduce them in full.
   */
  shortItem?: true;
  sentences: Sentence[];
  /** The top sentences (3 by default) in article order; never captions or headings. */
  summary: string[];
  entities: Entities;
  /** Words of the whole article, as a reader counts them, analysed or not. */
  wordCount: number;
  /**
   * Set only when the body was longer than the analysis word budget (MAX_ANALYSED_WORDS): the
   * words that were analysed. Its sentences, summary, entities, dates, key phrases and topic
   * matches come from those alone; `wordCount` counts them all.
   */
  analysedWords?: number;
  // The lists below are capped so that the whole analysis fits one DynamoDB item (400 KB) for any
  // article: ≤ 50 dates (MAX_DATES), ≤ 8 key phrases (MAX_KEY_PHRASES), ≤ 100 entity details of
  // ≤ 10 aliases each (MAX_ENTITY_DETAILS, MAX_ALIASES), ≤ 60 ranked sentences (MAX_RANKED).
  /** Dates mentioned, in article order, resolved against `publishedAt` where relative. */
  dates: DateMention[];
  /** What the article is about beyond its entities: "trade tensions", "summit". */
  keyPhrases: string[];
  /** The entities of `entities`, each with its aliases and mentions, most mentioned first. */
  entityDetails: EntityDetail[];
  /** The summary as one line of at most 140 characters (an SMS, a notification preview). */
  summaryLine: string;
  /** Body sentences ranked for the summary: `summaryFor` cuts any budget from it. */
  summaryRanking: RankedSentence[];
}
