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
 * | Deleted    | ARTICLE#<s3 key>            | ARTICLE                   | DELETIONS     | <deletedAt>#<s3 key>   |
 * | Story      | STORY#<topic id>            | CONTENT#<story id>        | STORIES       | <claimedAt>#<topic id> |
 * | Story (old)| STORY#<topic id>            | PERIOD#<YYYY-MM>          | STORIES       | <claimedAt>#<topic id> |
 * | StoryState | CSTORY#<story id>           | STATE                     | -             | -                      |
 * | StorySlot  | CSTORYKEY#<key>             | MONTHS                    | -             | -                      |
 * | Match      | ARTICLE#<s3 key>            | MATCH#<topic id>[#<hash>] | MATCH#<topic> | <date>#<s3 key>        |
 * | Topic      | TOPIC#<topic id>            | TOPIC                     | TOPICS        | <topic id>             |
 * | Digest     | DIGEST#<topic id>           | PENDING#<matchedAt>#<key> | -             | -                      |
 * | Digest     | DIGEST#<topic id>           | SENT#<YYYY-MM-DD>         | -             | -                      |
 * | Source     | SOURCE#<source id>          | SOURCE                    | SOURCES       | <source id>            |
 * | SourceEntry| SOURCE#<source id>          | ENTRY#<entry hash>        | -             | -                      |
 * | Webhook    | WEBHOOKS                    | WEBHOOK#<webhook id>      | -             | -                      |
 *
 * Articles are keyed by S3 key: one object is one article, and an overwrite of the object updates
 * the same item. A Story is one real-world event of a topic (see functions/domain/stories/story-identity.ts): every
 * article about it claims the same item with a conditional write, so subscribers get one alert per
 * story and one more only when its certainty changes.
 *
 * Every article belongs to a content story, found at ingest through the StorySlot index (a key of
 * the article, entity or term, in a month → the stories listed under it; one item per key with
 * an attribute pair per month, expiring with TTL three months after its last write) and the StoryState of each candidate (its centroid and first
 * originals; see functions/domain/stories/story-grouping.ts). The Story items above are per
 * (topic, content story): the alert ledger. Items of the old `PERIOD#<month>` form, from before
 * content stories, stay as they are: an Article item written then still names its period and
 * claims that item, so nothing alerts twice; new articles claim `CONTENT#` items.
 *
 * A Match records that an article matched a tracked topic (whether or not it alerted), beside the
 * article under the same pk, so deleting an article finds its matches; `gsi1` lists a topic's
 * matches by the article's date (`<publishedAt or matchedAt, YYYY-MM-DD>#<s3 key>`). Topics added
 * at run time live in the table (the defaults ship in seeds/topics.json). A digest-mode match also
 * leaves a PENDING entry in its topic's Digest partition; the daily digest reads and sends those,
 * and records the day as SENT with a conditional write so a retried schedule cannot send twice.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const GSI1 = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;

/**
 * The attributes gsi1 copies besides the keys: what the listings read or filter on (articles by
 * entity and date, stories, rejections, topics). An Article item's summary, dates, key phrases,
 * hashes and the like stay in the table only: the index copy of an article fits one write unit
 * instead of repeating the whole item, and a listing that shows more (an article's summary, a
 * match's evidence) gets its page of items from the table by key (getItemsByKey).
 */
export const GSI1_PROJECTED_ATTRIBUTES = [
  'type',
  'key',
  'entryId',
  'title',
  'publishedAt',
  'ingestedAt',
  'source',
  'url',
  'entities',
  'entityDetails',
  'storyId',
  'storyRole',
  'copyOf',
  'matches',
  'reason',
  'detail',
  'rejectedAt',
  'size',
  'topicId',
  'removed',
  'definition',
] as const;

export const ITEM_TYPE = {
  article: 'Article',
  rejection: 'Rejection',
  story: 'Story',
  storyState: 'StoryState',
  storySlot: 'StorySlot',
  /** What an Article becomes when its object is deleted (see functions/ingest/delete-article.ts). */
  deletedArticle: 'DeletedArticle',
  match: 'Match',
  topic: 'Topic',
  digestPending: 'DigestPending',
  digestSent: 'DigestSent',
  /** A feed followed by the poller (functions/poller); its entries are SourceEntry items. */
  source: 'Source',
  sourceEntry: 'SourceEntry',
  /** A webhook alerts are posted to (functions/delivery); its secret lives outside the table. */
  webhook: 'Webhook',
} as const;

