import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueuedRetry, RetryBackoff } from '../../ports/webhook-ports';

/**
 * Exponential backoff for a queue message that failed: its visibility timeout is set to
 * base × 2^(receives − 1), capped, so a receiver that is down is tried after 30 s, 1, 2, 4 and 8
 * minutes rather than every visibility timeout; after the queue's maxReceiveCount SQS moves the
 * message to the dead-letter queue. A failure to set it is not fatal: the queue's own visibility
 * timeout applies instead.
 */
export const BACKOFF = { baseSeconds: 30, maxSeconds: 15 * 60 } as const;

export const backoffSeconds = (receiveCount: number) =>
  Math.min(BACKOFF.maxSeconds, BACKOFF.baseSeconds * 2 ** Math.max(0, receiveCount - 1));

/** arn:aws:sqs:<region>:<account>:<name> → its queue URL. */
export const queueUrlOf = (arn: string): string | undefined => {
  const [, partition, service, region, account, name] = arn.split(':');
  if (service !== 'sqs' || !region || !account || !name) return undefined;
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
};

export class SqsRetryBackoff implements RetryBackoff {
  constructor(
    private readonly client: SQSClient,
    private readonly warn: (message: string, fields: Record<string, unknown>) => void,
  ) {}

  async delay(retry: QueuedRetry): Promise<void> {
    const url = queueUrlOf(retry.queueArn);
    if (url === undefined) return;
    try {
      await this.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: retry.receiptHandle,
          VisibilityTimeout: backoffSeconds(retry.receiveCount),
        }),
      );
    } catch (error) {
      this.warn('could not delay the retry', { messageId: retry.messageId, error: String(error) });
    }
  }
}
