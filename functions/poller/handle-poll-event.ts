import { METRIC } from '../contracts/metric-names';
import type { Counter } from '../runtime/observability';
import type { PollRun, PollSources } from './poll-sources';

/** The schedule's event (poll what is due), or `newswatch sources poll`'s `{ sourceIds }`. */
export type PollEvent = { sourceIds?: unknown } | undefined;

export const sourceIdsOf = (event: PollEvent): string[] | undefined =>
  Array.isArray(event?.sourceIds)
    ? event.sourceIds.filter((id): id is string => typeof id === 'string')
    : undefined;

/** Leaves this much of the invocation for the last poll in flight and the health writes. */
const MARGIN_MS = 20_000;

export const createPollEventHandler =
  ({ pollSources, counter }: { pollSources: PollSources; counter: Counter }) =>
  async (event: PollEvent, remainingMs?: number): Promise<PollRun> => {
    const ids = sourceIdsOf(event);
    const run = await pollSources({
      ...(ids ? { ids } : {}),
      ...(remainingMs === undefined ? {} : { deadline: Date.now() + Math.max(0, remainingMs - MARGIN_MS) }),
    });
    for (const source of run.sources) {
      counter.count(METRIC.sourcesPolled, 1, { outcome: source.status });
      if (source.new > 0) counter.count(METRIC.feedEntriesWritten, source.new);
    }
    // Every run reports it, zero included, so the alarm sees a steady series rather than gaps.
    counter.count(METRIC.sourcesFailingForADay, run.failingForADay);
    return run;
  };