const entryHash = (entryId: string) => createHash('sha256').update(entryId).digest('hex').slice(0, 20);

/**
 * One object is one article, except feeds and JSON lists: their entries share the object's pk and
 * each has its own sk, from a hash of the entry's id (a guid or URL can be long and odd).
 */
export const articleKey = (objectKey: string, entryId?: string) => ({
  pk: `ARTICLE#${objectKey}`,
  sk: entryId === undefined ? 'ARTICLE' : `ENTRY#${entryHash(entryId)}`,
});
export const rejectionKey = (objectKey: string) => ({ pk: `REJECTION#${objectKey}`, sk: 'REJECTION' });
/** The alert ledger's item of a topic in a story: a content story id, or a period of the old form. */
export const storyKey = (topicId: string, story: { storyId: string } | { period: string }) => ({
  pk: `STORY#${topicId}`,
  sk: 'storyId' in story ? `CONTENT#${story.storyId}` : `PERIOD#${story.period}`,
});
export const storyStateKey = (storyId: string) => ({ pk: `CSTORY#${storyId}`, sk: 'STATE' });
/**
 * A key's slots, all its months in one item (one read, however many months are searched): for
 * month `YYYY-MM`, the story ids in the string set `s<YYYYMM>` and the slot's version in `v<YYYYMM>`.
 */
export const storySlotKey = (key: string) => ({ pk: `CSTORYKEY#${key}`, sk: 'MONTHS' });
export const slotAttributesOf = (month: string) => {
  const digits = month.replace('-', '');
  return { storyIds: `s${digits}`, version: `v${digits}` };
};

export const matchKey = (objectKey: string, topicId: string, entryId?: string) => ({
  pk: `ARTICLE#${objectKey}`,
  sk: entryId === undefined ? `MATCH#${topicId}` : `MATCH#${topicId}#${entryHash(entryId)}`,
});
export const matchesGsiPk = (topicId: string) => `MATCH#${topicId}`;

export const topicKey = (topicId: string) => ({ pk: `TOPIC#${topicId}`, sk: 'TOPIC' });
export const TOPICS_GSI_PK = 'TOPICS';

export const digestPartition = (topicId: string) => `DIGEST#${topicId}`;
export const digestPendingKey = (
  topicId: string,
  matchedAt: string,
  objectKey: string,
  entryId?: string,
) => ({
  pk: digestPartition(topicId),
  sk: `PENDING#${matchedAt}#${objectKey}${entryId === undefined ? '' : `#${entryHash(entryId)}`}`,
});
export const digestSentKey = (topicId: string, day: string) => ({
  pk: digestPartition(topicId),
  sk: `SENT#${day}`,
});

/**
 * A followed feed, and one item per entry of it ever written (a conditional put, so an entry the
 * feed repeats is never written again). Removing a source removes its partition.
 */
export const sourceKey = (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'SOURCE' });
export const sourceEntryKey = (sourceId: string, entryHash: string) => ({
  pk: `SOURCE#${sourceId}`,
  sk: `ENTRY#${entryHash}`,
});
export const SOURCES_GSI_PK = 'SOURCES';

/**
 * Webhooks share one partition: there are few, and the delivery function reads them all with one
 * Query per cold cache, its grant confined to this partition key (dynamodb:LeadingKeys).
 */
export const WEBHOOKS_PARTITION = 'WEBHOOKS';
export const webhookKey = (webhookId: string) => ({ pk: WEBHOOKS_PARTITION, sk: `WEBHOOK#${webhookId}` });

export const ARTICLES_GSI_PK = 'ARTICLES';
export const REJECTIONS_GSI_PK = 'REJECTIONS';
export const DELETIONS_GSI_PK = 'DELETIONS';

/** Attribute every item carries; the alert function's stream filter selects on it. */
export const TYPE_ATTRIBUTE = 'type';

/**
 * Boolean set to true on an Article item that matched at least one topic (absent otherwise). The
 * alert function's stream filter selects on it, so Lambda never invokes it for the great
 * majority of articles, which match nothing and give it nothing to do.
 */
export const MATCHED_ATTRIBUTE = 'matched';

/** Epoch-seconds attribute DynamoDB's TTL deletes items by (digest entries expire with it). */
export const TTL_ATTRIBUTE = 'expiresAt';
