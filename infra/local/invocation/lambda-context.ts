import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface FakeContextOptions {
  functionName: string;
  region: string;
  accountId?: string;
  memoryLimitInMB?: number;
  timeoutMs?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

/**
 * A Lambda `Context` shaped like the one the Node.js runtime passes: a fresh request id per
 * invocation, the function's ARN, log group and stream names as Lambda names them, and a
 * `getRemainingTimeInMillis` that counts down from the configured timeout.
 */
export function createLambdaContext(options: FakeContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 30_000);
  const accountId = options.accountId ?? '000000000000';
  const day = new Date(now()).toISOString().slice(0, 10).replace(/-/g, '/');
  const legacy = (name: string) => () => {
    throw new Error(
      `context.${name}() is not supported by the local runner: return or throw from the handler`,
    );
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${accountId}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: legacy('done'),
    fail: legacy('fail'),
    succeed: legacy('succeed'),
  };
}
