/**
 * Limits the functions enforce and the stack, the CLI and the local twin configure: one number
 * each, so `newswatch analyse` rejects exactly what the deployed ingest function would.
 */

/** The largest object the ingest function reads (the rest is rejected `too-large` from the event). */
export const DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/**
 * The most words of one article's body that are analysed (sentences, summary, entities, dates, key
 * phrases, topic matches). A long feature or report (20,000-50,000 words) is read whole; past this
 * the rest of a body is counted in its word count but not analysed, and the article records how
 * many words were (`analysedWords`): a 5 MB page of prose, some 800,000 words, would otherwise
 * spend most of its analysis time tokenising pages that change no summary or match.
 */
export const MAX_ANALYSED_WORDS = 100_000;

/**
 * The most entries (feed items, JSON-list elements) one upload may hold. Each is analysed and
 * written as its own item within one invocation: 1,000 take about 2 s of analysis and 100 rounds of
 * 10 parallel writes, well inside the 30 s timeout at a third of a core; more is rejected `too-large`
 * (split the file) rather than risking a timeout that Lambda would retry.
 */
export const MAX_ENTRIES_PER_UPLOAD = 1000;
