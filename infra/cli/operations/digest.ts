import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { DigestRun } from '../../../functions/digest/send-digests';
import type { DeployedBackend, LocalBackend } from '../environment';
import { OperationFailedError } from '../errors';

export interface DigestOutcome {
  run: DigestRun;
  /** What the digest published (local only: the SNS sink saw it), for the operator to read. */
  messages?: { topic: string; subject: string; body: string }[];
}

const payloadOf = (topicIds: string[]) => (topicIds.length > 0 ? { topicIds } : {});

/**
 * Sends today's digests now instead of waiting for the schedule: the deployed digest function
 * (synchronous invoke), or locally the real digest handler against the local stack. Either way a
 * day already sent is skipped, so running it twice sends nothing twice.
 */
export async function runDigest(backend: DeployedBackend, topicIds: string[]): Promise<DigestOutcome> {
  const invoked = await backend.lambda().send(
    new InvokeCommand({
      FunctionName: await backend.output('DigestFunctionName'),
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(payloadOf(topicIds))),
    }),
  );
  const answer = invoked.Payload ? new TextDecoder().decode(invoked.Payload) : '';
  if (invoked.FunctionError) {
    throw new OperationFailedError(`the digest function failed: ${answer.slice(0, 300)}`);
  }
  return { run: JSON.parse(answer) as DigestRun };
}

export async function runLocalDigest(backend: LocalBackend, topicIds: string[]): Promise<DigestOutcome> {
  const stack = await backend.stack();
  const before = stack.sns.messages.length;
  // Imported only now: the handler reads its configuration from the environment the local stack
  // has just applied, and builds its clients against the local endpoints.
  const [{ handler }, { createLambdaContext }] = await Promise.all([
    import('../../../functions/digest/handler'),
    import('../../local/invocation/lambda-context'),
  ]);
  const run = await handler(
    payloadOf(topicIds),
    createLambdaContext({ functionName: 'newswatch-digest-local', region: stack.region }),
  );
  const messages = stack.sns.messages.slice(before).map((message) => {
    let body = message.message;
    try {
      body = (JSON.parse(message.message) as { email?: string }).email ?? body;
    } catch {
      // A plain-text message: shown as it is.
    }
    return {
      topic: message.messageAttributes.topic?.stringValue ?? '',
      subject: message.subject ?? '',
      body,
    };
  });
  return { run, messages };
}
