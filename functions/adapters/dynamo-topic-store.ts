import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StoredTopic } from '../domain/topics/topic-catalogue';
import type { TopicStore } from '../ports/ports';
import { queryItems } from './query-items';
import { GSI1, ITEM_TYPE, TOPICS_GSI_PK, topicKey } from '../contracts/table-schema';

/**
 * Topics added at run time, one item each, listed through gsi1 (`TOPICS`). The definition is kept
 * as JSON text rather than a map: it is validated by whoever reads it (a stored topic written by an
 * older version stays readable and is reported, not silently coerced), and DynamoDB's map type
 * would turn empty strings and lists into edge cases.
 */
export class DynamoTopicStore implements TopicStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<StoredTopic[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': TOPICS_GSI_PK }),
    });
    return items.flatMap((item): StoredTopic[] => {
      if (typeof item.topicId !== 'string') return [];
      if (item.removed === true) return [{ id: item.topicId, removed: true }];
      let definition: unknown;
      try {
        definition = JSON.parse(String(item.definition));
      } catch {
        // Reported by the validation that follows, with the topic's id.
        definition = { id: item.topicId, invalidJson: String(item.definition) };
      }
      return [{ id: item.topicId, definition }];
    });
  }

  async put(id: string, definition: unknown, updatedAt: string): Promise<void> {
    await this.write(id, { definition: JSON.stringify(definition), updatedAt });
  }

  async remove(id: string, updatedAt: string): Promise<void> {
    // A tombstone rather than a delete: a topic that ships in seeds/topics.json stays hidden.
    await this.write(id, { removed: true, updatedAt });
  }

  /** The topic's one item, listed on gsi1 under TOPICS: a definition or a tombstone. */
  private async write(id: string, fields: Record<string, unknown>): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({
          ...topicKey(id),
          type: ITEM_TYPE.topic,
          gsi1pk: TOPICS_GSI_PK,
          gsi1sk: id,
          topicId: id,
          ...fields,
        }),
      }),
    );
  }
}
