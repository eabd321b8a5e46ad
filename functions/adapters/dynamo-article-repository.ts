import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { queryItems } from './query-items';
import {
  isConditionalCheckFailed,
  isPermanentClientError,
  isTransactionConditionFailure,
} from './aws-errors';
import { UnstorableItemError } from '../ports/errors';
import type {
  ArticleDeletionRepository,
  ArticleRepository,
  DeletionOutcome,
  StoredArticleLookup,
  WriteOutcome,
} from '../ports/ports';
import type { ArticleRecord, DeletionRecord, RejectionRecord } from '../ports/records';
import {
  ARTICLES_GSI_PK,
  DELETIONS_GSI_PK,
  ITEM_TYPE,
  MATCHED_ATTRIBUTE,
  REJECTIONS_GSI_PK,
  articleKey,
  rejectionKey,
} from '../contracts/table-schema';

/**
 * S3 delivers events at least once and in any order. Writing only when the event's sequencer is
 * newer than the one stored makes redelivery a no-op (no second item, no stream record, no second
 * alert) and lets the latest version of an object win whatever the arrival order.
 */
const NEWER_EVENT_ONLY = 'attribute_not_exists(pk) OR sequencer < :sequencer';

/** Sort-key prefixes of the items that live beside an article under its pk and die with it. */
const ENTRY_PREFIX = 'ENTRY#';
const MATCH_PREFIX = 'MATCH#';

