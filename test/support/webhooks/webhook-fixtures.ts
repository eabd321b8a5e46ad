import type { AlertPayload, WebhookRecord } from '../../../functions/contracts/webhook';
import type { OutgoingPost, WebhookRepository, WebhookSecrets } from '../../../functions/ports/webhook-ports';
import { WebhookNotFoundError } from '../../../functions/ports/webhook-ports';

/** An alert as the alert function publishes it to the delivery queue. */
export const summitAlert = (over: Partial<AlertPayload> = {}): AlertPayload => ({
  version: 1,
  topicId: 'trump-kim-summit',
  topicName: 'Trump–Kim summit',
  certainty: 'planned',
  change: 'new',
  storyId: 'trump-kim-summit#2025-11',
  article: {
    key: 'articles/summit.txt',
    title: 'Summit <set> for March & beyond',
    publishedAt: '2025-11-02',
    summary: ['The two leaders will meet in March.'],
    source: 'Example News',
    url: 'https://news.example.com/summit',
  },
  evidence: [{ sentence: 'Trump will meet Kim in March.', certainty: 'planned', cues: ['will'] }],
  ...over,
});

/** The SQS record body SNS writes for an alert (raw message delivery off). */
export const snsEnvelope = (alert: AlertPayload, messageId = 'msg-1', attributes?: Record<string, string>) =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:newswatch-alerts',
    Message: JSON.stringify(alert),
    MessageAttributes: Object.fromEntries(
      Object.entries(attributes ?? { topic: alert.topicId, certainty: alert.certainty }).map(([k, v]) => [
        k,
        { Type: 'String', Value: v },
      ]),
    ),
  });

export const webhook = (over: Partial<WebhookRecord> = {}): WebhookRecord => ({
  id: 'wh-000000000001',
  url: 'https://hooks.example.com/services/T000/B000/secret-token',
  format: 'json',
  createdAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

export class InMemoryWebhookRepository implements WebhookRepository {
  readonly webhooks = new Map<string, WebhookRecord>();
  listed = 0;
  constructor(initial: WebhookRecord[] = []) {
    for (const w of initial) this.webhooks.set(w.id, structuredClone(w));
  }
  async list() {
    this.listed += 1;
    return [...this.webhooks.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((w) => structuredClone(w));
  }
  async add(w: WebhookRecord) {
    this.webhooks.set(w.id, structuredClone(w));
  }
  async remove(id: string) {
    if (!this.webhooks.delete(id)) throw new WebhookNotFoundError(id);
  }
}

export class InMemoryWebhookSecrets implements WebhookSecrets {
  readonly secrets = new Map<string, string>();
  reads = 0;
  async get(id: string) {
    this.reads += 1;
    return this.secrets.get(id);
  }
  async put(id: string, secret: string) {
    this.secrets.set(id, secret);
  }
  async remove(id: string) {
    this.secrets.delete(id);
  }
}

/** A sender that records posts and answers with the status `answer` gives for the URL. */
export const recordingSender = (answer: (url: string) => number | Error = () => 200) => {
  const posts: OutgoingPost[] = [];
  const send = async (post: OutgoingPost) => {
    posts.push(post);
    const result = answer(post.url);
    if (result instanceof Error) throw result;
    return { status: result };
  };
  return { posts, send };
};
