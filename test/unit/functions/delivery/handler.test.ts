import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webhookKey } from '../../../../functions/contracts/table-schema';
import { verifyWebhookSignature } from '../../../../functions/messages/webhook-signature';
import { lambdaContext } from '../../../support/article-factories';
import { snsEnvelope, summitAlert } from '../../../support/webhooks/webhook-fixtures';

const dynamo = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);
type Handler = typeof import('../../../../functions/delivery/handler').handler;
let handler: Handler;
let server: Server;
let base: string;
const received: { url?: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body });
      res.writeHead(req.url === '/down' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('NEWSWATCH_ALLOW_LOOPBACK', 'true');
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  handler = (await import('../../../../functions/delivery/handler')).handler;
});
afterAll(() => {
  vi.unstubAllEnvs();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const item = (id: string, url: string, format: string, extra: Record<string, unknown> = {}) =>
  marshall({ ...webhookKey(id), type: 'Webhook', id, url, format, createdAt: '2026-12-01', ...extra });

describe('delivery handler (SQS event of SNS alert envelopes)', () => {
  it('reads WEBHOOKS, gets the json secret from Secrets Manager once, posts, reports failures per record', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        item('wh-00000000000a', `${base}/slack`, 'slack'),
        item('wh-00000000000b', `${base}/json`, 'json'),
        item('wh-00000000000c', `${base}/down`, 'teams', { topics: ['another'] }),
      ],
    });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'the-secret' });
    const result = await handler(
      {
        Records: [
          { messageId: 'r1', body: snsEnvelope(summitAlert(), 'm1') },
          { messageId: 'r2', body: snsEnvelope(summitAlert(), 'm2') },
        ],
      } as never,
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'articles-table',
      KeyConditionExpression: 'pk = :pk',
    });
    expect(received.map((r) => r.url)).toEqual(['/slack', '/json', '/slack', '/json']);
    const json = received[1]!;
    expect(
      verifyWebhookSignature(
        'the-secret',
        String(json.headers['x-newswatch-timestamp']),
        json.body,
        String(json.headers['x-newswatch-signature']),
      ),
    ).toBe(true);
    // Cached: one read of the secret for two alerts.
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('a receiver answering 500 makes its record a batch item failure', async () => {
    dynamo.reset();
    dynamo.on(QueryCommand).resolves({ Items: [item('wh-00000000000c', `${base}/down`, 'teams')] });
    const result = await handler(
      { Records: [{ messageId: 'r3', body: snsEnvelope(summitAlert(), 'm3') }] } as never,
      lambdaContext(),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'r3' }] });
  });
});
