import type { AlertCertainty, MinimumCertainty } from './vocabulary';

/**
 * Webhook channels (issue 17): what a webhook is, the JSON alert a `json` webhook receives and how
 * it is signed. Shared by the delivery function, the CLI and the CDK construct (the secret names).
 */

/** How an alert is written for a webhook: Slack blocks, a Teams card, or the alert as signed JSON. */
export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookRecord {
  id: string;
  /** The full URL: it often carries a token (Slack, Teams), so it is shown and logged by host only. */
  url: string;
  format: WebhookFormat;
  /** Absent or empty: every topic. */
  topics?: string[];
  minimumCertainty?: MinimumCertainty;
  createdAt: string;
}

/** Webhook ids: `wh-` and 12 hex digits, made at subscribe. */
export const WEBHOOK_ID_PATTERN = /^wh-[0-9a-f]{12}$/;

/** Secrets Manager: one secret per webhook, all under this prefix (the delivery grant's scope). */
export const WEBHOOK_SECRET_PREFIX = 'newswatch/webhooks/';
export const webhookSecretName = (webhookId: string) => `${WEBHOOK_SECRET_PREFIX}${webhookId}`;

/** Bytes of randomness in a webhook secret (written as hex: 64 characters). */
export const WEBHOOK_SECRET_BYTES = 32;

/** Headers of a `json` webhook post: unix seconds, and `sha256=<hex HMAC of "<timestamp>.<body>">`. */
export const WEBHOOK_HEADERS = {
  timestamp: 'X-Newswatch-Timestamp',
  signature: 'X-Newswatch-Signature',
  /** The alert's SNS message id: the same on every retry, so a receiver can drop repeats. */
  delivery: 'X-Newswatch-Delivery',
} as const;

/**
 * The alert as a `json` webhook receives it (and as the formatters read it): version 1. Fields are
 * only added, never renamed, so receivers written against it keep working.
 */
export interface AlertPayload {
  version: 1;
  topicId: string;
  topicName: string;
  certainty: AlertCertainty;
  change: 'new' | 'escalated' | 'flipped';
  previousCertainty?: string;
  storyId: string;
  article: {
    key: string;
    title: string;
    publishedAt: string | null;
    summary: string[];
    source?: string;
    url?: string;
  };
  evidence: { sentence: string; certainty: string; cues: string[] }[];
}

/** The URL as it may be shown or logged: scheme and host only (paths and queries carry tokens). */
export const webhookHost = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
};
