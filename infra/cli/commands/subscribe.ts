import { Option, type Command } from 'commander';
import { MINIMUM_CERTAINTIES, type MinimumCertainty } from '../../../functions/contracts/vocabulary';
import { collectTopicIds, parseEmail, parsePhone } from '../args';
import { UsageError } from '../errors';
import { renderJson } from '../output';
import type { RegisterCommand } from '../command-context';

/** `subscribe --email | --sms`: an SNS subscription with a filter policy on topic and certainty. */
export const registerSubscribe: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('subscribe')
    .description(
      'subscribe an email address or phone number to alerts, filtered by topic and minimum certainty',
    )
    .addOption(new Option('--email <address>', 'email address').argParser(parseEmail).conflicts('sms'))
    .addOption(new Option('--sms <number>', 'E.164 phone number').argParser(parsePhone))
    .option('--topic <id...>', 'only these topics (default: every topic)', collectTopicIds)
    .addOption(
      new Option('--min-certainty <c>', 'weakest certainty to receive; denials always get through')
        .choices(MINIMUM_CERTAINTIES)
        .default('speculative'),
    )
    .action(
      async (
        opts: { email?: string; sms?: string; topic?: string[]; minCertainty: MinimumCertainty },
        command: Command,
      ) => {
        if (opts.email === undefined && opts.sms === undefined) throw new UsageError('give --email or --sms');
        await withBackend(command, async (backend, g) => {
          const { subscribe } = await import('../operations/subscriptions');
          const protocol = opts.email !== undefined ? 'email' : 'sms';
          const result = await subscribe(await backend.alerts(), {
            protocol,
            endpoint: (opts.email ?? opts.sms) as string,
            ...(opts.topic ? { topics: opts.topic } : {}),
            minimumCertainty: opts.minCertainty,
          });
          if (g.json) {
            print(renderJson(result));
            return;
          }
          const what = `${opts.topic?.join(', ') ?? 'every topic'}, ${opts.minCertainty} or stronger`;
          print(
            `${result.action === 'created' ? 'subscribed' : result.action === 'updated' ? 'updated' : 'already subscribed'} (${protocol}, ${what}): ${result.subscriptionArn}\n`,
          );
          if (result.pendingConfirmation) {
            print(
              'pending confirmation: SNS sent a confirmation email; nothing is delivered until its link is clicked\n',
            );
          } else if (backend.mode === 'local' && result.action === 'created') {
            print('confirmed at once: the local SNS sink has no confirmation step and delivers nothing\n');
          }
        });
      },
    );
};
