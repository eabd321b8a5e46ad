import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { METRIC } from '../contracts/metric-names';
import type { RetryBackoff } from '../ports/webhook-ports';
import type { Counter } from '../runtime/observability';
import type { DeliverAlert, DeliveryLog } from './deliver-alert';
import { MalformedAlertError, parseSnsEnvelope } from './sns-envelope';

/**
 * A batch of queued alerts: each delivered on its own, a failed one reported as a batch item
 * failure (ReportBatchItemFailures) so only it comes back. A record that is not an alert can
 * never be delivered: it is logged, counted and dropped rather than retried into the DLQ.
 */
export interface SqsEventDeps {
  deliverAlert: DeliverAlert;
  counter: Counter;
  log: DeliveryLog;
  /** Absent: a failed alert comes back after the queue's visibility timeout. */
  backoff?: RetryBackoff;
}

export const createSqsEventHandler =
  ({ deliverAlert, counter, log, backoff }: SqsEventDeps) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const failed: SQSEvent['Records'] = [];
    for (const record of event.Records) {
      try {
        const results = await deliverAlert(parseSnsEnvelope(record.body));
        for (const result of results) {
          counter.count(METRIC.webhookPosts, 1, { format: result.format, outcome: result.outcome });
        }
        if (results.some((result) => result.outcome === 'failed')) {
          failed.push(record);
        }
      } catch (error) {
        if (error instanceof MalformedAlertError) {
          log.warn('not an alert: dropped', { messageId: record.messageId, error: error.message });
          counter.count(METRIC.malformedRecords, 1);
          continue;
        }
        // The table or Secrets Manager unreachable: the alert comes back later.
        log.warn('delivery failed', { messageId: record.messageId, error: String(error) });
        failed.push(record);
      }
    }
    for (const record of failed) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      await backoff?.delay({
        messageId: record.messageId,
        queueArn: record.eventSourceARN ?? '',
        receiptHandle: record.receiptHandle ?? '',
        receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1,
      });
    }
    return { batchItemFailures };
  };
