import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoMatchRepository } from '../../../../functions/adapters/dynamo-match-repository';
import type { MatchRecord } from '../../../../functions/ports/ports';
import { matchRecord } from '../../../support/match-factories';

const dynamo = mockClient(DynamoDBClient);
const repository = () => new DynamoMatchRepository(new DynamoDBClient({ region: 'eu-west-1' }), 'table');

beforeEach(() => dynamo.reset());

describe('DynamoMatchRepository.saveMatch', () => {
  it('writes a sent match unconditionally', async () => {
    dynamo.on(PutItemCommand).resolves({});
    await repository().saveMatch(matchRecord({ outcome: 'sent', messageId: 'm-1' }));
    const input = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBeUndefined();
    expect(unmarshall(input.Item!)).toMatchObject({ type: 'Match', outcome: 'sent', messageId: 'm-1' });
  });

  it('never lets another outcome replace a sent match of the same content', async () => {
    dynamo
      .on(PutItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'sent', $metadata: {} }));
    const duplicate: MatchRecord = matchRecord({ outcome: 'duplicate', contentHash: 'h'.repeat(64) });
    await expect(repository().saveMatch(duplicate)).resolves.toBeUndefined();
    const input = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toBe(
      'attribute_not_exists(pk) OR outcome <> :sent OR contentHash <> :hash',
    );
    expect(unmarshall(input.ExpressionAttributeValues!)).toEqual({
      ':sent': 'sent',
      ':hash': 'h'.repeat(64),
    });
  });

  it('lets other failures through', async () => {
    dynamo.on(PutItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(repository().saveMatch(matchRecord({ outcome: 'duplicate' }))).rejects.toThrow('throttled');
  });
});
