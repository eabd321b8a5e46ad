import { describe, expect, it } from 'vitest';
import { countIngestOutcome } from '../../../../functions/ingest/ingest-metrics';
import type { Counter } from '../../../../functions/runtime/observability';

const recorder = () => {
  const counts: [string, number, Record<string, string> | undefined][] = [];
  const counter: Counter = {
    count: (name, value = 1, dimensions) => void counts.push([name, value, dimensions]),
  };
  return { counter, counts };
};

describe('ingest metrics', () => {
  it('counts each stored entry once, and not a redelivered event that wrote nothing', () => {
    const { counter, counts } = recorder();
    countIngestOutcome(counter, {
      status: 'stored',
      key: 'articles/feed.xml',
      entries: [
        { entryId: 'a', write: 'written', contentHash: 'x', storyId: 's', storyRole: 'original' },
        { entryId: 'b', write: 'written', contentHash: 'y', storyId: 's', storyRole: 'original' },
        { entryId: 'c', write: 'stale', contentHash: 'z', storyId: 's', storyRole: 'original' },
      ],
    });
    expect(counts).toEqual([
      ['ObjectEvents', 1, undefined],
      ['ArticlesIngested', 2, undefined],
    ]);
  });

  it('counts rejections by reason, and deletions', () => {
    const { counter, counts } = recorder();
    countIngestOutcome(counter, {
      status: 'rejected',
      key: 'articles/x.png',
      write: 'written',
      reason: 'binary',
      detail: 'PNG image',
    });
    countIngestOutcome(counter, {
      status: 'rejected',
      key: 'k',
      write: 'stale',
      reason: 'empty',
      detail: '',
    });
    countIngestOutcome(counter, {
      status: 'deleted',
      key: 'articles/a.txt',
      write: 'written',
      removedItems: 2,
    });
    countIngestOutcome(counter, { status: 'ignored', key: 'other/a.txt', reason: 'outside-prefix' });
    expect(counts).toEqual([
      ['ObjectEvents', 1, undefined],
      ['ArticlesRejected', 1, { reason: 'binary' }],
      ['ObjectEvents', 1, undefined],
      ['ObjectEvents', 1, undefined],
      ['ArticlesDeleted', 1, undefined],
      ['ObjectEvents', 1, undefined],
    ]);
  });
});
