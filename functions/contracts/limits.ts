/**
 * Limits the functions enforce and the stack, the CLI and the local twin configure: one number
 * each, so `newswatch analyse` rejects exactly what the deployed ingest function would.
 */

/** The largest object the ingest function reads (the rest is rejected `too-large` from the event). */
export const DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024;
