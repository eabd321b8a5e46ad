import type { WebhookRecord } from '../contracts/webhook';

export type { WebhookRecord } from '../contracts/webhook';

/**
 * Ports of the webhook channels: the delivery function (functions/delivery) and `newswatch
 * subscribe --webhook`. Adapters implement them with DynamoDB, Secrets Manager (a file locally)
 * and the SSRF-guarded POST; tests implement them in memory.
 */

export class WebhookNotFoundError extends Error {
  override readonly name = 'WebhookNotFoundError';
}

export interface WebhookRepository {
  /** Every webhook, in id order. */
  list(): Promise<WebhookRecord[]>;
  add(webhook: WebhookRecord): Promise<void>;
  /** @throws WebhookNotFoundError */
  remove(id: string): Promise<void>;
}

/** Webhook signing secrets, kept outside the table; never logged. */
export interface WebhookSecrets {
  /** undefined when the webhook has no secret (Slack and Teams have none). */
  get(webhookId: string): Promise<string | undefined>;
  put(webhookId: string, secret: string): Promise<void>;
  /** Removing a secret that is not there is not an error. */
  remove(webhookId: string): Promise<void>;
}

export interface OutgoingPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** One POST to a webhook; throws on a blocked destination, a timeout or a network error. */
export type WebhookSender = (post: OutgoingPost) => Promise<{ status: number }>;

/** A queued alert that failed, to be tried again later. */
export interface QueuedRetry {
  messageId: string;
  queueArn: string;
  receiptHandle: string;
  /** ApproximateReceiveCount: 1 on the first delivery. */
  receiveCount: number;
}

/** When a failed alert comes back: later each time (SQS visibility deployed; nothing locally). */
export interface RetryBackoff {
  delay(retry: QueuedRetry): Promise<void>;
}
