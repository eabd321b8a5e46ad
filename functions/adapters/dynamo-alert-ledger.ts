import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from '../shared/aws-errors';
import type { AlertClaim, AlertLedger } from '../shared/ports';
import { ITEM_TYPE, alertKey } from '../shared/table-schema';

/**
 * Alert de-duplication with conditional writes: concurrent or repeated deliveries of the same
 * stream record race for one item, and only the winner publishes.
 */
export class DynamoAlertLedger implements AlertLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(claim: AlertClaim, leaseSeconds: number): Promise<boolean> {
    const staleBefore = new Date(Date.parse(claim.claimedAt) - leaseSeconds * 1000).toISOString();
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...alertKey(claim.topicId, claim.contentHash),
            type: ITEM_TYPE.alert,
            gsi1pk: `ALERTS#${claim.topicId}`,
            gsi1sk: claim.claimedAt,
            topicId: claim.topicId,
            contentHash: claim.contentHash,
            articleKey: claim.articleKey,
            status: 'pending',
            claimedAt: claim.claimedAt,
          }),
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :pending AND claimedAt < :staleBefore)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':pending': 'pending', ':staleBefore': staleBefore }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async markSent(claim: AlertClaim, messageId: string): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(alertKey(claim.topicId, claim.contentHash)),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :sentAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':sent': 'sent',
          ':messageId': messageId,
          ':sentAt': new Date().toISOString(),
        }),
      }),
    );
  }

  async release(claim: AlertClaim): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(alertKey(claim.topicId, claim.contentHash)),
          // Never delete a claim someone else has since completed.
          ConditionExpression: '#status = :pending AND claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':pending': 'pending', ':claimedAt': claim.claimedAt }),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
