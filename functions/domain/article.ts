/** What the ingest function understands of one article. Pure data: no AWS, no I/O. */

/** Why a sentence is or is not a candidate for the summary. */
export type SentenceRole =
  | 'body' // ordinary prose: a summary candidate
  | 'heading' // a subheading line (no final punctuation, short): never summarised
  | 'caption'; // a photo caption with a credit such as "(AP File)": never summarised

export interface Sentence {
  /** The sentence text, trimmed, with the credit of a caption left in place. */
  text: string;
  /** 0-based paragraph number in the body. */
  paragraph: number;
  /** 0-based position of the sentence in the whole article. */
  index: number;
  role: SentenceRole;
}

export interface Entities {
  /** Canonical names, most mentioned first, e.g. "Donald Trump", "Kim Jong Un". */
  people: string[];
  organizations: string[];
  places: string[];
}

export interface AnalysedArticle {
  title: string;
  /** True when the article had no title of its own and `title` was generated from its text. */
  titleGenerated: boolean;
  /** ISO date `YYYY-MM-DD` from the article's header, or null when it has none. */
  publishedAt: string | null;
  sentences: Sentence[];
  /** The top sentences (3 by default) in article order; never captions or headings. */
  summary: string[];
  entities: Entities;
  wordCount: number;
}
