import type { Command } from 'commander';
import { renderJson } from '../output';
import type { RegisterCommand } from '../command-context';
import { WEBHOOK_ID_PATTERN } from '../../../functions/contracts/webhook';
import { formatSubscriptions, formatWebhooks } from './subscriptions';

/**
 * `unsubscribe <arn|address|webhook id>`: one subscription, every subscription of an endpoint, or
 * one webhook (and its secret).
 */
export const registerUnsubscribe: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('unsubscribe')
    .description(
      'remove a subscription by ARN, every subscription of an email address or phone number, or a webhook by id',
    )
    .argument('<subscription-arn|address|webhook-id>')
    .action(async (target: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        if (WEBHOOK_ID_PATTERN.test(target.trim())) {
          const { removeWebhook } = await import('../operations/webhooks');
          const removed = await removeWebhook(backend, target.trim());
          print(
            g.json ? renderJson({ removed: [removed] }) : `removed webhook\n${formatWebhooks([removed])}`,
          );
          return;
        }
        const { unsubscribe } = await import('../operations/subscriptions');
        const removed = await unsubscribe(await backend.alerts(), target.trim());
        print(
          g.json
            ? renderJson({ removed })
            : `removed ${removed.length} subscription(s)\n${formatSubscriptions(removed)}`,
        );
      });
    });
};
