import { DeleteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPE, WEBHOOKS_PARTITION, webhookKey } from '../contracts/table-schema';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../contracts/webhook';
import { MINIMUM_CERTAINTIES, type MinimumCertainty } from '../contracts/vocabulary';
import { WebhookNotFoundError, type WebhookRecord, type WebhookRepository } from '../ports/webhook-ports';
import { isConditionalCheckFailed } from './aws-errors';
import { queryItems } from './query-items';

/** Webhooks, one partition (`WEBHOOKS`, sk `WEBHOOK#<id>`): one Query lists them all. */
export class DynamoWebhookRepository implements WebhookRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<WebhookRecord[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': WEBHOOKS_PARTITION }),
    });
    return items.flatMap(toRecord).sort((a, b) => a.id.localeCompare(b.id));
  }

  async add(webhook: WebhookRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: marshall(
          { ...webhookKey(webhook.id), type: ITEM_TYPE.webhook, ...webhook },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async remove(id: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: marshall(webhookKey(id)),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new WebhookNotFoundError(`no webhook ${id}`);
      throw error;
    }
  }
}

/** An item that is not a whole webhook (a hand edit) is skipped rather than failing every alert. */
const toRecord = (item: Record<string, unknown>): WebhookRecord[] => {
  const { id, url, format, topics, minimumCertainty, createdAt } = item;
  if (typeof id !== 'string' || typeof url !== 'string') return [];
  if (!WEBHOOK_FORMATS.includes(format as WebhookFormat)) return [];
  const minimum = MINIMUM_CERTAINTIES.includes(minimumCertainty as MinimumCertainty)
    ? (minimumCertainty as MinimumCertainty)
    : undefined;
  const topicList = Array.isArray(topics) ? topics.filter((t): t is string => typeof t === 'string') : [];
  return [
    {
      id,
      url,
      format: format as WebhookFormat,
      ...(topicList.length > 0 ? { topics: topicList } : {}),
      ...(minimum ? { minimumCertainty: minimum } : {}),
      createdAt: typeof createdAt === 'string' ? createdAt : '',
    },
  ];
};
