import type { AlertPayload } from '../contracts/webhook';
import type { MessageAttributes } from '../contracts/vocabulary';

/**
 * What SNS puts on the delivery queue (raw message delivery off): a JSON envelope whose `Message`
 * is the alert's `sqs` body (the alert as data) and whose `MessageAttributes` are the alert's
 * attributes, `{ Type, Value }` each, the ones the filter policy reads.
 */
export interface DeliveredAlert {
  messageId: string;
  alert: AlertPayload;
  attributes: MessageAttributes;
}

/** The record can never be delivered (not an SNS alert envelope): retrying changes nothing. */
export class MalformedAlertError extends Error {
  override readonly name = 'MalformedAlertError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const parseSnsEnvelope = (body: string): DeliveredAlert => {
  let envelope: unknown;
  let alert: unknown;
  try {
    envelope = JSON.parse(body);
    alert =
      isObject(envelope) && typeof envelope.Message === 'string' ? JSON.parse(envelope.Message) : undefined;
  } catch {
    throw new MalformedAlertError('the record is not an SNS notification carrying JSON');
  }
  if (!isObject(envelope) || typeof envelope.MessageId !== 'string') {
    throw new MalformedAlertError('the record is not an SNS notification');
  }
  if (
    !isObject(alert) ||
    alert.version !== 1 ||
    typeof alert.topicId !== 'string' ||
    !isObject(alert.article)
  ) {
    throw new MalformedAlertError('the notification does not carry an alert (version 1)');
  }
  const attributes: Record<string, string> = {};
  if (isObject(envelope.MessageAttributes)) {
    for (const [name, value] of Object.entries(envelope.MessageAttributes)) {
      if (isObject(value) && typeof value.Value === 'string') attributes[name] = value.Value;
    }
  }
  return { messageId: envelope.MessageId, alert: alert as unknown as AlertPayload, attributes };
};
