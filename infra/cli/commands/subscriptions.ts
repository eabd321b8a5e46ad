import type { Command } from 'commander';
import { renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { SubscriptionRow } from '../operations/subscriptions';
import type { WebhookRow } from '../operations/webhooks';

/** `subscriptions`: the alert subscriptions and webhooks with their topics and minimum certainty. */
export const registerSubscriptions: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('subscriptions')
    .description('list the alert subscriptions and webhooks with their topics and minimum certainty')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { listSubscriptions } = await import('../operations/subscriptions');
        const { listWebhooks } = await import('../operations/webhooks');
        // Webhooks first: they live in the table, and locally the table starts the whole stack,
        // whose SNS sink the subscriptions are then read from (a sink started alone cannot be
        // joined by the stack afterwards).
        const webhooks = await listWebhooks(backend);
        const rows = await listSubscriptions(await backend.alerts());
        // JSON: one list, webhooks after the SNS subscriptions as `protocol: webhook` rows.
        const webhookRows = webhooks.map((w) => ({ protocol: 'webhook', endpoint: w.host, ...w }));
        print(
          g.json
            ? renderJson([...rows, ...webhookRows])
            : `${formatSubscriptions(rows)}\n${formatWebhooks(webhooks)}`,
        );
      });
    });
};

export function formatSubscriptions(rows: SubscriptionRow[]): string {
  return renderTable(
    ['protocol', 'endpoint', 'topics', 'minimum', 'subscription arn'],
    rows.map((row) => [
      row.protocol,
      row.endpoint,
      row.topics === 'all' ? 'all' : row.topics.join(', '),
      row.pendingConfirmation ? 'pending confirmation' : row.minimumCertainty,
      row.subscriptionArn,
    ]),
    '(no subscriptions)',
  );
}

/** Webhooks by host only: the path of a Slack or Teams URL is a credential. */
export function formatWebhooks(rows: WebhookRow[]): string {
  return renderTable(
    ['webhook', 'format', 'host', 'topics', 'minimum'],
    rows.map((row) => [
      row.id,
      row.format,
      row.host,
      row.topics === 'all' ? 'all' : row.topics.join(', '),
      row.minimumCertainty,
    ]),
    '(no webhooks)',
  );
}
