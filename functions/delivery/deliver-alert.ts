import { filterPolicyFor, matchesFilterPolicy } from '../contracts/vocabulary';
import { webhookHost, type WebhookFormat, type WebhookRecord } from '../contracts/webhook';
import { webhookPost } from '../messages/webhook-bodies';
import type { WebhookRepository, WebhookSecrets, WebhookSender } from '../ports/webhook-ports';
import type { DeliveredAlert } from './sns-envelope';

/**
 * One alert to every webhook whose choice (topics, minimum certainty) lets it through: the same
 * predicate as an email subscription's SNS filter policy (filterPolicyFor → matchesFilterPolicy).
 * Webhooks are posted one after another; a webhook that failed makes the alert fail (the handler
 * reports its queue message as a batch item failure: it comes back after the visibility timeout,
 * and after the last receive goes to the DLQ), and on that retry the
 * webhooks this execution environment already delivered it to are skipped. Delivery is at least
 * once: a receiver drops repeats by the X-Newswatch-Delivery header.
 */

export type PostOutcome = 'delivered' | 'failed' | 'blocked';

export interface WebhookResult {
  webhookId: string;
  format: WebhookFormat;
  /** Host only: the path and query of a webhook URL are a credential. */
  host: string;
  outcome: PostOutcome;
  status?: number;
  error?: string;
}

export interface DeliveryLog {
  warn(message: string, fields: Record<string, unknown>): void;
}

export interface DeliveryDeps {
  webhooks: WebhookRepository;
  secrets: WebhookSecrets;
  send: WebhookSender;
  log: DeliveryLog;
  now?: () => Date;
  /** Error names that mean "never deliverable to this URL" (the SSRF guard's): not retried. */
  permanentErrors?: readonly string[];
}

/** Delivered (message id, webhook id) pairs, remembered so a retried message skips them. */
const DELIVERED_REMEMBERED = 10_000;

export const selectWebhooks = (
  webhooks: readonly WebhookRecord[],
  attributes: DeliveredAlert['attributes'],
) =>
  webhooks.filter((webhook) =>
    matchesFilterPolicy(
      filterPolicyFor({
        ...(webhook.topics ? { topics: webhook.topics } : {}),
        ...(webhook.minimumCertainty ? { minimumCertainty: webhook.minimumCertainty } : {}),
      }),
      attributes,
    ),
  );

const messageOf = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

export const createDeliverAlert = (deps: DeliveryDeps) => {
  const delivered = new Set<string>();
  const permanent = new Set(deps.permanentErrors ?? ['BlockedDestinationError']);
  const now = deps.now ?? (() => new Date());

  return async (message: DeliveredAlert): Promise<WebhookResult[]> => {
    const chosen = selectWebhooks(await deps.webhooks.list(), message.attributes);
    const results: WebhookResult[] = [];
    for (const webhook of chosen) {
      const pair = `${message.messageId}#${webhook.id}`;
      if (delivered.has(pair)) continue;
      const base = { webhookId: webhook.id, format: webhook.format, host: webhookHost(webhook.url) };
      try {
        const secret = webhook.format === 'json' ? await deps.secrets.get(webhook.id) : undefined;
        const post = webhookPost(webhook.format, message.alert, {
          ...(secret === undefined ? {} : { secret }),
          now: now(),
          deliveryId: message.messageId,
        });
        const { status } = await deps.send({ url: webhook.url, ...post });
        if (status >= 200 && status <= 299) {
          results.push({ ...base, outcome: 'delivered', status });
          if (delivered.size >= DELIVERED_REMEMBERED) delivered.clear();
          delivered.add(pair);
        } else {
          results.push({ ...base, outcome: 'failed', status, error: `HTTP ${status}` });
        }
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        results.push({
          ...base,
          outcome: permanent.has(name) ? 'blocked' : 'failed',
          error: messageOf(error),
        });
      }
    }
    for (const result of results.filter((r) => r.outcome !== 'delivered')) {
      // Never the URL itself nor the secret: the host and the webhook id say which.
      deps.log.warn('webhook post failed', { ...result, messageId: message.messageId });
    }
    return results;
  };
};

export type DeliverAlert = ReturnType<typeof createDeliverAlert>;
