import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from '../shared/aws-errors';
import type { ClaimedStory, StoryCertainty, StoryClaim, StoryLedger } from '../shared/ports';
import { ITEM_TYPE, storyKey } from '../shared/table-schema';

/**
 * Story state in the table, changed only by conditional writes: of two Lambdas that process
 * articles of the same story at once, only the one whose certainty is news wins the write and
 * publishes. DynamoDB evaluates the condition against the stored item atomically.
 */
export class DynamoStoryLedger implements StoryLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async claim(claim: StoryClaim, leaseSeconds: number): Promise<ClaimedStory | null> {
    const staleBefore = new Date(Date.parse(claim.claimedAt) - leaseSeconds * 1000).toISOString();
    // Climbing the ladder is news; so is a flip to or from denied (denied is level 0, so a story
    // coming back from denied climbs too).
    const isNews = claim.certainty === 'denied' ? '#certainty <> :denied' : '#level < :level';
    try {
      const response = await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...storyKey(claim.topicId, claim.period),
            type: ITEM_TYPE.story,
            gsi1pk: 'STORIES',
            gsi1sk: `${claim.claimedAt}#${claim.topicId}`,
            topicId: claim.topicId,
            period: claim.period,
            certainty: claim.certainty,
            level: claim.level,
            status: 'pending',
            claimedAt: claim.claimedAt,
            articleKey: claim.articleKey,
            contentHash: claim.contentHash,
          }),
          ConditionExpression: `attribute_not_exists(pk) OR ${isNews} OR (#status = :pending AND claimedAt < :staleBefore)`,
          // DynamoDB rejects names the expression does not use, so only those of this condition.
          ExpressionAttributeNames:
            claim.certainty === 'denied'
              ? { '#certainty': 'certainty', '#status': 'status' }
              : { '#level': 'level', '#status': 'status' },
          ExpressionAttributeValues: marshall(
            claim.certainty === 'denied'
              ? { ':denied': 'denied', ':pending': 'pending', ':staleBefore': staleBefore }
              : { ':level': claim.level, ':pending': 'pending', ':staleBefore': staleBefore },
          ),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!response.Attributes) return { claim };
      const old = unmarshall(response.Attributes);
      return {
        claim,
        previous: {
          certainty: old.certainty as StoryCertainty,
          ...(typeof old.articleKey === 'string' ? { articleKey: old.articleKey } : {}),
          ...(typeof old.alertCount === 'number' ? { alertCount: old.alertCount } : {}),
        },
        restore: old,
      };
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  async markSent(claimed: ClaimedStory, messageId: string): Promise<void> {
    const { claim, previous } = claimed;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(storyKey(claim.topicId, claim.period)),
          UpdateExpression:
            'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, alertCount = :count' +
            (previous ? ', previousCertainty = :previous' : ''),
          ConditionExpression: 'claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':sent': 'sent',
            ':messageId': messageId,
            ':sentAt': new Date().toISOString(),
            ':count': (previous?.alertCount ?? 0) + 1,
            ':claimedAt': claim.claimedAt,
            ...(previous ? { ':previous': previous.certainty } : {}),
          }),
        }),
      );
    } catch (error) {
      // A newer claim (an escalation that raced this one) already replaced the item: it stands.
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async release(claimed: ClaimedStory): Promise<void> {
    const { claim, restore } = claimed;
    const mine = {
      ConditionExpression: 'claimedAt = :claimedAt',
      ExpressionAttributeValues: marshall({ ':claimedAt': claim.claimedAt }),
    };
    try {
      if (restore) {
        await this.client.send(
          new PutItemCommand({ TableName: this.tableName, Item: marshall(restore), ...mine }),
        );
      } else {
        await this.client.send(
          new DeleteItemCommand({
            TableName: this.tableName,
            Key: marshall(storyKey(claim.topicId, claim.period)),
            ...mine,
          }),
        );
      }
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
