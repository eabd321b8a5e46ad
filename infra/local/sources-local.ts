import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { newSource, sourceItem } from '../../functions/contracts/source-record';
import { FUNCTION_ENTRIES } from '../paths';
import { createLambdaContext } from './invocation/lambda-context';
import type { LocalStack } from './local-stack';

/**
 * The feed poller in the local twin: sources written to the local table as `sources add` writes
 * them, and the real poller handler (functions/poller/handler.ts, loaded by its entry path)
 * invoked as the schedule would, against the local stack, with loopback allowed (the only
 * difference from the deployed poller, set by handlerEnvironment).
 */

/** What the poller answers (functions/poller/poll-sources.ts, PollRun), as the twin reads it. */
export interface LocalPollRun {
  sources: {
    id: string;
    url: string;
    status: string;
    new: number;
    unchanged: number;
    written: string[];
    error?: string;
    truncated?: boolean;
    ms: number;
  }[];
  failingForADay: number;
}

type PollerHandler = (event: { sourceIds?: string[] }, context: unknown) => Promise<LocalPollRun>;

let poller: PollerHandler | undefined;

const loadPoller = async (): Promise<PollerHandler> => {
  if (poller) return poller;
  const module = (await import(pathToFileURL(resolve(FUNCTION_ENTRIES.poller)).href)) as {
    handler?: unknown;
  };
  if (typeof module.handler !== 'function')
    throw new Error(`${FUNCTION_ENTRIES.poller} does not export a handler`);
  poller = module.handler as PollerHandler;
  return poller;
};

/** Follows each URL as a source (id from the given name), due at once. */
export async function followLocalSources(
  stack: LocalStack,
  sources: { id: string; url: string; name: string; intervalMinutes?: number }[],
  now = new Date(),
): Promise<void> {
  for (const source of sources) {
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: stack.tableName,
        Item: marshall(sourceItem(newSource({ intervalMinutes: 15, ...source }, now)), {
          removeUndefinedValues: true,
        }),
      }),
    );
  }
}

/** One poller run (the due sources, or these ids) with the real handler. */
export async function pollLocalSources(stack: LocalStack, sourceIds?: string[]): Promise<LocalPollRun> {
  const handler = await loadPoller();
  return handler(
    sourceIds ? { sourceIds } : {},
    createLambdaContext({ functionName: 'newswatch-poller-local', region: stack.region, timeoutMs: 300_000 }),
  );
}
