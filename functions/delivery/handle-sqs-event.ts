import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { METRIC } from '../contracts/metric-names';
import type { Counter } from '../runtime/observability';
import type { DeliverAlert, DeliveryLog } from './deliver-alert';
import { MalformedAlertError, parseSnsEnvelope } from './sns-envelope';

/**
 * A batch of queued alerts: each delivered on its own, a failed one reported as a batch item
 * failure (ReportBatchItemFailures) so only it comes back. A record that is not an alert can
 * never be delivered: it is logged, counted and dropped rather than retried into the DLQ.
 */
export const createSqsEventHandler =
  ({ deliverAlert, counter, log }: { deliverAlert: DeliverAlert; counter: Counter; log: DeliveryLog }) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const results = await deliverAlert(parseSnsEnvelope(record.body));
        for (const result of results) {
          counter.count(METRIC.webhookPosts, 1, { format: result.format, outcome: result.outcome });
        }
        if (results.some((result) => result.outcome === 'failed')) {
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      } catch (error) {
        if (error instanceof MalformedAlertError) {
          log.warn('not an alert: dropped', { messageId: record.messageId, error: error.message });
          counter.count(METRIC.malformedRecords, 1);
          continue;
        }
        // The table or Secrets Manager unreachable: the alert comes back later.
        log.warn('delivery failed', { messageId: record.messageId, error: String(error) });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
