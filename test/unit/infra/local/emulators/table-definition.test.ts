import { describe, expect, it } from 'vitest';
import {
  GSI1,
  GSI1_PROJECTED_ATTRIBUTES,
  TABLE_KEY,
  TTL_ATTRIBUTE,
} from '../../../../../functions/contracts/table-schema';
import { buildTableDefinition, buildTimeToLive } from '../../../../../infra/local/emulators/table-definition';

describe('buildTableDefinition', () => {
  const definition = buildTableDefinition('t');

  it('keys the table and gsi1 on the schema constants, all strings', () => {
    expect(definition.KeySchema).toEqual([
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ]);
    expect(definition.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: GSI1.indexName,
        KeySchema: [
          { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
          { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI1_PROJECTED_ATTRIBUTES] },
      },
    ]);
    expect(definition.AttributeDefinitions?.map((a) => a.AttributeType)).toEqual(['S', 'S', 'S', 'S']);
  });

  it('is on-demand with a NEW_AND_OLD_IMAGES stream', () => {
    expect(definition.BillingMode).toBe('PAY_PER_REQUEST');
    expect(definition.StreamSpecification).toEqual({
      StreamEnabled: true,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(definition.ProvisionedThroughput).toBeUndefined();
  });
});

describe('buildTimeToLive', () => {
  it('enables TTL on the attribute the CDK construct uses', () => {
    expect(buildTimeToLive('t')).toEqual({
      TableName: 't',
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });
});
