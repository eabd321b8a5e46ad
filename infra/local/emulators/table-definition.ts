import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';
import {
  GSI1,
  GSI1_PROJECTED_ATTRIBUTES,
  TABLE_KEY,
  TTL_ATTRIBUTE,
} from '../../../functions/contracts/table-schema';

/**
 * The CreateTable request for the Newswatch table, built from the same constants the CDK construct
 * uses: string partition/sort keys `pk`/`sk`, one global secondary index `gsi1` on `gsi1pk`/`gsi1sk`
 * projecting the listing attributes (GSI1_PROJECTED_ATTRIBUTES), on-demand billing and a stream with new and old images (what the
 * alert function's event source mapping reads).
 */
export function buildTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEY.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEY.sortKey, AttributeType: 'S' },
      { AttributeName: GSI1.partitionKey, AttributeType: 'S' },
      { AttributeName: GSI1.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1.indexName,
        KeySchema: [
          { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
          { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI1_PROJECTED_ATTRIBUTES] },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** Time to live on the attribute the CDK construct sets (UpdateTimeToLive, after CreateTable). */
export function buildTimeToLive(tableName: string): UpdateTimeToLiveCommandInput {
  return { TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } };
}
