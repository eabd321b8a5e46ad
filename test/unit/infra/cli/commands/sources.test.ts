import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { BatchGetItemCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { newSource, sourceItem } from '../../../../../functions/contracts/source-record';
import { runCli } from '../../../../../infra/cli/program';
import { captureIo } from '../support';

// `newswatch sources` against mocked AWS clients: nothing leaves the process.
const cfn = mockClient(CloudFormationClient);
const dynamo = mockClient(DynamoDBClient);
const lambda = mockClient(LambdaClient);

const OUTPUTS = { TableName: 'Newswatch-Table', PollerFunctionName: 'Newswatch-Poller' };
const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(['--region', 'eu-west-2', ...argv], { io });
  return { code, out: io.out(), err: io.err() };
};

beforeEach(() => {
  cfn.reset();
  dynamo.reset();
  lambda.reset();
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Newswatch',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: Object.entries(OUTPUTS).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(BatchGetItemCommand).resolves({ Responses: {} });
});

describe('sources (deployed)', () => {
  it('add writes a Source item, due now, on condition that there is none', async () => {
    dynamo.on(PutItemCommand).resolves({});
    const result = await run(
      'sources',
      'add',
      'https://www.example.com/feed.xml',
      '--every',
      '30m',
      '--name',
      'Example',
    );
    expect(result.code, result.err).toBe(0);
    const put = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    const item = unmarshall(put?.Item ?? {});
    expect(item).toMatchObject({
      type: 'Source',
      gsi1pk: 'SOURCES',
      url: 'https://www.example.com/feed.xml',
      name: 'Example',
      intervalMinutes: 30,
      health: { status: 'ok', failures: 0 },
    });
    expect(item.pk).toMatch(/^SOURCE#example-[0-9a-f]{6}$/);
    expect(result.out).toMatch(
      /following https:\/\/www\.example\.com\/feed\.xml as example-[0-9a-f]{6}, every 30m/,
    );
  });

  it.each([
    ['file:///etc/passwd', /only http and https/],
    ['https://x.example/feed --every 1m', /between 5m and 1d/],
  ])('add refuses %s as a usage error', async (args, message) => {
    const result = await run('sources', 'add', ...args.split(' '));
    expect(result.code).toBe(64);
    expect(result.err).toMatch(message);
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('list shows health; poll invokes the poller and exits 1 when a source fails', async () => {
    const failing = {
      ...newSource(
        { id: 'down-abc123', url: 'https://down.example/rss', name: 'down', intervalMinutes: 15 },
        new Date('2026-12-01T00:00:00Z'),
      ),
    };
    failing.health = {
      status: 'failing',
      failures: 3,
      failingSince: '2026-12-01T00:00:00.000Z',
      lastError: 'HTTP 503',
      nextPollAt: '2026-12-01T02:00:00.000Z',
    };
    dynamo.on(QueryCommand).resolves({ Items: [marshall({ gsi1pk: 'SOURCES', gsi1sk: 'down-abc123' })] });
    dynamo
      .on(BatchGetItemCommand)
      .resolves({ Responses: { 'Newswatch-Table': [marshall(sourceItem(failing))] } });
    const listed = await run('sources', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/down-abc123.*failing since 2026-12-01T00:00:00.000Z.*HTTP 503/);

    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: new TextEncoder().encode(
        JSON.stringify({
          sources: [
            {
              id: 'down-abc123',
              url: 'https://down.example/rss',
              status: 'failing',
              new: 0,
              unchanged: 0,
              written: [],
              error: 'HTTP 503',
              ms: 12,
            },
          ],
          failingForADay: 0,
        }),
      ) as never,
    });
    const polled = await run('--json', 'sources', 'poll', 'down-abc123');
    expect(polled.code).toBe(1);
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'Newswatch-Poller', InvocationType: 'RequestResponse' });
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({
      sourceIds: ['down-abc123'],
    });
    expect(JSON.parse(polled.out)).toEqual({
      sources: [
        {
          id: 'down-abc123',
          url: 'https://down.example/rss',
          status: 'failing',
          new: 0,
          unchanged: 0,
          error: 'HTTP 503',
        },
      ],
    });
  });

  it('remove of an unknown source fails and names the list command', async () => {
    const result = await run('sources', 'remove', 'nope');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no source nope \(see: newswatch sources list\)/);
  });
});
