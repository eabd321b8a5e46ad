import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from '../shared/aws-errors';
import type { ArticleRepository, WriteOutcome } from '../shared/ports';
import type { ArticleRecord, RejectionRecord } from '../shared/records';
import {
  ARTICLES_GSI_PK,
  ITEM_TYPE,
  REJECTIONS_GSI_PK,
  articleKey,
  rejectionKey,
} from '../shared/table-schema';

/**
 * S3 delivers events at least once and in any order. Writing only when the event's sequencer is
 * newer than the one stored makes redelivery a no-op (no second item, no stream record, no second
 * alert) and lets the latest version of an object win whatever the arrival order.
 */
const NEWER_EVENT_ONLY = 'attribute_not_exists(pk) OR sequencer < :sequencer';

export class DynamoArticleRepository implements ArticleRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async saveArticle(article: ArticleRecord): Promise<WriteOutcome> {
    return this.putIfNewer(article.sequencer, {
      ...articleKey(article.key, article.entryId),
      type: ITEM_TYPE.article,
      gsi1pk: ARTICLES_GSI_PK,
      gsi1sk: `${article.publishedAt ?? '0000-00-00'}#${article.key}${article.entryId ? `#${article.entryId}` : ''}`,
      ...article,
    });
  }

  async saveRejection(rejection: RejectionRecord): Promise<WriteOutcome> {
    return this.putIfNewer(rejection.sequencer, {
      ...rejectionKey(rejection.key),
      type: ITEM_TYPE.rejection,
      gsi1pk: REJECTIONS_GSI_PK,
      gsi1sk: `${rejection.rejectedAt}#${rejection.key}`,
      ...rejection,
    });
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
}
