import type { Command } from 'commander';
import { renderJson } from '../output';
import type { RegisterCommand } from '../command-context';
import { formatSubscriptions } from './subscriptions';

/** `unsubscribe <arn|address>`: one subscription, or every subscription of an endpoint. */
export const registerUnsubscribe: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('unsubscribe')
    .description('remove a subscription by ARN, or every subscription of an email address or phone number')
    .argument('<subscription-arn|address>')
    .action(async (target: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
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
