import { matchUpload, readUpload } from '../domain/analyse-upload';
import { topicStoryIdOf } from '../domain/stories/story-identity';
import type { Topic } from '../domain/topics/topic-schema';
import { compiledTopicsOf } from '../ingest/compiled-topics';
import type { IngestConfig } from '../ingest/config';
import { contentHashOf } from '../ingest/ingest-article';
import {
  ObjectNotFoundError,
  type MatchRepository,
  type ObjectStore,
  type StoredArticleLookup,
  type TopicSource,
} from '../ports/ports';
import { TransientError } from '../ports/errors';
import type { AppLogger } from '../runtime/logger';

export interface RematchDependencies {
  store: ObjectStore;
  articles: StoredArticleLookup;
  matches: MatchRepository;
  topics: Topic[] | TopicSource;
  config: IngestConfig;
  logger: AppLogger;
  now?: () => Date;
}

/** `stored`: backfill matches recorded; `skipped`: nothing stored for the key, or unreadable now. */
export type RematchOutcome = { status: 'stored'; matches: number } | { status: 'skipped'; reason: string };

/**
 * `reprocess --topics-only`: the stored article's object read and analysed again with the topics in
 * force now (the ingest path's own readUpload and matchUpload), and each match recorded as a Match
 * item with outcome `backfill`. The Article item is not written, so the table's stream carries no
 * Article change and the alert function (filtered to Article items) never sees one: no claim, no
 * alert, no digest. The match's story is the stored article's.
 */
export const createRematchTopics = (deps: RematchDependencies) => {
  const now = deps.now ?? (() => new Date());
  const compiledTopics = compiledTopicsOf(deps.topics);
  const { config, store } = deps;

  return async (object: { bucket: string; key: string }): Promise<RematchOutcome> => {
    let stored;
    try {
      stored = await store.getObject(object);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return { status: 'skipped', reason: 'not-found' };
      throw new TransientError(`could not read s3://${object.bucket}/${object.key}`, { cause: error });
    }
    const read = readUpload(
      {
        bytes: stored.bytes,
        key: object.key,
        contentType: stored.contentType,
        contentEncoding: stored.contentEncoding,
      },
      { maxBytes: config.maxArticleBytes },
    );
    if (!read.ok) return { status: 'skipped', reason: read.reason };
    const analysed = matchUpload(read.articles, await compiledTopics());
    if (!analysed.ok) return { status: 'skipped', reason: analysed.reason };

    let recorded = 0;
    let storedEntries = 0;
    for (const { article, matches } of analysed.entries) {
      const storyId = await deps.articles.storyIdOf(object.key, article.entryId);
      if (storyId === undefined) continue;
      storedEntries++;
      const contentHash = contentHashOf(article);
      const matchedAt = now().toISOString();
      for (const match of matches) {
        await deps.matches.saveMatch({
          topicId: match.topicId,
          topicName: match.topicName,
          storyId: topicStoryIdOf(match.topicId, { storyId }),
          certainty: match.certainty,
          outcome: 'backfill',
          delivery: match.delivery,
          articleKey: object.key,
          bucket: object.bucket,
          ...(article.entryId ? { entryId: article.entryId } : {}),
          title: article.title,
          summaryLine: article.summaryLine,
          ...(article.source ? { source: article.source } : {}),
          ...(article.url ? { url: article.url } : {}),
          publishedAt: article.publishedAt,
          evidence: match.evidence,
          contentHash,
          matchedAt,
        });
        recorded++;
      }
    }
    if (storedEntries === 0) return { status: 'skipped', reason: 'no stored article' };
    deps.logger.info('Topics re-matched', { key: object.key, matches: recorded });
    return { status: 'stored', matches: recorded };
  };
};

export type RematchTopics = ReturnType<typeof createRematchTopics>;
