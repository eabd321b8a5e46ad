import type { RejectionReason } from '../contracts/vocabulary';
import type { DateMention, Entities, EntityDetail } from '../domain/language/analysis';
import type { ArticleTopicMatch } from '../domain/article-matches';
import type { DocumentFormat } from '../domain/documents/document';

/** Where an article's bytes live. The version pins the exact bytes an item was made from. */
export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
}

/** The reference of anything that names an object, with `versionId` only when there is one. */
export const objectRef = (source: {
  bucket: string;
  key: string;
  versionId?: string | undefined;
}): ObjectRef => ({
  bucket: source.bucket,
  key: source.key,
  ...(source.versionId ? { versionId: source.versionId } : {}),
});

/** The article item as the ingest function writes it (keys are added by the repository). */
export interface ArticleRecord {
  key: string;
  bucket: string;
  versionId?: string;
  eTag?: string;
  size: number;
  /** S3's per-key event sequencer, zero-padded so that string order is event order. */
  sequencer: string;
  /** Which entry of a multi-article upload (feed, JSON list); absent for single articles. */
  entryId?: string;
  format: DocumentFormat;
  title: string;
  titleGenerated: boolean;
  publishedAt: string | null;
  author?: string;
  url?: string;
  source?: string;
  summary: string[];
  /** The summary in one line of at most 140 characters, for SMS. */
  summaryLine: string;
  entities: Entities;
  /** Details of the entities named in more than one form (aliases, mentions, first sentence). */
  entityDetails: EntityDetail[];
  dates: DateMention[];
  keyPhrases: string[];
  wordCount: number;
  /** Present when the body was over the analysis word budget: the words analysed (of wordCount). */
  analysedWords?: number;
  contentHash: string;
  ingestedAt: string;
  /** The content story it belongs to (see functions/domain/stories/story-grouping.ts). */
  storyId: string;
  /** `copy`: a near-copy of an original of the story (a wire copy, a re-upload); never alerts. */
  storyRole: 'original' | 'copy';
  /** A copy: the article id (`<key>` or `<key>#<entry id>`) of the original it repeats. */
  copyOf?: string;
  /** The tracked topics it matched when it was ingested; the alert function acts on these. */
  matches: ArticleTopicMatch[];
}

export interface RejectionRecord {
  key: string;
  bucket: string;
  versionId?: string;
  size: number;
  sequencer: string;
  reason: RejectionReason;
  detail: string;
  rejectedAt: string;
}

/**
 * An S3 object-removed event for an article key, as the ingest function records it: the key's
 * Article item(s) are replaced by one `DeletedArticle` tombstone holding this. The sequencer
 * orders it against the key's create events, so a late create older than the delete cannot bring
 * the article back, and a newer re-upload replaces the tombstone.
 */
export interface DeletionRecord {
  key: string;
  bucket: string;
  /**
   * The delete marker's version (ObjectRemoved:DeleteMarkerCreated) or the version permanently
   * deleted (ObjectRemoved:Delete); absent on an unversioned bucket.
   */
  versionId?: string;
  /** `ObjectRemoved:Delete` or `ObjectRemoved:DeleteMarkerCreated`. */
  eventName: string;
  sequencer: string;
  deletedAt: string;
}
