import { describe, expect, it, vi } from 'vitest';
import { TransientError } from '../../../../functions/ports/errors';
import { createFunctionRuntime, lambdaHandler } from '../../../../functions/runtime/handler-chain';
import { lambdaContext } from '../../../support/article-factories';

/** Every JSON line the function printed (Powertools logs and EMF metrics) while `run` ran. */
const printed = async (run: () => Promise<unknown>) => {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run().catch(() => undefined);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
};

describe('the shared handler chain', () => {
  it('lets an error escape for Lambda to retry, logged once as retryable and counted by name', async () => {
    const handler = lambdaHandler(createFunctionRuntime('chain-test'), async () => {
      throw new TransientError('table throttled');
    });
    await expect(handler({}, lambdaContext())).rejects.toThrow('table throttled');
    const lines = await printed(() => handler({}, lambdaContext()));
    expect(lines.filter((l) => l.message === 'Invocation failed and will be retried')).toMatchObject([
      { retryable: true, function_name: expect.any(String) },
    ]);
    expect(lines.find((l) => l.InvocationFailures === 1)).toMatchObject({ error: 'TransientError' });
  });

  it('says when a retry cannot help', async () => {
    const handler = lambdaHandler(createFunctionRuntime('chain-test'), async () => {
      throw new RangeError('a bug');
    });
    const lines = await printed(() => handler({}, lambdaContext()));
    expect(lines.find((l) => l.message === 'Invocation failed and will be retried')).toMatchObject({
      retryable: false,
    });
    expect(lines.find((l) => l.InvocationFailures === 1)).toMatchObject({ error: 'RangeError' });
  });

  it('returns what the handler returns, and counts no failure', async () => {
    const handler = lambdaHandler(
      createFunctionRuntime('chain-test'),
      async (event: { n: number }) => event.n + 1,
    );
    let result: number | undefined;
    const lines = await printed(async () => {
      result = await handler({ n: 1 }, lambdaContext());
    });
    expect(result).toBe(2);
    expect(lines.some((l) => 'InvocationFailures' in l)).toBe(false);
  });
});
