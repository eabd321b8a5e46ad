import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../infra/cli/program';
import { captureIo } from '../support';

// Deployed, with every AWS client mocked: nothing leaves the process.
const cfn = mockClient(CloudFormationClient);
const dynamo = mockClient(DynamoDBClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);
const TOPIC = 'arn:aws:sns:eu-west-2:123456789012:Newswatch-Alerts';

const run = async (...argv: string[]) => {
  const io = captureIo();
  const code = await runCli(['--region', 'eu-west-2', ...argv], { io });
  return { code, out: io.out(), err: io.err() };
};

beforeEach(() => {
  for (const mock of [cfn, dynamo, sns, secrets]) mock.reset();
  cfn.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'Newswatch',
        StackStatus: 'CREATE_COMPLETE',
        CreationTime: new Date(),
        Outputs: [
          { OutputKey: 'TableName', OutputValue: 'Newswatch-Table' },
          { OutputKey: 'AlertsTopicArn', OutputValue: TOPIC },
        ],
      },
    ],
  });
  sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
});

const URL_WITH_TOKEN = 'https://hooks.example.com/services/T0/B0/very-secret-token';

describe('newswatch subscribe --webhook', () => {
  it('a json webhook: its secret in Secrets Manager under newswatch/webhooks/<id>, printed once', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run(
      'subscribe',
      '--webhook',
      URL_WITH_TOKEN,
      '--topic',
      'trump-kim-summit',
      '--min-certainty',
      'planned',
    );
    expect(result.code, result.err).toBe(0);
    const item = unmarshall(dynamo.commandCalls(PutItemCommand)[0]!.args[0].input.Item!);
    expect(item).toMatchObject({
      pk: 'WEBHOOKS',
      type: 'Webhook',
      url: URL_WITH_TOKEN,
      format: 'json',
      topics: ['trump-kim-summit'],
      minimumCertainty: 'planned',
    });
    expect(item.sk).toBe(`WEBHOOK#${String(item.id)}`);
    expect(String(item.id)).toMatch(/^wh-[0-9a-f]{12}$/);
    const created = secrets.commandCalls(CreateSecretCommand)[0]!.args[0].input;
    expect(created.Name).toBe(`newswatch/webhooks/${String(item.id)}`);
    expect(created.SecretString).toMatch(/^[0-9a-f]{64}$/);
    expect(result.out).toContain(created.SecretString);
    expect(result.out).toContain('hooks.example.com');
    expect(result.out).not.toContain('very-secret-token');
  });

  it('Slack and Teams webhooks get no secret', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const result = await run('subscribe', '--webhook', URL_WITH_TOKEN, '--format', 'slack');
    expect(result.code, result.err).toBe(0);
    expect(secrets.commandCalls(CreateSecretCommand)).toHaveLength(0);
    expect(result.out).not.toContain('secret');
  });

  it('refuses a URL that is not http(s), and an unknown format', async () => {
    expect((await run('subscribe', '--webhook', 'file:///etc/passwd')).code).toBe(64);
    expect((await run('subscribe', '--webhook', URL_WITH_TOKEN, '--format', 'xml')).code).toBe(64);
    expect((await run('subscribe', '--webhook', URL_WITH_TOKEN, '--email', 'a@example.com')).code).toBe(64);
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(0);
  });
});

describe('subscriptions and unsubscribe', () => {
  const stored = marshall({
    pk: 'WEBHOOKS',
    sk: 'WEBHOOK#wh-0123456789ab',
    type: 'Webhook',
    id: 'wh-0123456789ab',
    url: URL_WITH_TOKEN,
    format: 'teams',
    createdAt: '2026-12-01T00:00:00.000Z',
  });

  it('lists webhooks by host only', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [stored] });
    const text = await run('subscriptions');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/│ wh-0123456789ab │ teams +│ hooks\.example\.com │ all +│ speculative │/);
    expect(text.out).not.toContain('very-secret-token');
    const json = await run('--json', 'subscriptions');
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({ protocol: 'webhook', endpoint: 'hooks.example.com', id: 'wh-0123456789ab' }),
    ]);
    expect(json.out).not.toContain('very-secret-token');
  });

  it('unsubscribe <id> removes the webhook and its secret', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [stored] });
    dynamo.on(DeleteItemCommand).resolves({});
    secrets.on(DeleteSecretCommand).resolves({});
    const result = await run('unsubscribe', 'wh-0123456789ab');
    expect(result.code, result.err).toBe(0);
    expect(unmarshall(dynamo.commandCalls(DeleteItemCommand)[0]!.args[0].input.Key!)).toEqual({
      pk: 'WEBHOOKS',
      sk: 'WEBHOOK#wh-0123456789ab',
    });
    expect(secrets.commandCalls(DeleteSecretCommand)[0]?.args[0].input).toEqual({
      SecretId: 'newswatch/webhooks/wh-0123456789ab',
      ForceDeleteWithoutRecovery: true,
    });
    expect((await run('unsubscribe', 'wh-000000000000')).code).toBe(1);
  });
});
