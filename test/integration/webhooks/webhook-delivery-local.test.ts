import { SNSClient } from '@aws-sdk/client-sns';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoWebhookRepository } from '../../../functions/adapters/dynamo-webhook-repository';
import { SnsAlertPublisher } from '../../../functions/adapters/sns-alert-publisher';
import { FileWebhookSecrets } from '../../../functions/adapters/webhook-secret-stores';
import { WEBHOOK_HEADERS } from '../../../functions/contracts/webhook';
import { formatAlert } from '../../../functions/messages/alert-message';
import { verifyWebhookSignature } from '../../../functions/messages/webhook-signature';
import { deliverLocalAlerts } from '../../../infra/local/delivery-local';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../../infra/local/java-check';
import { LOCAL_TOPIC_ARN, startLocalStack, type LocalStack } from '../../../infra/local/local-stack';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const SECRET = 'a'.repeat(64);

interface Received {
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
  signatureValid?: boolean;
}

// The receiver runs on 127.0.0.1 and checks the signature of every JSON post as a user's would.
describe('webhook delivery in the local twin (DynamoDB Local, the SNS sink, the real delivery handler)', () => {
  let stack: LocalStack;
  let server: Server;
  let base: string;
  let secretsDir: string;
  const received: Received[] = [];

  beforeAll(async () => {
    secretsDir = await mkdtemp(join(tmpdir(), 'newswatch-webhook-secrets-'));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const entry: Received = { path: req.url ?? '', body, headers: req.headers, at: performance.now() };
        if (req.url === '/json') {
          entry.signatureValid = verifyWebhookSignature(
            SECRET,
            String(req.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()]),
            body,
            String(req.headers[WEBHOOK_HEADERS.signature.toLowerCase()]),
          );
        }
        received.push(entry);
        res.writeHead(entry.signatureValid === false ? 401 : 200).end('ok');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stack = await startLocalStack({ alertsFile: null, logLevel: 'ERROR' });
    const webhooks = new DynamoWebhookRepository(stack.clients.dynamodb, stack.tableName);
    const at = '2026-12-02T00:00:00.000Z';
    await webhooks.add({ id: 'wh-00000000000a', url: `${base}/slack`, format: 'slack', createdAt: at });
    await webhooks.add({ id: 'wh-00000000000b', url: `${base}/teams`, format: 'teams', createdAt: at });
    await webhooks.add({ id: 'wh-00000000000c', url: `${base}/json`, format: 'json', createdAt: at });
    await webhooks.add({
      id: 'wh-00000000000d',
      url: `${base}/confirmed-only`,
      format: 'json',
      minimumCertainty: 'confirmed',
      createdAt: at,
    });
    await new FileWebhookSecrets(secretsDir).put('wh-00000000000c', SECRET);
    await new FileWebhookSecrets(secretsDir).put('wh-00000000000d', SECRET);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await new Promise<void>((done) => server.close(() => done()));
    await rm(secretsDir, { recursive: true, force: true });
  });

  it('posts an alert published to the topic to each matching receiver, signed, and measures the latency', async () => {
    const sns = new SNSClient({
      endpoint: stack.sns.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const message = formatAlert(
      {
        topicId: 'trump-kim-summit',
        topicName: 'Trump–Kim summit',
        certainty: 'planned',
        evidence: [{ sentence: 'Trump will meet Kim in March.', certainty: 'planned', cues: ['will'] }],
      },
      {
        key: 'articles/summit.txt',
        bucket: stack.bucketName,
        title: 'Summit set for March',
        publishedAt: '2026-12-01',
        summary: ['The two leaders will meet in March.'],
        url: 'https://news.example.com/summit',
      },
      { storyId: 'trump-kim-summit#2026-12', change: 'new' },
    );
    const published = performance.now();
    await new SnsAlertPublisher(sns, LOCAL_TOPIC_ARN).publish(message);
    const result = await deliverLocalAlerts(stack.sns.messages, { secretsDir });
    expect(result).toEqual({ delivered: 1, failed: [] });

    expect(received.map((r) => r.path).sort()).toEqual(['/json', '/slack', '/teams']);
    const json = received.find((r) => r.path === '/json')!;
    expect(json.signatureValid).toBe(true);
    expect(JSON.parse(json.body)).toMatchObject({
      version: 1,
      topicId: 'trump-kim-summit',
      certainty: 'planned',
    });
    expect(JSON.parse(received.find((r) => r.path === '/slack')!.body).blocks[0].type).toBe('header');
    expect(JSON.parse(received.find((r) => r.path === '/teams')!.body).attachments[0].content.type).toBe(
      'AdaptiveCard',
    );
    const latencies = received.map((r) => `${r.path} ${(r.at - published).toFixed(1)} ms`);
    // The figure the README quotes: alert published → receiver got it, locally (includes the
    // delivery handler's cold start on the first alert).
    process.stdout.write(`webhook delivery latency, cold (published → received): ${latencies.join(', ')}\n`);

    // Warm: a confirmed alert reaches the confirmed-only webhook too; the others again.
    received.length = 0;
    const before = stack.sns.messages.length;
    const confirmed = { ...message, attributes: { ...message.attributes, certainty: 'confirmed' } };
    const warm = performance.now();
    await new SnsAlertPublisher(sns, LOCAL_TOPIC_ARN).publish(confirmed);
    expect(await deliverLocalAlerts(stack.sns.messages.slice(before), { secretsDir })).toEqual({
      delivered: 1,
      failed: [],
    });
    expect(received.map((r) => r.path).sort()).toEqual(['/confirmed-only', '/json', '/slack', '/teams']);
    const warmLatencies = received.map((r) => `${r.path} ${(r.at - warm).toFixed(1)} ms`);
    process.stdout.write(
      `webhook delivery latency, warm (published → received): ${warmLatencies.join(', ')}\n`,
    );
    sns.destroy();
  });
});
