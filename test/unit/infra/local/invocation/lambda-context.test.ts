import { describe, expect, it } from 'vitest';
import { createLambdaContext } from '../../../../../infra/local/invocation/lambda-context';

describe('createLambdaContext', () => {
  it('looks like the Node.js runtime context and counts down', () => {
    let now = Date.parse('2025-10-18T10:00:00Z');
    const context = createLambdaContext({
      functionName: 'fn',
      region: 'eu-west-1',
      timeoutMs: 1000,
      now: () => now,
    });
    expect(context).toMatchObject({
      functionName: 'fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fn',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/fn',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.logStreamName).toMatch(/^2025\/10\/18\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.getRemainingTimeInMillis()).toBe(1000);
    now += 400;
    expect(context.getRemainingTimeInMillis()).toBe(600);
    now += 5000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
    expect(createLambdaContext({ functionName: 'fn', region: 'r' }).awsRequestId).not.toBe(
      context.awsRequestId,
    );
  });
});
