import { createHash } from 'node:crypto';
import type { ArticleTopicMatch } from '../domain/article-matches';
import {
  MAX_DETAIL_CHARS,
  matchUpload,
  readUpload,
  tooLarge,
  type AnalysedEntry,
} from '../domain/analyse-upload';
import type { Topic } from '../domain/topics/topic-schema';
import { articleForStory, type StoryRole } from '../domain/stories/story-grouping';
import { createAssignStory, type StoryAssignment } from './assign-story';
import { compiledTopicsOf } from './compiled-topics';
import type { TopicSource } from '../ports/ports';
import type { AnalysedArticle } from '../domain/language/analysis';
import type { AppLogger } from '../runtime/logger';
import {
  ObjectNotFoundError,
  type ArticleRepository,
  type ObjectStore,
  type StoredObject,
  type StoryIndex,
  type WriteOutcome,
} from '../ports/ports';
import type { RejectionReason } from '../contracts/vocabulary';
import { objectRef, type ArticleRecord } from '../ports/records';
import { TransientError, UnstorableItemError } from '../ports/errors';
import type { IngestConfig } from './config';
import { boundArticleRecord } from './item-budget';
import type { ObjectCreated } from './s3-event';

/** Conditional puts in flight at once for the entries of one upload. */
const WRITE_CONCURRENCY = 10;

export interface IngestDependencies {
  store: ObjectStore;
  repository: ArticleRepository;
  config: IngestConfig;
  logger: AppLogger;
  /** The tracked topics each article is matched against, once, here where it is analysed. */
  topics: Topic[] | TopicSource;
  /** The content stories each article joins or founds (see assign-story.ts). */
  stories: StoryIndex;
  now?: () => Date;
}

export type IngestOutcome =
  | { status: 'stored'; key: string; entries: StoredEntry[] }
  | { status: 'rejected'; key: string; write: WriteOutcome; reason: RejectionReason; detail: string };

export interface StoredEntry {
  entryId?: string;
  write: WriteOutcome;
  contentHash: string;
  storyId: string;
  storyRole: StoryRole;
}

/**
 * Content identity for de-duplication, from the article's sentences rather than its bytes: the
 * same article uploaded twice, under another key, re-saved with other line endings, or as HTML
 * and as plain text, hashes the same. An article over the analysis word budget hashes by the
 * sentences analysed, which are all that its summary and matches come from.
 */
export const contentHashOf = (article: Pick<AnalysedArticle, 'sentences'>) =>
  createHash('sha256')
    .update(article.sentences.map((sentence) => sentence.text).join('\n'))
    .digest('hex');

/** Everything of the analysis that is worth querying; sentences and full text stay in S3. */
const toArticleRecord = (
  analysed: AnalysedArticle,
  object: ObjectCreated,
  extra: {
    size: number;
    contentHash: string;
    ingestedAt: string;
    story: StoryAssignment;
    matches: ArticleTopicMatch[];
  },
): ArticleRecord => ({
  ...objectRef(object),
  ...(object.eTag ? { eTag: object.eTag } : {}),
  ...(analysed.entryId ? { entryId: analysed.entryId } : {}),
  size: extra.size,
  sequencer: object.sequencer,
  format: analysed.format,
  title: analysed.title,
  titleGenerated: analysed.titleGenerated,
  publishedAt: analysed.publishedAt,
  ...(analysed.author ? { author: analysed.author } : {}),
  ...(analysed.url ? { url: analysed.url } : {}),
  ...(analysed.source ? { source: analysed.source } : {}),
  summary: analysed.summary,
  summaryLine: analysed.summaryLine,
  entities: analysed.entities,
  // Only the entities the article names in more than one form ("President Trump", "Trump"): the
  // rest are already in `entities`, and their details would make the item (written twice, to the
  // table and to gsi1) cross another 1 KB write unit for a mention count.
  entityDetails: analysed.entityDetails.filter((detail) => detail.aliases.length > 0),
  dates: analysed.dates,
  keyPhrases: analysed.keyPhrases,
  wordCount: analysed.wordCount,
  ...(analysed.analysedWords === undefined ? {} : { analysedWords: analysed.analysedWords }),
  contentHash: extra.contentHash,
  ingestedAt: extra.ingestedAt,
  storyId: extra.story.storyId,
  storyRole: extra.story.role,
  ...(extra.story.copyOf ? { copyOf: extra.story.copyOf } : {}),
  matches: extra.matches,
});

