import { METRIC } from '../contracts/metric-names';
import type { Counter } from '../runtime/observability';
import type { DigestRun, SendDigests } from './send-digests';

/** What the digest function is invoked with: the schedule's event, or the CLI's `{ topicIds }`. */
export type DigestEvent = { topicIds?: unknown } | undefined;

/** Topic ids from the event, if it names any; a scheduled event carries nothing we need. */
export const topicIdsOf = (event: DigestEvent): string[] | undefined =>
  Array.isArray(event?.topicIds)
    ? event.topicIds.filter((id): id is string => typeof id === 'string')
    : undefined;

/**
 * One digest run. A failure throws, so the asynchronous invocation is retried; topics already
 * sent that day are skipped on the retry.
 */
export const createDigestEventHandler =
  ({ sendDigests, counter }: { sendDigests: SendDigests; counter: Counter }) =>
  async (event: DigestEvent): Promise<DigestRun> => {
    const topicIds = topicIdsOf(event);
    counter.count(METRIC.digestRuns);
    const run = await sendDigests(topicIds ? { topicIds } : {});
    for (const sent of run.sent) counter.count(METRIC.digestsSent, 1, { topic: sent.topicId });
    return run;
  };
