import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from './aws-errors';
import { TransientError } from '../ports/errors';
import type { Certainty } from '../contracts/vocabulary';
import type { ClaimedStory, StoryClaim, StoryLedger } from '../ports/ports';
import { ITEM_TYPE, storyKey } from '../contracts/table-schema';
import { topicStoryIdOf } from '../domain/stories/story-identity';

/** Rounds of read-then-write before giving up to a retry of the whole record (heavy contention). */
const MAX_ROUNDS = 5;

interface StoredStory {
  certainty: Certainty;
  level: number;
  status?: string;
  claimedAt: string;
  claimId?: string;
  articleKey?: string;
  alertCount?: number;
  [attribute: string]: unknown;
}

/**
 * Story state in the table, changed only by conditional writes: of two Lambdas that process
 * articles of the same story at once, only the one whose certainty is news wins and publishes.
 *
 * A claim reads the story (strongly consistent), decides whether its certainty is news, and writes
 * on condition that the story is still the version it read. Each write carries a random `claimId`:
 * when the condition fails, the story is read again, and finding our own claimId means our write
 * landed and only its response was lost (a 5xx or a timeout after DynamoDB applied it, which the
 * SDK then retried into a condition failure). Without that, a lost response would leave the story
 * claimed by nobody until the lease ran out.
 */
export class DynamoStoryLedger implements StoryLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private async read(claim: StoryClaim): Promise<StoredStory | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(storyKey(claim.topicId, claim.story)),
        ConsistentRead: true,
      }),
    );
    return Item ? (unmarshall(Item) as StoredStory) : undefined;
  }

  /**
   * Climbing the ladder is news; so is a flip to or from denied (denied is level 0, so a story
   * coming back from denied climbs too); so is a claim whose holder crashed before publishing.
   */
  private static isNews(stored: StoredStory, claim: StoryClaim, leaseSeconds: number): boolean {
    const staleBefore = new Date(Date.parse(claim.claimedAt) - leaseSeconds * 1000).toISOString();
    const climbs = claim.certainty === 'denied' ? stored.certainty !== 'denied' : stored.level < claim.level;
    return climbs || (stored.status === 'pending' && stored.claimedAt < staleBefore);
  }

  private static won(claim: StoryClaim, claimId: string, stored: StoredStory | undefined): ClaimedStory {
    if (!stored) return { claim, claimId };
    return {
      claim,
      claimId,
      previous: {
        certainty: stored.certainty,
        ...(typeof stored.articleKey === 'string' ? { articleKey: stored.articleKey } : {}),
        ...(typeof stored.alertCount === 'number' ? { alertCount: stored.alertCount } : {}),
      },
      restore: stored,
    };
  }

  async claim(claim: StoryClaim, leaseSeconds: number): Promise<ClaimedStory | null> {
    const claimId = randomUUID();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const stored = await this.read(claim);
      if (stored && !DynamoStoryLedger.isNews(stored, claim, leaseSeconds)) return null;
      // The version read: its claimId, or for items written before claimIds existed, its claimedAt.
      const sameVersion = !stored
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : stored.claimId
          ? {
              ConditionExpression: 'claimId = :seen',
              ExpressionAttributeValues: marshall({ ':seen': stored.claimId }),
            }
          : {
              ConditionExpression: 'claimedAt = :seen',
              ExpressionAttributeValues: marshall({ ':seen': stored.claimedAt }),
            };
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: marshall(
              {
                ...storyKey(claim.topicId, claim.story),
                type: ITEM_TYPE.story,
                gsi1pk: 'STORIES',
                gsi1sk: `${claim.claimedAt}#${claim.topicId}`,
                topicId: claim.topicId,
                ...claim.story,
                certainty: claim.certainty,
                level: claim.level,
                status: 'pending',
                claimId,
                claimedAt: claim.claimedAt,
                articleKey: claim.articleKey,
                contentHash: claim.contentHash,
                // Carried over, so that a lost response can still tell what the story was.
                alertCount: stored?.alertCount ?? 0,
                ...(stored ? { previousCertainty: stored.certainty } : {}),
              },
              { removeUndefinedValues: true },
            ),
            ...sameVersion,
          }),
        );
        return DynamoStoryLedger.won(claim, claimId, stored);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const now = await this.read(claim);
        if (now?.claimId === claimId) return DynamoStoryLedger.won(claim, claimId, stored);
        // Someone else changed the story since we read it: decide again on what it is now.
      }
    }
    throw new TransientError(
      `story ${topicStoryIdOf(claim.topicId, claim.story)} changed under ${MAX_ROUNDS} claims in a row; retrying the record`,
    );
  }

  private static mine(claimed: ClaimedStory) {
    return claimed.claimId
      ? { condition: 'claimId = :mine', value: claimed.claimId }
      : { condition: 'claimedAt = :mine', value: claimed.claim.claimedAt };
  }

  async sentBy(claim: StoryClaim): Promise<string | undefined> {
    const stored = await this.read(claim);
    return stored?.status === 'sent' &&
      stored.articleKey === claim.articleKey &&
      stored.contentHash === claim.contentHash &&
      typeof stored.messageId === 'string'
      ? stored.messageId
      : undefined;
  }

  async markSent(claimed: ClaimedStory, messageId: string): Promise<void> {
    const { claim, previous } = claimed;
    const mine = DynamoStoryLedger.mine(claimed);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(storyKey(claim.topicId, claim.story)),
          UpdateExpression:
            'SET #status = :sent, messageId = :messageId, sentAt = :sentAt, alertCount = :count',
          ConditionExpression: mine.condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({
            ':sent': 'sent',
            ':messageId': messageId,
            ':sentAt': new Date().toISOString(),
            ':count': (previous?.alertCount ?? 0) + 1,
            ':mine': mine.value,
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
    const mine = DynamoStoryLedger.mine(claimed);
    const onlyIfMine = {
      ConditionExpression: mine.condition,
      ExpressionAttributeValues: marshall({ ':mine': mine.value }),
    };
    try {
      if (restore) {
        await this.client.send(
          new PutItemCommand({ TableName: this.tableName, Item: marshall(restore), ...onlyIfMine }),
        );
      } else {
        await this.client.send(
          new DeleteItemCommand({
            TableName: this.tableName,
            Key: marshall(storyKey(claim.topicId, claim.story)),
            ...onlyIfMine,
          }),
        );
      }
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}