export class DynamoArticleRepository
  implements ArticleRepository, ArticleDeletionRepository, StoredArticleLookup
{
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async storyIdOf(key: string, entryId?: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(articleKey(key, entryId)),
        ProjectionExpression: '#type, storyId',
        ExpressionAttributeNames: { '#type': 'type' },
      }),
    );
    const item = Item ? unmarshall(Item) : undefined;
    // A tombstone (DeletedArticle) has no story: its matches were removed with it.
    return item?.type === ITEM_TYPE.article && typeof item.storyId === 'string' ? item.storyId : undefined;
  }

  async saveArticle(article: ArticleRecord): Promise<WriteOutcome> {
    const item = {
      ...articleKey(article.key, article.entryId),
      type: ITEM_TYPE.article,
      gsi1pk: ARTICLES_GSI_PK,
      gsi1sk: `${article.publishedAt ?? '0000-00-00'}#${article.key}${article.entryId ? `#${article.entryId}` : ''}`,
      ...article,
      ...(article.matches.length > 0 ? { [MATCHED_ATTRIBUTE]: true } : {}),
    };
    try {
      // A single article lives in the key's `ARTICLE` slot, where a tombstone also lives: the one
      // conditional put both refuses an event older than the deletion and replaces an older tombstone.
      if (article.entryId === undefined) return await this.putIfNewer(article.sequencer, item);
      return await this.putEntryIfNewer(article, item);
    } catch (error) {
      if (!isPermanentClientError(error)) throw error;
      const name = (error as { name?: string }).name ?? 'Error';
      throw new UnstorableItemError(`DynamoDB refused the item: ${name}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /**
   * A rejection is written only if the key's `ARTICLE` slot holds nothing newer: an upload that
   * arrives after its own deletion (typically rejected `not-found`, its bytes being gone) or after
   * a newer good upload must not leave a Rejection beside the tombstone or the article.
   */
  async saveRejection(rejection: RejectionRecord): Promise<WriteOutcome> {
    const item = {
      ...rejectionKey(rejection.key),
      type: ITEM_TYPE.rejection,
      gsi1pk: REJECTIONS_GSI_PK,
      gsi1sk: `${rejection.rejectedAt}#${rejection.key}`,
      ...rejection,
    };
    return this.putIfNewerWithSlot(rejection.sequencer, item, 'ConditionCheck', rejection.key);
  }

  /**
   * Replaces the key's Article item(s) with a tombstone in the `ARTICLE` slot, then removes the
   * feed entries and topic matches under the key (and an older rejection). Every step is
   * conditional on sequencers, so a redelivered deletion only finishes what a crashed one left,
   * and a deletion older than the key's newest upload changes nothing.
   */
  async markDeleted(deletion: DeletionRecord): Promise<DeletionOutcome> {
    const slot = articleKey(deletion.key);
    // A permanently deleted *version* only deletes the article if it is the version stored.
    const versionSpecific = deletion.eventName === 'ObjectRemoved:Delete' && deletion.versionId !== undefined;
    const written = await this.putTombstone(deletion, versionSpecific);
    if (written === 'newer') return { write: 'stale', removedItems: 0 };

    const under = await this.queryPartition(slot.pk);
    const entries = under.filter((item) => String(item.sk).startsWith(ENTRY_PREFIX));
    const survivor = entries.find(
      (entry) =>
        String(entry.sequencer ?? '') > deletion.sequencer ||
        (versionSpecific && entry.versionId !== deletion.versionId),
    );
    if (survivor) {
      // A feed uploaded after the deletion (or another version than the one deleted) is there:
      // the tombstone must not shadow it.
      await this.deleteIf(slot, 'sequencer = :sequencer AND #type = :deleted', {
        values: { ':sequencer': deletion.sequencer, ':deleted': ITEM_TYPE.deletedArticle },
        names: { '#type': 'type' },
      });
      return { write: 'stale', removedItems: 0 };
    }
    let removedItems = 0;
    for (const item of under) {
      const sk = String(item.sk);
      const key = { pk: slot.pk, sk };
      if (sk.startsWith(ENTRY_PREFIX)) {
        if (
          await this.deleteIf(key, 'sequencer < :sequencer', { values: { ':sequencer': deletion.sequencer } })
        )
          removedItems++;
      } else if (sk.startsWith(MATCH_PREFIX)) {
        // Matches are derived from the article: they go with it whatever their age.
        if (await this.deleteIf(key)) removedItems++;
      }
    }
    if (
      await this.deleteIf(rejectionKey(deletion.key), 'sequencer < :sequencer', {
        values: { ':sequencer': deletion.sequencer },
      })
    )
      removedItems++;
    return { write: written === 'written' ? 'written' : 'stale', removedItems };
  }

  /**
   * `written`; `again` when this very deletion's tombstone is already there (a redelivery, or a
   * retry whose first response was lost: the clean-up must still run); `newer` when a newer
   * event for the key (or another version than the one deleted) holds the slot.
   */
  private async putTombstone(
    deletion: DeletionRecord,
    versionSpecific: boolean,
  ): Promise<'written' | 'again' | 'newer'> {
    const condition = versionSpecific
      ? `attribute_not_exists(pk) OR (sequencer < :sequencer AND (attribute_not_exists(versionId) OR versionId = :versionId OR #type = :deleted))`
      : NEWER_EVENT_ONLY;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(
            {
              ...articleKey(deletion.key),
              type: ITEM_TYPE.deletedArticle,
              gsi1pk: DELETIONS_GSI_PK,
              gsi1sk: `${deletion.deletedAt}#${deletion.key}`,
              ...deletion,
            },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: condition,
          ...(versionSpecific ? { ExpressionAttributeNames: { '#type': 'type' } } : {}),
          ExpressionAttributeValues: marshall(
            versionSpecific
              ? {
                  ':sequencer': deletion.sequencer,
                  ':versionId': deletion.versionId,
                  ':deleted': ITEM_TYPE.deletedArticle,
                }
              : { ':sequencer': deletion.sequencer },
          ),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'written';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const stored = (error as { Item?: Record<string, AttributeValue> }).Item;
      const old = stored ? unmarshall(stored) : undefined;
      return old?.type === ITEM_TYPE.deletedArticle && old.sequencer === deletion.sequencer
        ? 'again'
        : 'newer';
    }
  }

  /**
   * A feed entry has its own sort key, so the tombstone in the `ARTICLE` slot is checked in the
   * same transaction: the entry is written only if the slot holds nothing newer, and an older
   * tombstone (or an older single-article item of the same key) is removed with it.
   */
  private async putEntryIfNewer(
    article: ArticleRecord,
    item: Record<string, unknown>,
  ): Promise<WriteOutcome> {
    return this.putIfNewerWithSlot(article.sequencer, item, 'Delete', article.key);
  }

  /**
   * One transaction: put `item` if it is newer than what it replaces, and check (or delete) the
   * key's `ARTICLE` slot on the same condition, so that nothing older than the slot is written.
   */
  private async putIfNewerWithSlot(
    sequencer: string,
    item: Record<string, unknown>,
    slot: 'ConditionCheck' | 'Delete',
    objectKey: string,
  ): Promise<WriteOutcome> {
    const values = marshall({ ':sequencer': sequencer });
    const onSlot = {
      TableName: this.tableName,
      Key: marshall(articleKey(objectKey)),
      ConditionExpression: NEWER_EVENT_ONLY,
      ExpressionAttributeValues: values,
    };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: marshall(item, { removeUndefinedValues: true }),
                ConditionExpression: NEWER_EVENT_ONLY,
                ExpressionAttributeValues: values,
              },
            },
            slot === 'Delete' ? { Delete: onSlot } : { ConditionCheck: onSlot },
          ],
        }),
      );
      return 'written';
    } catch (error) {
      if (isTransactionConditionFailure(error)) return 'stale';
      throw error;
    }
  }

  private async putIfNewer(sequencer: string, item: Record<string, unknown>): Promise<WriteOutcome> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: NEWER_EVENT_ONLY,
          ExpressionAttributeValues: marshall({ ':sequencer': sequencer }),
        }),
      );
      return 'written';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'stale';
      throw error;
    }
  }

  /** Every item under one pk (keys, sequencer, version and type only), read consistently. */
  private async queryPartition(pk: string): Promise<Record<string, unknown>[]> {
    return queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': pk }),
      ProjectionExpression: 'pk, sk, sequencer, versionId, #type',
      ExpressionAttributeNames: { '#type': 'type' },
      ConsistentRead: true,
    });
  }

  /** Deletes one item, if the condition holds; false when it did not (or the item was gone). */
  private async deleteIf(
    key: { pk: string; sk: string },
    condition?: string,
    expression: { values?: Record<string, unknown>; names?: Record<string, string> } = {},
  ): Promise<boolean> {
    try {
      const response = await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(key),
          ...(condition
            ? {
                ConditionExpression: `attribute_exists(pk) AND (${condition})`,
                ...(expression.values ? { ExpressionAttributeValues: marshall(expression.values) } : {}),
                ...(expression.names ? { ExpressionAttributeNames: expression.names } : {}),
              }
            : {}),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return response.Attributes !== undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
