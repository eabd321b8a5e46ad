import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { CERTAINTIES } from '../contracts/vocabulary';
import type { ArticleTopicMatch } from '../domain/article-matches';
import type { ArticleChange, ArticleImage } from './process-article-change';

/**
 * The edge of the alert function: a DynamoDB stream record decoded and validated into the plain
 * values the use case takes. The event source mapping's filter lets through Article items only,
 * so a record that fails here was not written by the ingest function and never will be valid:
 * the handler logs it, counts it and skips it instead of retrying it into the dead-letter queue.
 */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCertainty = (value: unknown): value is ArticleTopicMatch['certainty'] =>
  (CERTAINTIES as readonly unknown[]).includes(value);

/** A stored match as the ingest function wrote it; anything else makes the record malformed. */
const toTopicMatch = (value: unknown): ArticleTopicMatch => {
  if (
    !isRecord(value) ||
    !isString(value.topicId) ||
    !isString(value.topicName) ||
    !isCertainty(value.certainty) ||
    !Array.isArray(value.evidence)
  ) {
    throw new MalformedEventError('stream image has a topic match without topicId, topicName or certainty');
  }
  const certainty = value.certainty;
  return {
    topicId: value.topicId,
    topicName: value.topicName,
    certainty: value.certainty,
    alerts: value.alerts === true,
    // Items stored before side mentions were told apart alerted only on what they reported.
    reported: value.reported !== false,
    delivery: value.delivery === 'digest' ? 'digest' : 'instant',
    ...(isString(value.period) ? { period: value.period } : {}),
    evidence: value.evidence.filter(isRecord).map((e) => ({
      sentence: isString(e.sentence) ? e.sentence : '',
      certainty: isCertainty(e.certainty) ? e.certainty : certainty,
      cues: Array.isArray(e.cues) ? e.cues.filter(isString) : [],
      ...(isString(e.site) ? { site: e.site } : {}),
      ...(Array.isArray(e.participants) ? { participants: e.participants.filter(isString) } : {}),
      ...(isString(e.trigger) ? { trigger: e.trigger } : {}),
    })),
  };
};

const toArticleImage = (image: Record<string, unknown> | undefined): ArticleImage => {
  if (!image) throw new MalformedEventError('stream record has no new image');
  const { key, bucket, versionId, entryId, title, publishedAt, summary, summaryLine, source, url } = image;
  const { contentHash, matches, storyId, storyRole } = image;
  if (!isString(key) || !isString(bucket) || !isString(title) || !isString(contentHash)) {
    throw new MalformedEventError('stream image is not an Article item (key, bucket, title, contentHash)');
  }
  return {
    key,
    bucket,
    ...(isString(versionId) ? { versionId } : {}),
    ...(isString(entryId) ? { entryId } : {}),
    title,
    publishedAt: isString(publishedAt) ? publishedAt : null,
    summary: Array.isArray(summary) ? summary.filter(isString) : [],
    ...(isString(summaryLine) ? { summaryLine } : {}),
    ...(isString(source) ? { source } : {}),
    ...(isString(url) ? { url } : {}),
    contentHash,
    ...(isString(storyId) ? { storyId } : {}),
    ...(storyRole === 'copy' || storyRole === 'original' ? { storyRole } : {}),
    matches: Array.isArray(matches) ? matches.map(toTopicMatch) : [],
  };
};

type StreamImage = Record<string, AttributeValue>;

const imageOf = (value: unknown) => (value ? unmarshall(value as StreamImage) : undefined);

export const toArticleChange = (record: DynamoDBRecord): ArticleChange => {
  // A record without an event name is read as a MODIFY: the image decides whether it alerts.
  const eventName = record.eventName ?? 'MODIFY';
  if (eventName === 'REMOVE') return { eventName };
  const article = toArticleImage(imageOf(record.dynamodb?.NewImage));
  const previousContentHash = imageOf(record.dynamodb?.OldImage)?.contentHash;
  return {
    eventName,
    article,
    ...(typeof previousContentHash === 'string' ? { previousContentHash } : {}),
  };
};
