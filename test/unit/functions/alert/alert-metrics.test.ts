import { describe, expect, it } from 'vitest';
import { countChangeOutcome } from '../../../../functions/alert/alert-metrics';
import type { Counter } from '../../../../functions/runtime/observability';

const recorder = () => {
  const counts: [string, number, Record<string, string> | undefined][] = [];
  const counter: Counter = {
    count: (name, value = 1, dimensions) => void counts.push([name, value, dimensions]),
  };
  return { counter, counts };
};

const match = (topicId: string, certainty: 'speculative' | 'planned') => ({
  topicId,
  topicName: topicId,
  certainty,
  alerts: true,
  reported: true,
  delivery: 'instant' as const,
  period: '2025-11',
  evidence: [],
});

describe('alert metrics', () => {
  it('counts matches by topic and certainty, and what became of them', () => {
    const { counter, counts } = recorder();
    countChangeOutcome(counter, {
      status: 'processed',
      matches: [match('summit', 'speculative'), match('rates', 'planned')],
      sent: ['summit'],
      duplicates: ['rates'],
      belowMinimum: [],
      queued: [],
    });

    expect(counts).toEqual([
      ['ArticleChanges', 1, undefined],
      ['TopicMatches', 1, { topic: 'summit', certainty: 'speculative' }],
      ['TopicMatches', 1, { topic: 'rates', certainty: 'planned' }],
      ['AlertsSent', 1, undefined],
      ['AlertsSuppressed', 1, undefined],
      ['DigestQueued', 0, undefined],
    ]);
  });

  it('counts only the change itself for an ignored record', () => {
    const { counter, counts } = recorder();
    countChangeOutcome(counter, { status: 'ignored', reason: 'content unchanged' });
    expect(counts).toEqual([['ArticleChanges', 1, undefined]]);
  });
});
