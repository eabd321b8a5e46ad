import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Sentence } from '../../../../../functions/domain/language/analysis';
import { compileTopics, matchTopics } from '../../../../../functions/domain/topics/match-topics';
import { parseTopics } from '../../../../../functions/domain/topics/topic-schema';

const topics = compileTopics(
  parseTopics(JSON.parse(readFileSync('seeds/topics.json', 'utf8'))).filter(
    (t) => t.id === 'trump-kim-summit',
  ),
);
const sentences = (...texts: string[]): Sentence[] =>
  texts.map((text, index) => ({ text, role: 'body', paragraph: index, index }));
/** The participants found in the one sentence, if the topic matched it. */
const participantsOf = (text: string) =>
  matchTopics(sentences(text), topics, '2025-10-18')[0]?.evidence[0]?.participants;

describe('participants, not co-occurrence', () => {
  it.each([
    ['Donald Trump met Kim Jong Un in Singapore.'],
    ['Kim Jong Un hosted Donald Trump in Pyongyang.'],
    ['Donald Trump and Kim Jong Un met at the border.'],
    ['A summit between Donald Trump and Kim Jong Un is planned.'],
    ["Donald Trump's meeting with Kim Jong Un lasted an hour."],
    ['Donald Trump agreed to meet Kim Jong Un next month.'],
    ['Donald Trump said he would hold talks with Kim Jong Un.'],
  ])('takes both actors as taking part in: %s', (text) => {
    expect(participantsOf(text)).toEqual(['Donald Trump', 'Kim Jong Un']);
  });

  it.each([
    // Another clause: what Trump did there is another event.
    ['Kim Jong Un met Vladimir Putin in Vladivostok, a day after Donald Trump said he hoped to see him.'],
    // An adviser meets Kim; the summit is only what the meeting prepares.
    ['Mike Pompeo met Kim Jong Un to prepare the summit.'],
    // Trump in a relative clause about a third person.
    ['Kim Jong Un met Moon Jae-in, who had spoken to Donald Trump by video on Sunday.'],
  ])('does not match when an actor is outside the event: %s', (text) => {
    expect(matchTopics(sentences(text), topics, '2025-10-18')).toEqual([]);
  });

  it('refers back to an event a sentence established: the meeting, the two leaders', () => {
    const [match] = matchTopics(
      sentences(
        'Donald Trump and Kim Jong Un shook hands at Panmunjom.',
        'The meeting lasted fifty minutes.',
      ),
      topics,
      '2019-06-30',
    );
    expect(match?.evidence.map((e) => [e.site, e.trigger])).toEqual([
      ['lede', 'shook hands'],
      ['body', 'The meeting'],
    ]);
  });
});
