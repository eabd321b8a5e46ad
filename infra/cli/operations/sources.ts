import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DynamoSourceRepository } from '../../../functions/adapters/dynamo-source-repository';
import { newSource, type SourceRecord } from '../../../functions/contracts/source-record';
import { sourceIdFor } from '../../../functions/domain/sources/feed-entries';
import { DEFAULT_INTERVAL_MINUTES, parseInterval } from '../../../functions/domain/sources/source-schedule';
import { SourceExistsError, SourceNotFoundError } from '../../../functions/ports/source-ports';
import { checkUrl } from '../../../functions/adapters/web/guarded-fetch';
import type { DeployedBackend, LocalBackend, TableAccess } from '../environment';
import { OperationFailedError, UsageError } from '../errors';

/**
 * `newswatch sources add | list | remove | poll`: feeds followed by the poller, as Source items in
 * the table. `poll` runs the poller now: the deployed function (synchronous invoke), or locally
 * the real handler against the local stack, whose new entries then go through the local
 * pipeline, so they are articles by the time the command returns.
 */

export interface PolledSource {
  id: string;
  url: string;
  status: string;
  new: number;
  unchanged: number;
  error?: string;
}

export interface SourcesPoll {
  sources: PolledSource[];
}

const repository = (table: TableAccess) => new DynamoSourceRepository(table.client, table.tableName);

export async function addSource(
  table: TableAccess,
  options: { url: string; every?: string; name?: string },
  now = new Date(),
): Promise<SourceRecord> {
  let url: URL;
  let intervalMinutes = DEFAULT_INTERVAL_MINUTES;
  try {
    url = checkUrl(options.url);
    if (options.every !== undefined) intervalMinutes = parseInterval(options.every);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const name = options.name ?? url.hostname.replace(/^www\./, '');
  const source = newSource(
    { id: sourceIdFor(url.toString(), options.name), url: url.toString(), name, intervalMinutes },
    now,
  );
  try {
    await repository(table).add(source);
  } catch (error) {
    if (error instanceof SourceExistsError) throw new OperationFailedError(error.message);
    throw error;
  }
  return source;
}

export const listSources = (table: TableAccess) => repository(table).list();

export async function removeSource(table: TableAccess, id: string): Promise<void> {
  try {
    await repository(table).remove(id);
  } catch (error) {
    if (error instanceof SourceNotFoundError)
      throw new OperationFailedError(`${error.message} (see: newswatch sources list)`);
    throw error;
  }
}

const summary = (run: { sources: PolledSource[] }): SourcesPoll => ({
  sources: run.sources.map(({ id, url, status, new: added, unchanged, error }) => ({
    id,
    url,
    status,
    new: added,
    unchanged,
    ...(error === undefined ? {} : { error }),
  })),
});

export async function pollDeployed(backend: DeployedBackend, ids: string[]): Promise<SourcesPoll> {
  const invoked = await backend.lambda().send(
    new InvokeCommand({
      FunctionName: await backend.output('PollerFunctionName'),
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(ids.length > 0 ? { sourceIds: ids } : {})),
    }),
  );
  const answer = invoked.Payload ? new TextDecoder().decode(invoked.Payload) : '';
  if (invoked.FunctionError) throw new OperationFailedError(`the poller failed: ${answer.slice(0, 300)}`);
  return summary(JSON.parse(answer) as SourcesPoll);
}

export async function pollLocal(
  backend: LocalBackend,
  ids: string[],
): Promise<SourcesPoll & { rejected: number }> {
  const stack = await backend.stack();
  const [{ runLocalPipeline }, { pollLocalSources }] = await Promise.all([
    import('../../local/pipeline'),
    import('../../local/sources-local'),
  ]);
  let run: Awaited<ReturnType<typeof pollLocalSources>> | undefined;
  const report = await runLocalPipeline({
    inputDir: '.',
    files: [],
    stack,
    reset: false,
    logger: { info: () => undefined, warn: (line) => process.stderr.write(`${line}\n`) },
    writeObjects: async (local) => {
      run = await pollLocalSources(local, ids.length > 0 ? ids : undefined);
      return run.sources.flatMap((source) => source.written);
    },
  });
  if (!run) throw new OperationFailedError('the local poller did not run');
  return { ...summary(run), rejected: report.rejected.length };
}
