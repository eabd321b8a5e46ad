import type { Command } from 'commander';
import { REJECTION_REASONS } from '../../../functions/contracts/vocabulary';
import { checkRange, oneOf, parseDay, parsePositiveInt } from '../args';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';

/** `rejections`: the uploads ingest rejected and why, newest first. */
export const registerRejections: RegisterCommand = (program, { print, withBackend }) => {
  program
    .command('rejections')
    .description('list rejected uploads, newest first (gsi1 REJECTIONS)')
    .option(
      '--reason <reason>',
      `only this reason (${REJECTION_REASONS.join(', ')})`,
      oneOf(REJECTION_REASONS),
    )
    .option('--from <YYYY-MM-DD>', 'rejected on or after', parseDay)
    .option('--to <YYYY-MM-DD>', 'rejected on or before', parseDay)
    .option('--limit <n>', 'at most this many', parsePositiveInt(10_000), 50)
    .action(
      async (opts: { reason?: string; from?: string; to?: string; limit: number }, command: Command) => {
        checkRange(opts.from, opts.to);
        await withBackend(command, async (backend, g) => {
          const { queryRejections } = await import('../../../functions/console-queries/article-queries');
          const rows = await queryRejections(await backend.table(), opts);
          print(
            g.json
              ? renderJson(rows)
              : renderTable(
                  ['rejected at', 'key', 'reason', 'detail'],
                  rows.map((row) => [row.rejectedAt, cell(row.key, 50), row.reason, cell(row.detail, 60)]),
                  '(no rejections)',
                ),
          );
        });
      },
    );
};
