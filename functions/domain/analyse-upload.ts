import { analyseDocument } from './analyse-article';
import { articleTopicMatches, type ArticleTopicMatch } from './article-matches';
import { decodeArticleBytes } from './documents/bytes/decode-bytes';
import { InvalidArticleError } from './documents/errors';
import type { AnalysedArticle } from './language/analysis';
import type { CompiledTopic } from './topics/match-topics';
import { MAX_ENTRIES_PER_UPLOAD } from '../contracts/limits';
import type { RejectionReason } from '../contracts/vocabulary';

/**
 * What the ingest function makes of an uploaded object's bytes, without AWS and without I/O: the
 * size cap, decoding (documents/bytes/: gzip, then the charset), parsing and analysis
 * (analyse-article.ts) and topic matching (article-matches.ts), ending in a rejection with its reason or in the analysed articles
 * (one per feed or JSON-list entry) with their matches. The ingest use case and
 * `newswatch analyse` both call this module, so the CLI shows exactly what ingest would store.
 *
 * In two steps because ingest reads its topics (from the table, through a cache) only once an
 * upload is accepted: {@link readUpload} decides rejection or articles, {@link matchUpload} adds the
 * matches; {@link analyseUpload} is the two in one.
 */

export interface Upload {
  bytes: Uint8Array;
  /** The object key or file name: its extension breaks ties between formats. */
  key: string;
  /**
   * The object's Content-Type as stored with it: its `charset`, when it has one, is how the bytes
   * are decoded unless a byte-order mark says otherwise. The CLI reads files, which have none: the
   * byte-order mark or the document's own declaration decides there, as it does in S3 without one.
   */
  contentType?: string;
  /** The object's Content-Encoding: `gzip` means inflate first (gzip's magic bytes mean it too). */
  contentEncoding?: string;
}

export interface UploadLimits {
  /** The largest upload accepted (the ingest function's MAX_ARTICLE_BYTES). */
  maxBytes: number;
  /** The most entries an upload may hold (default MAX_ENTRIES_PER_UPLOAD). */
  maxEntries?: number;
  /** The most words of an article analysed (default MAX_ANALYSED_WORDS); see AnalyseOptions. */
  maxAnalysedWords?: number;
}

export interface UploadRejection {
  ok: false;
  reason: RejectionReason;
  detail: string;
}

export type UploadRead = UploadRejection | { ok: true; articles: AnalysedArticle[] };

export interface AnalysedEntry {
  article: AnalysedArticle;
  matches: ArticleTopicMatch[];
}

export type UploadAnalysis = UploadRejection | { ok: true; entries: AnalysedEntry[] };

/** The rejection of an upload over the limit, whether its size is known from an event or its bytes. */
export const tooLarge = (size: number, maxBytes: number): UploadRejection => ({
  ok: false,
  reason: 'too-large',
  detail: `${size} bytes is over the ${maxBytes}-byte limit`,
});

/** A rejection's detail is for reading in a listing: a runaway error message is cut. */
export const MAX_DETAIL_CHARS = 500;

/**
 * Any other exception a stage throws on an input: a parser or the analyser failing on bytes no one
 * here foresaw. It is a property of the input (the same bytes fail the same way), so it becomes a
 * Rejection that says which stage failed and how, never a retry.
 */
export const unparseable = (stage: 'decode' | 'analyse' | 'match', error: unknown): UploadRejection => ({
  ok: false,
  reason: 'unparseable',
  detail:
    `${stage} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(
      0,
      MAX_DETAIL_CHARS,
    ),
});

/**
 * The articles of an upload, or why it is rejected (`too-large`, `empty`, `binary`,
 * `invalid-encoding`, `no-body`, `malformed`, `unparseable`). Pure and synchronous; never throws.
 */
export const readUpload = (upload: Upload, limits: UploadLimits): UploadRead => {
  if (upload.bytes.length > limits.maxBytes) return tooLarge(upload.bytes.length, limits.maxBytes);
  let decoded: ReturnType<typeof decodeArticleBytes>;
  try {
    // A gzip may inflate to no more than an upload may be.
    decoded = decodeArticleBytes(upload.bytes, {
      contentType: upload.contentType,
      contentEncoding: upload.contentEncoding,
      maxBytes: limits.maxBytes,
    });
  } catch (error) {
    return unparseable('decode', error);
  }
  if (!decoded.ok) return { ok: false, reason: decoded.reason, detail: decoded.detail };
  try {
    // The key's extension only breaks ties: the format is decided from the content.
    return {
      ok: true,
      articles: analyseDocument(decoded.text, {
        fileName: upload.key,
        maxEntries: limits.maxEntries ?? MAX_ENTRIES_PER_UPLOAD,
        ...(limits.maxAnalysedWords === undefined ? {} : { maxAnalysedWords: limits.maxAnalysedWords }),
      }),
    };
  } catch (error) {
    if (error instanceof InvalidArticleError)
      return { ok: false, reason: error.reason, detail: error.message };
    return unparseable('analyse', error);
  }
};

/**
 * Each article with the tracked topics it matches, as its Article item keeps them, or the
 * `unparseable` rejection when matching throws on the input.
 */
export const matchUpload = (
  articles: AnalysedArticle[],
  topics: CompiledTopic[],
): UploadRejection | { ok: true; entries: AnalysedEntry[] } => {
  try {
    return {
      ok: true,
      entries: articles.map((article) => ({ article, matches: articleTopicMatches(article, topics) })),
    };
  } catch (error) {
    return unparseable('match', error);
  }
};

/** {@link readUpload} then {@link matchUpload}: what ingest stores for these bytes, or why not. */
export const analyseUpload = (
  upload: Upload,
  limits: UploadLimits,
  topics: CompiledTopic[],
): UploadAnalysis => {
  const read = readUpload(upload, limits);
  return read.ok ? matchUpload(read.articles, topics) : read;
};
