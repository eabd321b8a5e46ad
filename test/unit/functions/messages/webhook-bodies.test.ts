import { describe, expect, it } from 'vitest';
import { WEBHOOK_HEADERS } from '../../../../functions/contracts/webhook';
import {
  MissingWebhookSecretError,
  slackBody,
  teamsBody,
  webhookPost,
} from '../../../../functions/messages/webhook-bodies';
import { signWebhookBody, verifyWebhookSignature } from '../../../../functions/messages/webhook-signature';
import { summitAlert } from '../../../support/webhooks/webhook-fixtures';

const NOW = new Date('2026-12-02T15:00:00.000Z');

describe('Slack body (Block Kit, https://api.slack.com/reference/block-kit/blocks)', () => {
  const body = slackBody(summitAlert());
  it('has a fallback text and header, section, evidence, actions and context blocks', () => {
    expect(typeof body.text).toBe('string');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context']);
  });
  it('keeps to the documented shapes and limits', () => {
    type Text = { type: string; text: string };
    type Block = { text: Text; fields: Text[]; elements: unknown[] };
    const [header, section, evidence, actions] = body.blocks as unknown as Block[];
    expect(header?.text).toEqual({ type: 'plain_text', text: 'Trump–Kim summit (planned)' });
    expect(header?.text.text.length).toBeLessThanOrEqual(150);
    expect(section?.text.type).toBe('mrkdwn');
    expect(section?.fields.length).toBeLessThanOrEqual(10);
    for (const field of section?.fields ?? []) expect(field.type).toBe('mrkdwn');
    expect(section?.fields[0]?.text).toBe('*Certainty*\nplanned');
    expect(evidence?.text.text).toBe('> (planned) Trump will meet Kim in March.');
    expect(actions?.elements[0]).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Read the article' },
      url: 'https://news.example.com/summit',
    });
  });
  it('escapes &, < and > in mrkdwn', () => {
    const section = body.blocks[1] as { text: { text: string } };
    expect(section.text.text).toBe('*Summit &lt;set&gt; for March &amp; beyond*');
  });
  it('cuts a long header to 150 characters and drops the button without a URL', () => {
    const long = slackBody(
      summitAlert({
        topicName: 'x'.repeat(400),
        article: { ...summitAlert().article, url: undefined } as never,
      }),
    );
    const header = long.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBe(150);
    expect(long.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
  it('says Update for an escalation', () => {
    const update = slackBody(
      summitAlert({ change: 'escalated', certainty: 'confirmed', previousCertainty: 'planned' }),
    );
    expect((update.blocks[0] as { text: { text: string } }).text.text).toBe(
      'Update: Trump–Kim summit now confirmed, was planned',
    );
  });
});

describe('Teams body (message with an Adaptive Card attachment)', () => {
  const body = teamsBody(summitAlert());
  it('is a message whose one attachment is an Adaptive Card 1.4', () => {
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content.type).toBe('AdaptiveCard');
    expect(attachment?.content.version).toBe('1.4');
    expect(attachment?.content.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  });
  it('has text blocks, a fact set and an open-URL action', () => {
    const card = body.attachments[0]!.content;
    expect(card.body.map((b) => b.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'TextBlock']);
    const facts = card.body[2] as unknown as { facts: { title: string; value: string }[] };
    expect(facts.facts).toContainEqual({ title: 'Certainty', value: 'planned' });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Read the article', url: 'https://news.example.com/summit' },
    ]);
  });
});

describe('JSON body, signed', () => {
  it('is the alert itself with timestamp, delivery id and a signature over "<timestamp>.<body>"', () => {
    const post = webhookPost('json', summitAlert(), { secret: 'abc', now: NOW, deliveryId: 'msg-1' });
    expect(JSON.parse(post.body)).toEqual(summitAlert());
    const timestamp = post.headers[WEBHOOK_HEADERS.timestamp]!;
    expect(timestamp).toBe(String(NOW.getTime() / 1000));
    expect(post.headers[WEBHOOK_HEADERS.delivery]).toBe('msg-1');
    expect(post.headers[WEBHOOK_HEADERS.signature]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature('abc', timestamp, post.body, post.headers[WEBHOOK_HEADERS.signature]!),
    ).toBe(true);
  });
  it('is the documented HMAC-SHA256 (a known vector)', () => {
    // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
    expect(signWebhookBody('secret', '1700000000', '{"a":1}')).toBe(
      'sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686',
    );
  });
  it('fails verification for another secret, body or timestamp', () => {
    const signature = signWebhookBody('abc', '1', 'body');
    expect(verifyWebhookSignature('abd', '1', 'body', signature)).toBe(false);
    expect(verifyWebhookSignature('abc', '2', 'body', signature)).toBe(false);
    expect(verifyWebhookSignature('abc', '1', 'bodz', signature)).toBe(false);
    expect(verifyWebhookSignature('abc', '1', 'body', 'sha256=00')).toBe(false);
  });
  it('refuses to post unsigned JSON', () => {
    expect(() => webhookPost('json', summitAlert(), { now: NOW, deliveryId: 'm' })).toThrow(
      MissingWebhookSecretError,
    );
  });
  it('Slack and Teams posts carry no signature', () => {
    for (const format of ['slack', 'teams'] as const) {
      const post = webhookPost(format, summitAlert(), { now: NOW, deliveryId: 'm' });
      expect(post.headers[WEBHOOK_HEADERS.signature]).toBeUndefined();
      expect(post.headers['content-type']).toMatch(/^application\/json/);
    }
  });
});
