import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { sourceItem } from '../contracts/source-record';
import { GSI1, ITEM_TYPE, SOURCES_GSI_PK, sourceEntryKey, sourceKey } from '../contracts/table-schema';
import {
  SourceExistsError,
  SourceNotFoundError,
  type SourcePollUpdate,
  type SourceRecord,
  type SourceRepository,
} from '../ports/source-ports';
import { isConditionalCheckFailed } from './aws-errors';
import { getItemsByKey, queryItems, UnprocessedKeysError } from './query-items';

/**
 * Feed sources and the entries each has had written, one partition per source
 * (`SOURCE#<id>`: the Source item and its SourceEntry items), listed through gsi1 (`SOURCES`).
 * gsi1 projects only the listing attributes, so the list reads the Source items by key.
 */
export class DynamoSourceRepository implements SourceRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<SourceRecord[]> {
    const listed = await queryItems(this.client, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': SOURCES_GSI_PK }),
    });
    const keys = listed.map((item) => sourceKey(String(item.gsi1sk)));
    const items = await getItemsByKey(this.client, this.tableName, keys);
    return items.map(toRecord).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<SourceRecord | undefined> {
    const [item] = await getItemsByKey(this.client, this.tableName, [sourceKey(id)]);
    return item === undefined ? undefined : toRecord(item);
  }

  async add(source: SourceRecord): Promise<void> {
    if ((await this.list()).some((other) => other.url === source.url)) {
      throw new SourceExistsError(`${source.url} is followed already`);
    }
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(sourceItem(source), { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new SourceExistsError(`a source ${source.id} exists already`);
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': sourceKey(id).pk }),
      ProjectionExpression: 'pk, sk',
    });
    if (!items.some((item) => item.sk === sourceKey(id).sk)) throw new SourceNotFoundError(`no source ${id}`);
    // The Source item last: a removal cut short leaves a source that can be removed again.
    const entries = items.filter((item) => item.sk !== sourceKey(id).sk);
    for (let i = 0; i < entries.length; i += 25) {
      let pending = entries.slice(i, i + 25).map((item) => ({
        DeleteRequest: { Key: marshall({ pk: item.pk, sk: item.sk }) },
      }));
      for (let round = 0; pending.length > 0; round++) {
        if (round === 8)
          throw new UnprocessedKeysError(`DynamoDB left ${pending.length} entries of ${id} undeleted`);
        const result = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      }
    }
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall(sourceKey(id)) }),
    );
  }

  async recordPoll(id: string, update: SourcePollUpdate): Promise<void> {
    const fields = Object.entries(update).filter(([, value]) => value !== undefined);
    const names = Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name]));
    const values = marshall(Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])), {
      removeUndefinedValues: true,
    });
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall(sourceKey(id)),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          // A source removed while it was being polled stays removed.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async markSeen(id: string, entryHash: string, seenAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall({ ...sourceEntryKey(id, entryHash), type: ITEM_TYPE.sourceEntry, seenAt }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async unmarkSeen(id: string, entryHash: string): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall(sourceEntryKey(id, entryHash)) }),
    );
  }
}

const toRecord = (item: Record<string, unknown>): SourceRecord => {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _gpk, gsi1sk: _gsk, ...record } = item;
  return record as unknown as SourceRecord;
};
