import { createHash } from 'node:crypto';
import { analyseArticle } from '../domain/analyse-article';
import { InvalidArticleError } from '../domain/errors';
import type { AppLogger } from '../shared/logger';
import {
  ObjectNotFoundError,
  type ArticleRepository,
  type ObjectStore,
  type WriteOutcome,
} from '../shared/ports';
import type { RejectionReason } from '../shared/records';
import { TransientError } from '../shared/errors';
import { decodeArticleBytes } from '../shared/decode-article-bytes';
import type { IngestConfig } from './config';
import type { ObjectCreated } from './s3-event';

export interface IngestDependencies {
  store: ObjectStore;
  repository: ArticleRepository;
  config: IngestConfig;
  logger: AppLogger;
  now?: () => Date;
}

export type IngestOutcome =
  | { status: 'stored'; key: string; write: WriteOutcome; contentHash: string }
  | { status: 'rejected'; key: string; write: WriteOutcome; reason: RejectionReason; detail: string };

/**
 * Content identity for de-duplication: the same text uploaded twice, or under another key, hashes
 * the same. Whitespace is folded so that re-saving a file with other line endings is not "new".
 */
export const contentHashOf = (text: string) =>
  createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');

/**
 * The ingest use case: one S3 object in, one Article or one Rejection item out. Every input ends in
 * exactly one of the two; only failures worth retrying (S3 or DynamoDB unavailable) are thrown.
 */
export const createIngestArticle = (deps: IngestDependencies) => {
  const now = deps.now ?? (() => new Date());
  const { config, logger, repository, store } = deps;

  const reject = async (
    object: ObjectCreated,
    reason: RejectionReason,
    detail: string,
  ): Promise<IngestOutcome> => {
    const write = await repository.saveRejection({
      key: object.key,
      bucket: object.bucket,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      size: object.size,
      sequencer: object.sequencer,
      reason,
      detail,
      rejectedAt: now().toISOString(),
    });
    logger.warn('Article rejected', { key: object.key, reason, detail, write });
    return { status: 'rejected', key: object.key, write, reason, detail };
  };

  return async (object: ObjectCreated): Promise<IngestOutcome> => {
    if (object.keyDecodingError) {
      return reject(
        object,
        'malformed-key',
        `the event's object key is not valid URL encoding: ${object.keyDecodingError}`,
      );
    }
    if (!object.key.startsWith(config.articlesPrefix)) {
      return reject(object, 'outside-prefix', `only keys under "${config.articlesPrefix}" are articles`);
    }
    // Decided from the event alone: a huge object is never downloaded.
    if (object.size > config.maxArticleBytes) {
      return reject(
        object,
        'too-large',
        `${object.size} bytes is over the ${config.maxArticleBytes}-byte limit`,
      );
    }
    if (object.size === 0) return reject(object, 'empty', 'the object has no bytes');

    let bytes: Uint8Array;
    try {
      bytes = await store.getObject({
        bucket: object.bucket,
        key: object.key,
        ...(object.versionId ? { versionId: object.versionId } : {}),
      });
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        return reject(object, 'not-found', 'the object (or this version) no longer exists');
      }
      throw new TransientError(`could not read s3://${object.bucket}/${object.key}`, { cause: error });
    }
    // The event's size is what S3 stored, but a versionless read may return a newer object.
    if (bytes.length > config.maxArticleBytes) {
      return reject(
        object,
        'too-large',
        `${bytes.length} bytes is over the ${config.maxArticleBytes}-byte limit`,
      );
    }

    const decoded = decodeArticleBytes(bytes);
    if (!decoded.ok) return reject(object, decoded.reason, decoded.detail);

    let analysed;
    try {
      analysed = analyseArticle(decoded.text);
    } catch (error) {
      if (error instanceof InvalidArticleError) return reject(object, 'no-body', error.message);
      throw error;
    }

    const contentHash = contentHashOf(decoded.text);
    const write = await repository.saveArticle({
      key: object.key,
      bucket: object.bucket,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      ...(object.eTag ? { eTag: object.eTag } : {}),
      size: bytes.length,
      sequencer: object.sequencer,
      title: analysed.title,
      titleGenerated: analysed.titleGenerated,
      publishedAt: analysed.publishedAt,
      summary: analysed.summary,
      entities: analysed.entities,
      wordCount: analysed.wordCount,
      contentHash,
      ingestedAt: now().toISOString(),
    });
    logger.info(write === 'written' ? 'Article stored' : 'Article already up to date', {
      key: object.key,
      contentHash,
      write,
    });
    return { status: 'stored', key: object.key, write, contentHash };
  };
};

export type IngestArticle = ReturnType<typeof createIngestArticle>;
