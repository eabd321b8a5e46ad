import type { Command } from 'commander';
import { parseDay, parsePositiveInt } from '../args';
import type { RegisterCommand } from '../command-context';
import type { DeployedBackend, LocalBackend } from '../environment';
import { EXIT, UsageError } from '../errors';
import { renderJson } from '../output';
import type { LocalReprocessSummary, ReprocessRequest } from '../../local/reprocess-local';
import type { DryRunSummary, RunStatus, StartedRun } from '../operations/reprocess';

interface ReprocessOptions {
  prefix?: string;
  since?: string;
  until?: string;
  topicsOnly?: boolean;
  dryRun?: boolean;
  concurrency?: number;
}

const ARTICLES = 'articles/';

/** `--prefix p` is under articles/, as for upload (a prefix that already starts with it is kept). */
const keyPrefix = (prefix: string | undefined) =>
  prefix === undefined
    ? ARTICLES
    : prefix.startsWith(ARTICLES)
      ? prefix
      : `${ARTICLES}${prefix.replace(/^\/+/, '')}`;

/**
 * `reprocess [--prefix p] [--since D] [--until D] [--topics-only] [--dry-run]` and `reprocess status
 * [<execution>]`: the bucket through the ingest use case again, deployed on the stack's state
 * machine (Step Functions Distributed Map), locally in this process over the local bucket.
 */
export const registerReprocess: RegisterCommand = (program, { print, withBackend, setExit }) => {
  const reprocess = program
    .command('reprocess')
    .description(
      'run the bucket through ingest again (Step Functions Distributed Map); --topics-only re-matches topics as backfill, never alerting',
    )
    .option('--prefix <p>', 'only keys under articles/<p>')
    .option('--since <YYYY-MM-DD>', 'objects last modified on or after', parseDay)
    .option('--until <YYYY-MM-DD>', 'objects last modified on or before', parseDay)
    .option('--topics-only', 're-match topics against stored articles, record matches as backfill, no alerts')
    .option('--dry-run', 'count the objects that would be reprocessed, start nothing')
    .option(
      '--concurrency <n>',
      'with --local: batches at once (deployed: the stack setting)',
      parsePositiveInt(1000),
    )
    .action(async (opts: ReprocessOptions, command: Command) => {
      if (opts.since && opts.until && opts.since > opts.until) {
        throw new UsageError(`--since ${opts.since} is after --until ${opts.until}`);
      }
      const request: ReprocessRequest = {
        prefix: keyPrefix(opts.prefix),
        topicsOnly: opts.topicsOnly === true,
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        dryRun: opts.dryRun === true,
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      };
      await withBackend(command, async (backend, g) => {
        if (backend.mode === 'local') {
          const { runLocalReprocess } = await import('../../local/reprocess-local');
          const { stderrLogger } = await import('../../local/pipeline');
          const stack = await (backend as LocalBackend).stack();
          const summary = await runLocalReprocess(stack, request, stderrLogger(g.verbose === true));
          print(g.json ? renderJson({ mode: 'local', request, ...summary }) : formatLocal(request, summary));
          if (summary.counts.failed > 0) setExit(EXIT.failed);
          return;
        }
        const operations = await import('../operations/reprocess');
        const deployed = backend as DeployedBackend;
        if (request.dryRun) {
          const summary = await operations.countReprocessObjects(deployed, request);
          print(
            g.json ? renderJson({ mode: 'deployed', request, ...summary }) : formatDryRun(request, summary),
          );
          return;
        }
        const started = await operations.startReprocess(deployed, request);
        print(g.json ? renderJson(started) : formatStarted(started));
      });
    });

  reprocess
    .command('status [execution]')
    .description('a reprocess run: status and counts (the latest run without an execution ARN)')
    .action(async (execution: string | undefined, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        if (backend.mode === 'local') {
          const note =
            'reprocess --local runs to completion and prints its counts: there is no run to look up';
          print(g.json ? renderJson({ mode: 'local', note }) : `${note}\n`);
          return;
        }
        const { reprocessStatus } = await import('../operations/reprocess');
        const status = await reprocessStatus(backend as DeployedBackend, execution);
        print(g.json ? renderJson(status) : formatStatus(status));
        if (['FAILED', 'TIMED_OUT', 'ABORTED'].includes(status.status)) setExit(EXIT.failed);
      });
    });
};

const window = (request: ReprocessRequest) =>
  request.since || request.until ? `, last modified ${request.since ?? '…'} to ${request.until ?? '…'}` : '';

export function formatDryRun(
  request: ReprocessRequest,
  summary: DryRunSummary | LocalReprocessSummary,
): string {
  return (
    `would reprocess ${summary.selected} of ${summary.listed} objects under ${request.prefix}${window(request)}` +
    ` in ${summary.batches} batches${request.topicsOnly ? ' (topics only: backfill matches, no alerts)' : ''}\n`
  );
}

export function formatLocal(request: ReprocessRequest, summary: LocalReprocessSummary): string {
  if (request.dryRun) return formatDryRun(request, summary);
  const c = summary.counts;
  return (
    `reprocessed ${request.prefix}${window(request)}${request.topicsOnly ? ' (topics only)' : ''}: ` +
    `processed ${c.processed}, stored ${c.stored}, rejected ${c.rejected}, skipped ${c.skipped}, failed ${c.failed}` +
    ` (${summary.listed} objects listed, ${summary.batches} batches, ${summary.wallTimeMs} ms); ` +
    `alerts published ${summary.alertsPublished}\n`
  );
}

export function formatStarted(started: StartedRun): string {
  return `started ${started.executionArn}\nfollow it with: newswatch reprocess status ${started.executionArn}\n`;
}

export function formatStatus(status: RunStatus): string {
  const lines = [`${status.executionArn}: ${status.status}`];
  if (status.startDate)
    lines.push(`  started ${status.startDate}${status.stopDate ? `, stopped ${status.stopDate}` : ''}`);
  if (status.input) lines.push(`  input ${JSON.stringify(status.input)}`);
  const row = (name: string, c: RunStatus['items']) =>
    c &&
    `  ${name}: ${c.succeeded} succeeded, ${c.failed} failed, ${c.running} running, ${c.pending} pending, ` +
      `${c.timedOut} timed out, ${c.aborted} aborted, of ${c.total}`;
  for (const line of [row('objects', status.items), row('batches', status.batches)])
    if (line) lines.push(line);
  if (!status.items) lines.push('  (the Map Run has not started)');
  if (status.error) lines.push(`  error ${status.error}`);
  return `${lines.join('\n')}\n`;
}
