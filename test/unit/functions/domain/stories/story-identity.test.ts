import { describe, expect, it } from 'vitest';
import type { DateMention } from '../../../../../functions/domain/language/analysis';
import type { TopicMatch } from '../../../../../functions/domain/topics/match-topics';
import { certaintyLevel, storyChange, storyOf } from '../../../../../functions/domain/stories/story-identity';

const match: TopicMatch = {
  topicId: 'trump-kim-summit',
  topicName: 'Possible Trump–Kim summit',
  certainty: 'speculative',
  alerts: true,
  reported: true,
  delivery: 'instant',
  evidence: [
    {
      sentence: 'Trump is likely to meet Kim next month.',
      index: 2,
      certainty: 'speculative',
      site: 'lede',
      participants: ['Donald Trump', 'Kim Jong Un'],
      trigger: 'meet',
      cues: ['likely'],
    },
  ],
};
const date = (value: string, sentence: number, text = 'x'): DateMention => ({
  text,
  value,
  granularity: value.includes('-W')
    ? 'week'
    : value.includes('-Q')
      ? 'quarter'
      : value.length === 10
        ? 'day'
        : value.length === 7
          ? 'month'
          : 'year',
  sentence,
  relative: false,
});

describe('story identity', () => {
  it("places the event in the month of a week's Monday, never in a quarter", () => {
    // 2025-W44 runs Monday 2025-10-27 to Sunday 2025-11-02.
    expect(storyOf(match, [date('2025-W44', 2, 'later this week')], '2025-10-27').period).toBe('2025-10');
    expect(storyOf(match, [date('2025-W45', 2, 'next week')], '2025-10-27').period).toBe('2025-11');
    // A quarter is no month: the article's own month stands.
    expect(storyOf(match, [date('2025-Q4', 2, 'this quarter')], '2025-10-27').period).toBe('2025-10');
  });

  it('places the event in the month its evidence names ("next month")', () => {
    expect(storyOf(match, [date('2025-11', 2, 'next month')], '2025-10-18')).toEqual({
      storyId: 'trump-kim-summit#2025-11',
      topicId: 'trump-kim-summit',
      period: '2025-11',
    });
  });

  it('ignores dates outside the evidence and dates before the article (a past meeting)', () => {
    const dates = [date('2019-06-30', 2, 'June 30, 2019'), date('2025-12', 5)];
    expect(storyOf(match, dates, '2025-10-18').period).toBe('2025-10');
  });

  it('falls back to the article month, then to undated', () => {
    expect(storyOf(match, [], '2025-10-18').period).toBe('2025-10');
    expect(storyOf(match, [], null).storyId).toBe('trump-kim-summit#undated');
  });
});

describe('story changes', () => {
  it.each([
    [undefined, 'speculative', 'new'],
    ['speculative', 'speculative', 'duplicate'],
    ['speculative', 'planned', 'escalated'],
    ['planned', 'confirmed', 'escalated'],
    ['confirmed', 'speculative', 'duplicate'],
    ['planned', 'denied', 'flipped'],
    ['denied', 'planned', 'flipped'],
    ['denied', 'denied', 'duplicate'],
    ['speculative', 'conditional', 'duplicate'],
  ] as const)('%s → %s is %s', (previous, next, expected) => {
    expect(storyChange(previous, next)).toBe(expected);
  });

  it('keeps denied at the bottom of the ladder so a revival climbs it', () => {
    expect(certaintyLevel('denied')).toBeLessThan(certaintyLevel('speculative'));
  });
});