/**
 * The ingest use case: one S3 object in, one Article or one Rejection item out. Every input ends in
 * exactly one of the two; only failures worth retrying (S3 or DynamoDB unavailable) are thrown.
 */
export const createIngestArticle = (deps: IngestDependencies) => {
  const now = deps.now ?? (() => new Date());
  const { config, logger, repository, store } = deps;
  const compiledTopics = compiledTopicsOf(deps.topics);
  const assignStory = createAssignStory(deps.stories);

  const reject = async (
    object: ObjectCreated,
    reason: RejectionReason,
    detail: string,
  ): Promise<IngestOutcome> => {
    const write = await repository.saveRejection({
      ...objectRef(object),
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
      const { reason, detail } = tooLarge(object.size, config.maxArticleBytes);
      return reject(object, reason, detail);
    }
    if (object.size === 0) return reject(object, 'empty', 'the object has no bytes');

    let stored: StoredObject;
    try {
      stored = await store.getObject(objectRef(object));
    } catch (error) {
      if (error instanceof ObjectNotFoundError) {
        return reject(object, 'not-found', 'the object (or this version) no longer exists');
      }
      throw new TransientError(`could not read s3://${object.bucket}/${object.key}`, { cause: error });
    }

    // The size cap again (the event's size is what S3 stored, but a versionless read may return a
    // newer object), decoding (gzip, then the charset: the Content-Type's unless a byte-order mark
    // says otherwise), parsing and analysis: see analyse-upload.ts.
    const { bytes, contentType, contentEncoding } = stored;
    const read = readUpload(
      { bytes, key: object.key, contentType, contentEncoding },
      { maxBytes: config.maxArticleBytes },
    );
    if (!read.ok) return reject(object, read.reason, read.detail);

    // Topics are read only for an accepted upload.
    const analysed = matchUpload(read.articles, await compiledTopics());
    if (!analysed.ok) return reject(object, analysed.reason, analysed.detail);
    const save = async ({ article, matches }: AnalysedEntry): Promise<StoredEntry> => {
      const contentHash = contentHashOf(article);
      if (article.analysedWords !== undefined) {
        logger.warn('Article analysed in part: its body is over the analysis word budget', {
          key: object.key,
          ...(article.entryId ? { entryId: article.entryId } : {}),
          wordCount: article.wordCount,
          analysedWords: article.analysedWords,
        });
      }
      const ingestedAt = now().toISOString();
      const articleId = article.entryId === undefined ? object.key : `${object.key}#${article.entryId}`;
      const story = await assignStory(articleForStory(article, { articleId, contentHash, ingestedAt }));
      const bounded = boundArticleRecord(
        toArticleRecord(article, object, { size: bytes.length, contentHash, ingestedAt, story, matches }),
      );
      if (bounded.trimmed > 0) {
        logger.warn('Article item trimmed to its budget', {
          key: object.key,
          bytes: bounded.bytes,
          steps: bounded.trimmed,
        });
      }
      const write = await repository.saveArticle(bounded.record);
      return {
        ...(article.entryId ? { entryId: article.entryId } : {}),
        write,
        contentHash,
        storyId: story.storyId,
        storyRole: story.role,
      };
    };
    // Entries are written WRITE_CONCURRENCY at a time (each a conditional put, so a retried event
    // rewrites nothing), in order: a 1,000-entry feed is 100 rounds, not 1,000.
    const entries: StoredEntry[] = [];
    for (let i = 0; i < analysed.entries.length; i += WRITE_CONCURRENCY) {
      const group = analysed.entries.slice(i, i + WRITE_CONCURRENCY);
      const settled = await Promise.allSettled(group.map(save));
      for (const [j, result] of settled.entries()) {
        if (result.status === 'fulfilled') {
          entries.push(result.value);
          continue;
        }
        // The item was refused for good: a Rejection now, rather than a retry that fails the same
        // way. Feed entries already written stay; the rejection names the entry that failed.
        if (!(result.reason instanceof UnstorableItemError)) throw result.reason;
        const entryId = group[j]?.article.entryId;
        return reject(
          object,
          'unstorable',
          `${result.reason.message}${entryId ? ` (entry ${entryId})` : ''}`.slice(0, MAX_DETAIL_CHARS),
        );
      }
    }
    logger.info('Article stored', { key: object.key, format: read.articles[0]?.format, entries });
    return { status: 'stored', key: object.key, entries };
  };
};

export type IngestArticle = ReturnType<typeof createIngestArticle>;
