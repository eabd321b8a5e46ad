import { BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { UnprocessedKeysError, getItemsByKey } from '../../../../functions/adapters/query-items';

const dynamo = mockClient(DynamoDBClient);
const client = () => new DynamoDBClient({ region: 'eu-west-1' });
const item = (pk: string) => ({ pk, sk: 'ARTICLE', title: `Title ${pk}` });

beforeEach(() => dynamo.reset());

describe('getItemsByKey (a page of index results, whole from the table)', () => {
  it('returns the items in the order of the keys, each key once, skipping keys with no item', async () => {
    dynamo.on(BatchGetItemCommand).resolves({
      Responses: { table: [marshall(item('b')), marshall(item('a'))] },
    });
    const keys = [item('a'), item('gone'), item('b'), item('a')].map(({ pk, sk }) => ({ pk, sk }));
    expect((await getItemsByKey(client(), 'table', keys)).map((found) => found.pk)).toEqual(['a', 'b']);
    expect(dynamo.commandCalls(BatchGetItemCommand)[0]?.args[0].input.RequestItems?.table?.Keys).toHaveLength(
      3,
    );
  });

  it('asks again for the keys DynamoDB left unprocessed, and asks in requests of 100 keys', async () => {
    const keys = Array.from({ length: 150 }, (_, i) => ({ pk: `k${i}`, sk: 'ARTICLE' }));
    dynamo
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { table: [marshall(item('k0'))] },
        UnprocessedKeys: { table: { Keys: [marshall({ pk: 'k1', sk: 'ARTICLE' })] } },
      })
      .resolvesOnce({ Responses: { table: [marshall(item('k1'))] } })
      .resolves({ Responses: { table: [marshall(item('k149'))] } });
    const found = await getItemsByKey(client(), 'table', keys);
    expect(found.map((entry) => entry.pk)).toEqual(['k0', 'k1', 'k149']);
    const sizes = dynamo
      .commandCalls(BatchGetItemCommand)
      .map((call) => call.args[0].input.RequestItems?.table?.Keys?.length);
    expect(sizes).toEqual([100, 1, 50]);
  });

  it('gives up with a named error when keys stay unprocessed', async () => {
    dynamo.on(BatchGetItemCommand).resolves({
      Responses: { table: [] },
      UnprocessedKeys: { table: { Keys: [marshall({ pk: 'a', sk: 'ARTICLE' })] } },
    });
    await expect(getItemsByKey(client(), 'table', [{ pk: 'a', sk: 'ARTICLE' }])).rejects.toBeInstanceOf(
      UnprocessedKeysError,
    );
  });
});
