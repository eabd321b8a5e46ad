import { Option, type Command } from 'commander';
import { MINIMUM_CERTAINTIES, type MinimumCertainty } from '../../../functions/contracts/vocabulary';
import { WEBHOOK_FORMATS, type WebhookFormat } from '../../../functions/contracts/webhook';
import { collectTopicIds, parseEmail, parsePhone, parseWebhookUrl } from '../args';
import { UsageError } from '../errors';
import { renderJson } from '../output';
import type { RegisterCommand } from '../command-context';

/**
 * `subscribe --email | --sms`: an SNS subscription with a filter policy on topic and certainty.
 * `subscribe --webhook <url>`: a webhook the delivery function posts alerts to (Slack blocks, a
 * Teams card, or signed JSON), chosen by the same topic and certainty rule.
 */
export const registerSubscribe: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('subscribe')
    .description(
      'subscribe an email address or phone number to alerts, filtered by topic and minimum certainty',
    )
    .addOption(
      new Option('--email <address>', 'email address').argParser(parseEmail).conflicts(['sms', 'webhook']),
    )
    .addOption(new Option('--sms <number>', 'E.164 phone number').argParser(parsePhone).conflicts('webhook'))
    .addOption(new Option('--webhook <url>', 'a webhook URL (http or https)').argParser(parseWebhookUrl))
    .addOption(
      new Option('--format <format>', 'how alerts are posted to the webhook')
        .choices(WEBHOOK_FORMATS)
        .default('json'),
    )
    .option('--topic <id...>', 'only these topics (default: every topic)', collectTopicIds)
    .addOption(
      new Option('--min-certainty <c>', 'weakest certainty to receive; denials always get through')
        .choices(MINIMUM_CERTAINTIES)
        .default('speculative'),
    )
    .action(
      async (
        opts: {
          email?: string;
          sms?: string;
          webhook?: string;
          format: WebhookFormat;
          topic?: string[];
          minCertainty: MinimumCertainty;
        },
        command: Command,
      ) => {
        if (opts.email === undefined && opts.sms === undefined && opts.webhook === undefined)
          throw new UsageError('give --email, --sms or --webhook');
        await withBackend(command, async (backend, g) => {
          if (opts.webhook !== undefined) {
            const { addWebhook } = await import('../operations/webhooks');
            const added = await addWebhook(backend, {
              url: opts.webhook,
              format: opts.format,
              ...(opts.topic ? { topics: opts.topic } : {}),
              minimumCertainty: opts.minCertainty,
            });
            if (g.json) {
              print(renderJson(added));
              return;
            }
            const what = `${opts.topic?.join(', ') ?? 'every topic'}, ${opts.minCertainty} or stronger`;
            print(`subscribed webhook ${added.id} (${added.format} to ${added.host}, ${what})\n`);
            if (added.secret) {
              print(
                `signing secret (shown once, keep it in the receiver): ${added.secret}\n` +
                  'each post carries X-Newswatch-Timestamp and X-Newswatch-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">\n',
              );
            }
            return;
          }
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
