import type { Command } from 'commander';
import type { SourceRecord } from '../../../functions/contracts/source-record';
import type { DeployedBackend, LocalBackend } from '../environment';
import { cell, renderJson, renderTable } from '../output';
import type { RegisterCommand } from '../command-context';
import type { SourcesPoll } from '../operations/sources';
import { EXIT } from '../errors';

// The table (and for poll the Lambda client or the local pipeline) only when a subcommand runs.
const operations = () => import('../operations/sources');

/** `sources add | list | remove | poll`: the feeds the poller follows. */
export const registerSources: RegisterCommand = (program, { print, withBackend, setExit }) => {
  const sources = program
    .command('sources')
    .description('feeds polled on a schedule: add, list, remove, poll');
  sources
    .command('add')
    .description('follow a feed (RSS or Atom); its new entries become articles')
    .argument('<url>', 'the feed URL (http or https)')
    .option('--every <interval>', 'how often to poll it: 15m, 2h, 1d (5m to 1d)', '15m')
    .option('--name <name>', 'what to call it (default: its host)')
    .action(async (url: string, opts: { every: string; name?: string }, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { addSource } = await operations();
        const source = await addSource(await backend.table(), {
          url,
          every: opts.every,
          ...(opts.name ? { name: opts.name } : {}),
        });
        print(
          g.json
            ? renderJson(source)
            : `following ${source.url} as ${source.id}, every ${source.intervalMinutes}m\n`,
        );
      });
    });
  sources
    .command('list')
    .description('the feeds followed, with their health')
    .action(async (_opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { listSources } = await operations();
        const list = await listSources(await backend.table());
        print(g.json ? renderJson({ sources: list }) : formatSources(list));
      });
    });
  sources
    .command('remove')
    .description('stop following a feed (the articles it brought stay)')
    .argument('<id>', 'source id (see sources list)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { removeSource } = await operations();
        await removeSource(await backend.table(), id);
        print(g.json ? renderJson({ removed: id }) : `removed source ${id}\n`);
      });
    });
  sources
    .command('poll')
    .description('poll now: these sources, or every due one')
    .argument('[ids...]', 'source ids (default: every source that is due)')
    .action(async (ids: string[], _opts: unknown, command: Command) => {
      await withBackend(command, async (backend, g) => {
        const { pollDeployed, pollLocal } = await operations();
        const run =
          backend.mode === 'local'
            ? await pollLocal(backend as LocalBackend, ids)
            : await pollDeployed(backend as DeployedBackend, ids);
        if (run.sources.some((source) => source.status === 'failing')) setExit(EXIT.failed);
        print(g.json ? renderJson({ sources: run.sources }) : formatPoll(run));
      });
    });
};

export function formatSources(list: SourceRecord[]): string {
  return renderTable(
    ['id', 'url', 'every', 'status', 'next poll', 'last error'],
    list.map((source) => [
      source.id,
      cell(source.url, 50),
      `${source.intervalMinutes}m`,
      source.health.status === 'failing' ? `failing since ${source.health.failingSince ?? '?'}` : 'ok',
      source.health.nextPollAt,
      cell(source.health.lastError ?? '', 40),
    ]),
    '(no sources: newswatch sources add <url>)',
  );
}

export function formatPoll(run: SourcesPoll): string {
  if (run.sources.length === 0) return 'no source was due\n';
  return renderTable(
    ['id', 'status', 'new', 'unchanged', 'error'],
    run.sources.map((source) => [
      source.id,
      source.status,
      String(source.new),
      String(source.unchanged),
      cell(source.error ?? '', 50),
    ]),
    '',
  );
}
