import { describe, expect, it } from 'vitest';
import { WEBHOOK_HEADERS } from '../../../../functions/contracts/webhook';
import { createDeliverAlert, selectWebhooks } from '../../../../functions/delivery/deliver-alert';
import { createSqsEventHandler } from '../../../../functions/delivery/handle-sqs-event';
import { parseSnsEnvelope } from '../../../../functions/delivery/sns-envelope';
import { verifyWebhookSignature } from '../../../../functions/messages/webhook-signature';
import {
  InMemoryWebhookRepository,
  InMemoryWebhookSecrets,
  recordingSender,
  snsEnvelope,
  summitAlert,
  webhook,
} from '../../../support/webhooks/webhook-fixtures';

const SLACK = webhook({ id: 'wh-00000000000a', format: 'slack', url: 'https://hooks.slack.example/T/B/x' });
const TEAMS = webhook({ id: 'wh-00000000000b', format: 'teams', topics: ['other-topic'] });
const JSON_HOOK = webhook({ id: 'wh-00000000000c', format: 'json', minimumCertainty: 'confirmed' });
const JSON_ALL = webhook({
  id: 'wh-00000000000d',
  format: 'json',
  url: 'https://receiver.example.org/in?token=t',
});

const setup = (answer?: (url: string) => number | Error) => {
  const webhooks = new InMemoryWebhookRepository([SLACK, TEAMS, JSON_HOOK, JSON_ALL]);
  const secrets = new InMemoryWebhookSecrets();
  secrets.secrets.set(JSON_HOOK.id, 'secret-c');
  secrets.secrets.set(JSON_ALL.id, 'secret-d');
  const sender = recordingSender(answer);
  const warnings: { message: string; fields: Record<string, unknown> }[] = [];
  const log = {
    warn: (message: string, fields: Record<string, unknown>) => warnings.push({ message, fields }),
  };
  const deliverAlert = createDeliverAlert({
    webhooks,
    secrets,
    send: sender.send,
    log,
    now: () => new Date('2026-12-02T15:00:00Z'),
  });
  const counts: { name: string; dimensions?: Record<string, string> }[] = [];
  const counter = {
    count: (name: string, _v?: number, dimensions?: Record<string, string>) =>
      counts.push({ name, ...(dimensions ? { dimensions } : {}) }),
  };
  const handle = createSqsEventHandler({ deliverAlert, counter, log });
  return { webhooks, secrets, sender, warnings, deliverAlert, handle, counts };
};

const record = (body: string, messageId = 'sqs-1') => ({ messageId, body }) as never;

describe('selectWebhooks: the filter policy an email subscription with the same choice gets', () => {
  it('selects by topic and minimum certainty', () => {
    const chosen = selectWebhooks([SLACK, TEAMS, JSON_HOOK, JSON_ALL], {
      topic: 'trump-kim-summit',
      certainty: 'planned',
    });
    expect(chosen.map((w) => w.id)).toEqual([SLACK.id, JSON_ALL.id]);
    const denial = selectWebhooks([SLACK, TEAMS, JSON_HOOK, JSON_ALL], {
      topic: 'trump-kim-summit',
      certainty: 'denied',
    });
    expect(denial.map((w) => w.id)).toEqual([SLACK.id, JSON_HOOK.id, JSON_ALL.id]);
  });
});

