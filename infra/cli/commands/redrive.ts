import { Option, type Command } from 'commander';
import type { DeployedBackend } from '../environment';
import { EXIT } from '../errors';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { QueueName, RedriveOutcome } from '../operations/redrive';

// The command module stays free of the SQS client (operations are loaded when a command runs).
const QUEUE_NAMES = ['ingest', 'alert', 'delivery'] as const satisfies readonly QueueName[];

/** `redrive [--queue q] [--dry-run]`: retries what the dead-letter queues hold. */
export const registerRedrive: RegisterCommand = (program, { print, withBackend, setExit }) => {
  program
    .command('redrive')
    .description('retry what the dead-letter queues hold; a message is deleted only once its retry succeeded')
    .addOption(new Option('--queue <queue>', 'only this queue').choices([...QUEUE_NAMES]))
    .option('--dry-run', 'show what would be retried, change nothing')
    .action(async (opts: { queue?: QueueName; dryRun?: boolean }, command: Command) => {
      await withBackend(command, async (backend, g) => {
        // environment.ts loads every SDK client: only now that the command runs.
        const [{ LOCAL_REDRIVE_NOTE, redriveQueue }, { STACK_OUTPUTS }] = await Promise.all([
          import('../operations/redrive'),
          import('../environment'),
        ]);
        if (backend.mode === 'local') {
          print(g.json ? renderJson({ outcomes: [], note: LOCAL_REDRIVE_NOTE }) : `${LOCAL_REDRIVE_NOTE}\n`);
          return;
        }
        const outcomes: RedriveOutcome[] = [];
        // A stack deployed before webhook channels has no delivery queue: every queue it has.
        const deployed = backend as DeployedBackend;
        const hasDelivery = (await deployed.outputs())[STACK_OUTPUTS.deliveryDeadLetterQueue] !== undefined;
        const all = QUEUE_NAMES.filter((queue) => queue !== 'delivery' || hasDelivery);
        for (const queue of opts.queue ? [opts.queue] : all) {
          outcomes.push(
            ...(await redriveQueue(backend as DeployedBackend, queue, { dryRun: opts.dryRun === true })),
          );
        }
        print(g.json ? renderJson({ outcomes }) : formatRedrive(outcomes));
        if (outcomes.some((o) => o.result === 'left') && !opts.dryRun) setExit(EXIT.failed);
      });
    });
};

export function formatRedrive(outcomes: RedriveOutcome[]): string {
  const counts = (result: RedriveOutcome['result']) => outcomes.filter((o) => o.result === result).length;
  return (
    renderTable(
      ['queue', 'message', 'what failed', 'result', 'why'],
      outcomes.map((o) => [
        o.queue,
        cell(o.messageId, 12),
        cell(o.subject, 50),
        o.result,
        cell(o.reason, 60),
      ]),
      '(the dead-letter queues are empty)',
    ) +
    `redriven ${counts('redriven')}, would redrive ${counts('would-redrive')}, left in the queue ${counts('left')}\n`
  );
}
