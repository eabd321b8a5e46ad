import {
  BatchWriteItemCommand,
  type BatchWriteItemCommandOutput,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { isConditionalCheckFailed } from './aws-errors';
import type { DigestLedger, MatchRecord } from '../ports/ports';
import {
  ITEM_TYPE,
  TTL_ATTRIBUTE,
  digestPartition,
  digestPendingKey,
  digestSentKey,
} from '../contracts/table-schema';
import { toMatchRecord } from './dynamo-match-repository';
import { queryItems } from './query-items';

/** Pending entries that no digest picked up (a topic switched back to instant) expire after this. */
const PENDING_TTL_DAYS = 14;
/** A sent day is kept long enough to stop any retry of that day's schedule. */
const SENT_TTL_DAYS = 35;

const epochSecondsAfter = (iso: string, days: number) => Math.floor(Date.parse(iso) / 1000) + days * 86_400;

/**
 * The digest queue of each topic, in the topic's own partition: PENDING entries in the order they
 * matched, and one SENT item per day, written with a condition so that a retried or doubled
 * schedule cannot send a day twice.
 */
export class DynamoDigestLedger implements DigestLedger {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async addPending(match: MatchRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall(
          {
            ...digestPendingKey(match.topicId, match.matchedAt, match.articleKey, match.entryId),
            type: ITEM_TYPE.digestPending,
            [TTL_ATTRIBUTE]: epochSecondsAfter(match.matchedAt, PENDING_TTL_DAYS),
            ...match,
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  }

  async pending(topicId: string, until: string): Promise<MatchRecord[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :until',
      ExpressionAttributeValues: marshall({
        ':pk': digestPartition(topicId),
        ':first': 'PENDING#',
        ':until': `PENDING#${until}`,
      }),
    });
    return items.map(toMatchRecord);
  }

  async claimDay(topicId: string, day: string, claimedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({
            ...digestSentKey(topicId, day),
            type: ITEM_TYPE.digestSent,
            topicId,
            day,
            status: 'pending',
            claimedAt,
            [TTL_ATTRIBUTE]: epochSecondsAfter(claimedAt, SENT_TTL_DAYS),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async wasSent(topicId: string, day: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall(digestSentKey(topicId, day)),
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async release(topicId: string, day: string): Promise<void> {
    await this.client
      .send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(digestSentKey(topicId, day)),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: marshall({ ':pending': 'pending' }),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
  }

  async markSent(topicId: string, day: string, messageId: string, sent: MatchRecord[]): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(digestSentKey(topicId, day)),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, matchCount = :count',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':sent': 'sent',
          ':messageId': messageId,
          ':count': sent.length,
        }),
      }),
    );
    // The sent entries leave the queue; one that matched after the digest was read stays for tomorrow.
    const deletes: WriteRequest[] = sent.map((match) => ({
      DeleteRequest: {
        Key: marshall(digestPendingKey(topicId, match.matchedAt, match.articleKey, match.entryId)),
      },
    }));
    for (let i = 0; i < deletes.length; i += 25) {
      let batch: WriteRequest[] | undefined = deletes.slice(i, i + 25);
      // Unprocessed deletes are retried a few times; any left expire with their TTL.
      for (let attempt = 0; batch && batch.length > 0 && attempt < 5; attempt++) {
        const response: BatchWriteItemCommandOutput = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: batch } }),
        );
        batch = response.UnprocessedItems?.[this.tableName];
      }
    }
  }
}
