import type { AppLogger } from '../runtime/logger';
import type { ArticleDeletionRepository, DeletionOutcome } from '../ports/ports';
import type { IngestConfig } from './config';
import type { ObjectRemoved } from './s3-event';

export interface DeleteDependencies {
  repository: ArticleDeletionRepository;
  config: Pick<IngestConfig, 'articlesPrefix'>;
  logger: AppLogger;
  now?: () => Date;
}

export type DeleteOutcome =
  | ({ status: 'deleted'; key: string } & DeletionOutcome)
  | { status: 'ignored'; key: string; reason: 'malformed-key' | 'outside-prefix' };

/**
 * The deletion use case: an S3 ObjectRemoved event marks its article deleted. It never alerts: the
 * tombstone is not an Article item, so the alert stream filter drops it, and the removal of the
 * old item is a REMOVE record, which the alert function ignores. Nothing here needs the object's
 * bytes, which are gone anyway.
 */
export const createDeleteArticle = (deps: DeleteDependencies) => {
  const now = deps.now ?? (() => new Date());
  const { config, logger, repository } = deps;

  return async (object: ObjectRemoved): Promise<DeleteOutcome> => {
    // Neither can name a stored article (their creates were rejected, not stored): nothing to do.
    if (object.keyDecodingError) {
      logger.warn('Deletion of an undecodable key ignored', { rawKey: object.rawKey });
      return { status: 'ignored', key: object.rawKey, reason: 'malformed-key' };
    }
    if (!object.key.startsWith(config.articlesPrefix)) {
      logger.warn('Deletion outside the articles prefix ignored', { key: object.key });
      return { status: 'ignored', key: object.key, reason: 'outside-prefix' };
    }
    const outcome = await repository.markDeleted({
      key: object.key,
      bucket: object.bucket,
      ...(object.versionId ? { versionId: object.versionId } : {}),
      eventName: object.eventName,
      sequencer: object.sequencer,
      deletedAt: now().toISOString(),
    });
    logger.info('Article deleted', { key: object.key, eventName: object.eventName, ...outcome });
    return { status: 'deleted', key: object.key, ...outcome };
  };
};

export type DeleteArticle = ReturnType<typeof createDeleteArticle>;
