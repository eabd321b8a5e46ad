import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  queueUrlOf,
  SqsRetryBackoff,
} from '../../../../../functions/adapters/queues/sqs-retry-backoff';
import { createSqsEventHandler } from '../../../../../functions/delivery/handle-sqs-event';

describe('SqsRetryBackoff', () => {
  it('doubles from 30 s per receive, capped at 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });
  it('derives the queue URL from the record ARN', () => {
    expect(queueUrlOf('arn:aws:sqs:eu-west-1:123456789012:Newswatch-Queue')).toBe(
      'https://sqs.eu-west-1.amazonaws.com/123456789012/Newswatch-Queue',
    );
    expect(queueUrlOf('not an arn')).toBeUndefined();
  });
  it('sets the failed message visibility, and only warns when that fails', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(ChangeMessageVisibilityCommand).resolvesOnce({}).rejects(new Error('throttled'));
    const warnings: string[] = [];
    const backoff = new SqsRetryBackoff(new SQSClient({ region: 'eu-west-1' }), (m) => warnings.push(m));
    const retry = {
      messageId: 'm',
      queueArn: 'arn:aws:sqs:eu-west-1:123456789012:q',
      receiptHandle: 'rh',
      receiveCount: 3,
    };
    await backoff.delay(retry);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
      ReceiptHandle: 'rh',
      VisibilityTimeout: 120,
    });
    await backoff.delay(retry);
    expect(warnings).toEqual(['could not delay the retry']);
  });
  it('the batch handler delays exactly the failed records, with their receive counts', async () => {
    const delayed: unknown[] = [];
    const handle = createSqsEventHandler({
      deliverAlert: async (message) => [
        {
          webhookId: 'w',
          format: 'json',
          host: 'h',
          outcome: message.messageId === 'bad' ? 'failed' : 'delivered',
        },
      ],
      counter: { count: () => undefined },
      log: { warn: () => undefined },
      backoff: { delay: async (retry) => void delayed.push(retry) },
    });
    const envelope = (id: string) =>
      JSON.stringify({ MessageId: id, Message: JSON.stringify({ version: 1, topicId: 't', article: {} }) });
    const result = await handle({
      Records: [
        {
          messageId: 'r1',
          body: envelope('ok'),
          receiptHandle: 'h1',
          eventSourceARN: 'arn:q',
          attributes: { ApproximateReceiveCount: '1' },
        },
        {
          messageId: 'r2',
          body: envelope('bad'),
          receiptHandle: 'h2',
          eventSourceARN: 'arn:q',
          attributes: { ApproximateReceiveCount: '4' },
        },
      ],
    } as never);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'r2' }] });
    expect(delayed).toEqual([{ messageId: 'r2', queueArn: 'arn:q', receiptHandle: 'h2', receiveCount: 4 }]);
  });
});
