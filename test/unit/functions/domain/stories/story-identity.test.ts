import { describe, expect, it } from 'vitest';
import {
  certaintyLevel,
  storyChange,
  topicStoryIdOf,
} from '../../../../../functions/domain/stories/story-identity';

describe('topic story ids', () => {
  it('names a content story, or a period of the old form', () => {
    expect(topicStoryIdOf('trump-kim-summit', { storyId: '2025-11-0a1b2c3d4e' })).toBe(
      'trump-kim-summit#2025-11-0a1b2c3d4e',
    );
    expect(topicStoryIdOf('trump-kim-summit', { period: 'undated' })).toBe('trump-kim-summit#undated');
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
