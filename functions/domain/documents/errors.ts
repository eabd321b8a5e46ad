/**
 * Why an input cannot be analysed as an article. Stable, machine-readable codes: callers turn them
 * into rejection records that people query and alarm on, so never rename one.
 *
 * - `empty`: nothing but whitespace (or a byte-order mark).
 * - `no-body`: no words to read: a header and nothing after it, an article (or every entry of a
 *   feed) with neither a title nor text; a page, feed or JSON document with no article in it
 *   ("feed has no items"). A headline alone is an article (a short item), not `no-body`.
 * - `too-large`: more entries (feed items, list elements) than one invocation analyses and writes.
 * - `malformed`: a document whose syntax is broken where its format is certain: JSON that does
 *   not parse, front matter that is not YAML, XML that does not parse. The message says where.
 */
export type InvalidArticleReason = 'empty' | 'no-body' | 'malformed' | 'too-large';

/** The input has no usable article text. A property of the input: retrying cannot help. */
export class InvalidArticleError extends Error {
  override readonly name = 'InvalidArticleError';

  constructor(
    readonly reason: InvalidArticleReason,
    message: string,
  ) {
    super(message);
  }
}
