import type { Command } from 'commander';
import { renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { SubscriptionRow } from '../operations/subscriptions';

/** `subscriptions`: the alert subscriptions with their topics and minimum certainty. */
export const registerSubscriptions: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('subscriptions')
    .description('list the alert subscriptions with their topics and minimum certainty')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { listSubscriptions } = await import('../operations/subscriptions');
        const rows = await listSubscriptions(await backend.alerts());
        print(g.json ? renderJson(rows) : formatSubscriptions(rows));
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