describe('deliverAlert', () => {
  it('posts each matching webhook its format, the json ones signed with their own secret', async () => {
    const { sender, deliverAlert } = setup();
    const results = await deliverAlert(parseSnsEnvelope(snsEnvelope(summitAlert())));
    expect(results.map((r) => [r.webhookId, r.outcome])).toEqual([
      [SLACK.id, 'delivered'],
      [JSON_ALL.id, 'delivered'],
    ]);
    expect(sender.posts.map((p) => p.url)).toEqual([SLACK.url, JSON_ALL.url]);
    expect(JSON.parse(sender.posts[0]!.body).blocks).toBeDefined();
    const json = sender.posts[1]!;
    expect(JSON.parse(json.body)).toEqual(summitAlert());
    expect(
      verifyWebhookSignature(
        'secret-d',
        json.headers[WEBHOOK_HEADERS.timestamp]!,
        json.body,
        json.headers[WEBHOOK_HEADERS.signature]!,
      ),
    ).toBe(true);
    expect(results[1]?.host).toBe('receiver.example.org');
  });

  it('reports a failing webhook as a batch item failure, logs its host only, and skips delivered ones on the retry', async () => {
    let slackUp = false;
    const { sender, warnings, handle, counts } = setup((url) => (url === SLACK.url && !slackUp ? 503 : 200));
    const event = { Records: [record(snsEnvelope(summitAlert(), 'msg-7'), 'sqs-7')] };
    expect(await handle(event)).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-7' }] });
    const logged = JSON.stringify(warnings);
    expect(logged).toContain('hooks.slack.example');
    expect(logged).not.toContain('/T/B/x');
    expect(logged).not.toContain('secret-');
    expect(counts).toContainEqual({
      name: 'WebhookPosts',
      dimensions: { format: 'slack', outcome: 'failed' },
    });

    slackUp = true;
    expect(await handle(event)).toEqual({ batchItemFailures: [] });
    // The json webhook had it already: the retry posts to Slack only.
    expect(sender.posts.map((p) => p.url)).toEqual([SLACK.url, JSON_ALL.url, SLACK.url]);
  });

  it('a network error fails the record; a blocked destination is logged and not retried', async () => {
    const blocked = Object.assign(new Error('private address 10.0.0.1'), { name: 'BlockedDestinationError' });
    const { handle } = setup((url) => (url === SLACK.url ? blocked : new Error('ECONNRESET')));
    const result = await handle({ Records: [record(snsEnvelope(summitAlert()))] });
    expect(result.batchItemFailures).toHaveLength(1);
    const onlyBlocked = setup((url) => (url === SLACK.url ? blocked : 200));
    expect(await onlyBlocked.handle({ Records: [record(snsEnvelope(summitAlert()))] })).toEqual({
      batchItemFailures: [],
    });
  });

  it('a json webhook without a secret fails (and is retried) rather than posting unsigned', async () => {
    const { secrets, handle, sender } = setup();
    secrets.secrets.delete(JSON_ALL.id);
    expect((await handle({ Records: [record(snsEnvelope(summitAlert()))] })).batchItemFailures).toHaveLength(
      1,
    );
    expect(sender.posts.map((p) => p.url)).toEqual([SLACK.url]);
  });

  it('drops a record that is not an alert, counting it, and keeps the others', async () => {
    const { handle, counts, sender } = setup();
    const result = await handle({
      Records: [
        record('not json', 'bad'),
        record(JSON.stringify({ MessageId: 'x', Message: '{}' }), 'bad2'),
        record(snsEnvelope(summitAlert()), 'good'),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(counts.filter((c) => c.name === 'MalformedRecords')).toHaveLength(2);
    expect(sender.posts).toHaveLength(2);
  });

  it('a table that cannot be read fails the record', async () => {
    const { webhooks, handle } = setup();
    webhooks.list = async () => {
      throw new Error('ProvisionedThroughputExceeded');
    };
    expect(await handle({ Records: [record(snsEnvelope(summitAlert()), 'r')] })).toEqual({
      batchItemFailures: [{ itemIdentifier: 'r' }],
    });
  });

  it('no webhooks: nothing posted, nothing failed', async () => {
    const { webhooks, handle, sender } = setup();
    webhooks.webhooks.clear();
    expect(await handle({ Records: [record(snsEnvelope(summitAlert()))] })).toEqual({
      batchItemFailures: [],
    });
    expect(sender.posts).toHaveLength(0);
  });
});
