import { PutItemCommand, type DynamoDBClient, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { isConditionalCheckFailed } from './aws-errors';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { MatchQuery, MatchRecord, MatchRepository } from '../ports/ports';
import { getItemsByKey, queryItems, type ItemKey } from './query-items';
import { GSI1, ITEM_TYPE, matchKey, matchesGsiPk } from '../contracts/table-schema';

/** The day a match is filed under: the article's own date, else the day it matched. */
export const matchDay = (match: Pick<MatchRecord, 'publishedAt' | 'matchedAt'>) =>
  (match.publishedAt ?? match.matchedAt).slice(0, 10);

const MATCH_FIELDS = [
  'topicId',
  'topicName',
  'storyId',
  'certainty',
  'outcome',
  'delivery',
  'articleKey',
  'bucket',
  'versionId',
  'entryId',
  'title',
  'summaryLine',
  'source',
  'url',
  'publishedAt',
  'evidence',
  'contentHash',
  'matchedAt',
  'messageId',
] as const;

export const toMatchRecord = (item: Record<string, unknown>): MatchRecord => {
  const record: Record<string, unknown> = {};
  for (const field of MATCH_FIELDS) if (item[field] !== undefined) record[field] = item[field];
  return { publishedAt: null, evidence: [], ...record } as unknown as MatchRecord;
};

/**
 * Matches live beside their article (pk `ARTICLE#<key>`), so deleting or re-ingesting the article
 * finds them, and in gsi1 under `MATCH#<topic>` ordered by day, for "what matched this topic last
 * week". A re-analysed article overwrites its match: the latest version of the article is the one
 * that counts.
 */
export class DynamoMatchRepository implements MatchRepository {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async saveMatch(match: MatchRecord): Promise<void> {
    // A match that was sent stays sent for that content: a retried record (its claim found sent,
    // so now a duplicate) must not overwrite what subscribers were told.
    // A backfill (reprocess --topics-only) fills in what was never recorded and never overwrites
    // an outcome the alert function decided; a rerun replaces only its own earlier backfill.
    const keepSent =
      match.outcome === 'sent'
        ? {}
        : match.outcome === 'backfill'
          ? {
              ConditionExpression: 'attribute_not_exists(pk) OR outcome = :backfill',
              ExpressionAttributeValues: marshall({ ':backfill': 'backfill' }),
            }
          : {
              ConditionExpression: 'attribute_not_exists(pk) OR outcome <> :sent OR contentHash <> :hash',
              ExpressionAttributeValues: marshall({ ':sent': 'sent', ':hash': match.contentHash }),
            };
    try {
      await this.save(match, keepSent);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  private async save(match: MatchRecord, condition: Partial<PutItemCommandInput>): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        ...condition,
        TableName: this.tableName,
        Item: marshall(
          {
            ...matchKey(match.articleKey, match.topicId, match.entryId),
            type: ITEM_TYPE.match,
            gsi1pk: matchesGsiPk(match.topicId),
            gsi1sk: `${matchDay(match)}#${match.articleKey}${match.entryId ? `#${match.entryId}` : ''}`,
            ...match,
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  }

  async queryMatches(query: MatchQuery): Promise<MatchRecord[]> {
    // Sort keys start with the day, so an inclusive day range is a BETWEEN on `<from>` … `<to>~`
    // ('~' sorts after every character a key continues with).
    const from = query.from ?? '0000-00-00';
    const to = `${query.to ?? '9999-99-99'}~`;
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
        ExpressionAttributeValues: marshall({ ':pk': matchesGsiPk(query.topicId), ':from': from, ':to': to }),
        ScanIndexForward: false,
      },
      query.limit === undefined ? {} : { limit: query.limit },
    );
    // The index holds the keys and a few listing attributes: the matches come from the table.
    const whole = await getItemsByKey(this.client, this.tableName, items as unknown as ItemKey[]);
    return whole.map(toMatchRecord);
  }
}
