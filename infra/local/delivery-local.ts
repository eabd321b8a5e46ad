import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENV } from '../../functions/contracts/env-names';
import { FUNCTION_ENTRIES } from '../paths';
import type { CapturedPublish } from './emulators/sns/server';
import { createLambdaContext } from './invocation/lambda-context';

/**
 * Webhook delivery in the local twin: the alerts the SNS sink captured are handed to the real
 * delivery handler (functions/delivery/handler.ts, loaded by its entry path) as the SQS event the
 * deployed queue would deliver: one SNS envelope per alert (its `sqs` body, its attributes), digests
 * left out as the deployed subscription's filter leaves them. Loopback is allowed (receivers run on
 * 127.0.0.1) and secrets are read from `secretsDir`, the two differences from deployed.
 */

type DeliveryHandler = (event: unknown, context: unknown) => Promise<{ batchItemFailures: unknown[] }>;
let delivery: DeliveryHandler | undefined;

const loadDelivery = async (secretsDir: string): Promise<DeliveryHandler> => {
  if (delivery) return delivery;
  // Read at the handler's cold start, so set before its module loads.
  process.env[ENV.webhookSecretsDir] = secretsDir;
  process.env[ENV.allowLoopback] = 'true';
  const module = (await import(pathToFileURL(resolve(FUNCTION_ENTRIES.delivery)).href)) as {
    handler?: unknown;
  };
  if (typeof module.handler !== 'function')
    throw new Error(`${FUNCTION_ENTRIES.delivery} does not export a handler`);
  delivery = module.handler as DeliveryHandler;
  return delivery;
};

/** The SQS records the delivery queue would hold for these captured publishes. */
export function deliveryRecordsOf(messages: readonly CapturedPublish[]) {
  return messages.flatMap((message) => {
    if (message.messageAttributes.kind !== undefined) return [];
    let bodies: Record<string, unknown>;
    try {
      bodies =
        message.messageStructure === 'json' ? (JSON.parse(message.message) as Record<string, unknown>) : {};
    } catch {
      return [];
    }
    if (typeof bodies.sqs !== 'string') return [];
    const envelope = {
      Type: 'Notification',
      MessageId: message.messageId,
      TopicArn: message.topicArn,
      Message: bodies.sqs,
      Timestamp: message.receivedAt,
      MessageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(([name, value]) => [
          name,
          { Type: value.dataType, Value: value.stringValue ?? '' },
        ]),
      ),
    };
    return [
      {
        messageId: message.messageId,
        body: JSON.stringify(envelope),
        attributes: { ApproximateReceiveCount: '1' },
      },
    ];
  });
}

/** Delivers the captured alerts to the webhooks in the local table; returns the records that failed. */
export async function deliverLocalAlerts(
  messages: readonly CapturedPublish[],
  options: { secretsDir: string },
): Promise<{ delivered: number; failed: string[] }> {
  const records = deliveryRecordsOf(messages);
  if (records.length === 0) return { delivered: 0, failed: [] };
  const handler = await loadDelivery(options.secretsDir);
  const result = await handler(
    { Records: records },
    createLambdaContext({ functionName: 'newswatch-delivery', region: 'eu-west-1' }),
  );
  const failed = (result.batchItemFailures as { itemIdentifier: string }[]).map((f) => f.itemIdentifier);
  return { delivered: records.length - failed.length, failed };
}
