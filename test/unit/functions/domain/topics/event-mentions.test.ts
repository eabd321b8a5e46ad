import { describe, expect, it } from 'vitest';
import {
  compileEvent,
  findTriggers,
  namesLookAlikeOnly,
} from '../../../../../functions/domain/topics/event-mentions';
import { eventWordsOf } from '../../../../../functions/domain/topics/event-words';
import { tagText } from '../../../../../functions/domain/topics/certainty/event-factuality';

const meeting = compileEvent(eventWordsOf({ type: 'meeting', triggers: [], excludes: [] }));
const triggers = (text: string) => {
  const words = tagText(text);
  return findTriggers(meeting, text, words).map((span) =>
    words
      .slice(span.start, span.end)
      .map((w) => w.text)
      .join(' '),
  );
};

describe('event triggers of a built-in type', () => {
  it('finds every inflection of the vocabulary', () => {
    expect(triggers('Trump held talks with Kim after they shook hands.')).toEqual([
      'held talks',
      'shook hands',
    ]);
    expect(triggers('The summit was the first sit-down since their meetings in 2019.')).toEqual([
      'summit',
      'sit-down',
      'meetings',
    ]);
  });

  it('leaves out look-alikes: a trigger inside one is void, one beside no trigger vetoes the sentence', () => {
    expect(triggers('Biden and Xi will meet virtually on Monday.')).toEqual([]);
    expect(triggers('The plan failed to meet the deadline.')).toEqual([]);
    expect(triggers('Biden attended the G20 summit in Bali.')).toEqual([]);
    expect(triggers('The two leaders spoke by phone ahead of the summit.')).toEqual([]);
    expect(triggers('Biden met Xi on the sidelines of the G20 summit.')).toEqual(['met']);
  });

  it('tells a headline about a look-alike alone from one with the event besides', () => {
    expect(namesLookAlikeOnly(meeting, 'Biden and Xi expected to meet virtually soon')).toBe(true);
    expect(namesLookAlikeOnly(meeting, 'Biden and Xi hold in-person meeting at G20 Summit')).toBe(false);
    expect(namesLookAlikeOnly(meeting, 'Biden and Xi hold talks in Bali')).toBe(false);
  });
});
