import { createHash } from 'node:crypto';

/**
 * Single-table design for Newswatch. Pure constants and key builders, shared by the Lambda code,
 * the CDK construct that creates the table and the local runner that creates it in DynamoDB Local,
 * so the three can never disagree.
 *
 * | item       | pk                          | sk                        | gsi1pk        | gsi1sk                 |
 * |------------|-----------------------------|---------------------------|---------------|------------------------|
 * | Article    | ARTICLE#<s3 key>            | ARTICLE or ENTRY#<hash>   | ARTICLES      | <publishedAt>#<s3 key> |
 * | Rejection  | REJECTION#<s3 key>          | REJECTION                 | REJECTIONS    | <rejectedAt>#<s3 key>  |
 * | Story      | STORY#<topic id>            | PERIOD#<YYYY-MM>          | STORIES       | <claimedAt>#<topic id> |
 *
 * Articles are keyed by S3 key: one object is one article, and an overwrite of the object updates
 * the same item. A Story is one real-world event of a topic (see functions/domain/stories.ts): every
 * article about it claims the same item with a conditional write, so subscribers get one alert per
 * story and one more only when its certainty changes.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const GSI1 = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

export const ITEM_TYPE = {
  article: 'Article',
  rejection: 'Rejection',
  story: 'Story',
} as const;

export type ItemType = (typeof ITEM_TYPE)[keyof typeof ITEM_TYPE];

/**
 * One object is one article, except feeds and JSON lists: their entries share the object's pk and
 * each has its own sk, from a hash of the entry's id (a guid or URL can be long and odd).
 */
export const articleKey = (objectKey: string, entryId?: string) => ({
  pk: `ARTICLE#${objectKey}`,
  sk:
    entryId === undefined
      ? 'ARTICLE'
      : `ENTRY#${createHash('sha256').update(entryId).digest('hex').slice(0, 20)}`,
});
export const rejectionKey = (objectKey: string) => ({ pk: `REJECTION#${objectKey}`, sk: 'REJECTION' });
export const storyKey = (topicId: string, period: string) => ({
  pk: `STORY#${topicId}`,
  sk: `PERIOD#${period}`,
});

export const ARTICLES_GSI_PK = 'ARTICLES';
export const REJECTIONS_GSI_PK = 'REJECTIONS';

/** Attribute every item carries; the alert function's stream filter selects on it. */
export const TYPE_ATTRIBUTE = 'type';

/** Epoch-seconds attribute DynamoDB's TTL deletes items by (none set yet; reserved for digests). */
export const TTL_ATTRIBUTE = 'expiresAt';
