import { describe, expect, it } from 'vitest';
import {
  tagTokens,
  tagText,
  type Factuality,
} from '../../../../../../functions/domain/topics/certainty/event-factuality';
import { classifyCertainty } from '../../../../../../functions/domain/topics/certainty/match-certainty';
import { classifyMention, classifyMentionInText } from './classify-mention';

/** Classifies the first occurrence of `event` in `sentence`. */
const judge = (sentence: string, event: string, articleYear = 2025): Factuality => {
  const start = sentence.indexOf(event);
  if (start < 0) throw new Error(`"${event}" is not in "${sentence}"`);
  return classifyMentionInText(sentence, { start, end: start + event.length }, { articleYear });
};

const axes = (f: Factuality) => `${f.certainty}/${f.polarity}/${f.time}`;

describe('factuality of one event mention: the cues that govern it', () => {
  it.each([
    ['Trump did not meet Kim.', 'meet', 'CERTAIN/NEG/NON_FUTURE', ['not']],
    ["Trump didn't meet Kim.", 'meet', 'CERTAIN/NEG/NON_FUTURE', ["didn't"]],
    ['Trump will meet Kim in Hanoi.', 'meet', 'CERTAIN/POS/FUTURE', ['will']],
    ['Trump may meet Kim.', 'meet', 'POSSIBLE/POS/FUTURE', ['may']],
    ['Trump is likely to meet Kim.', 'meet', 'PROBABLE/POS/FUTURE', ['likely']],
    ['Officials denied that the two leaders met.', 'met', 'CERTAIN/NEG/NON_FUTURE', ['denied']],
    ['Trump met Kim on Tuesday.', 'met', 'CERTAIN/POS/NON_FUTURE', []],
  ])('%s (%s) → %s', (sentence, event, expected, cues) => {
    const f = judge(sentence, event);
    expect(axes(f)).toBe(expected);
    expect(f.cues).toEqual(cues);
  });

  it('marks an event inside an if-clause, and the clause the condition governs, as conditional', () => {
    expect(judge('If they meet, the talks will focus on sanctions.', 'meet')).toMatchObject({
      conditional: true,
      cues: ['If'],
    });
    expect(judge('Trump will sit down with Kim if they meet in Hanoi.', 'sit').conditional).toBe(true);
    expect(judge('If the US drops its demands, Kim will sit down with Trump.', 'sit').conditional).toBe(true);
    // "asked if" means "asked whether": uncertain, not a condition.
    const asked = judge('Reporters asked if they would meet.', 'meet');
    expect(asked.conditional).toBe(false);
    expect(asked.certainty).toBe('POSSIBLE');
  });

  it('does not let negation in another clause flip the event', () => {
    expect(axes(judge('Officials did not comment, but Trump will meet Kim.', 'meet'))).toBe(
      'CERTAIN/POS/FUTURE',
    );
    expect(judge('Trump, who did not comment, met Kim on Tuesday.', 'met').polarity).toBe('POS');
    expect(judge('Trump met Kim, although aides did not confirm it.', 'met').polarity).toBe('POS');
    expect(judge('Trump met Kim, who said he would not give up his weapons.', 'met').polarity).toBe('POS');
    expect(judge('Trump met Kim, who said he would not give up his weapons.', 'met').time).toBe('NON_FUTURE');
  });

  it('does not let a hedge in another clause weaken the event', () => {
    expect(judge('Trump met Kim on Tuesday, and the two may meet again.', 'met').certainty).toBe('CERTAIN');
    expect(judge('Although a deal may follow, Trump met Kim on Tuesday.', 'met').certainty).toBe('CERTAIN');
  });

  it('reads a negating predicate over a noun as a certain no, whatever the noun says', () => {
    expect(axes(judge('Officials ruled out a possible meeting.', 'meeting'))).toBe('CERTAIN/NEG/NON_FUTURE');
    expect(judge('The White House called off the summit.', 'summit')).toMatchObject({
      polarity: 'NEG',
      cues: ['called off'],
    });
    expect(judge('The summit was cancelled on Friday.', 'summit').polarity).toBe('NEG');
    expect(judge('The summit did not take place.', 'summit').polarity).toBe('NEG');
    expect(judge('There will be no meeting.', 'meeting').polarity).toBe('NEG');
    expect(judge('Airlines will be compensated for the delay in delivery.', 'delivery').polarity).toBe('NEG');
    // The subject of an active verb is not what the verb undoes.
    expect(judge('The crash killed 102 people.', 'crash').polarity).toBe('POS');
  });

  it('scopes modals over negation and lets governors pass negation only when they raise it', () => {
    expect(axes(judge('Trump may not meet Kim.', 'meet'))).toBe('POSSIBLE/NEG/FUTURE');
    expect(axes(judge('Trump cannot meet Kim this week.', 'meet'))).toBe('CERTAIN/NEG/NON_FUTURE');
    expect(judge('Trump cannot meet Kim this week.', 'meet').cues).toEqual(['cannot']);
    expect(axes(judge('Trump is unlikely to meet Kim.', 'meet'))).toBe('PROBABLE/NEG/FUTURE');
    expect(judge('The White House has no plans to meet Kim.', 'meet').polarity).toBe('NEG');
    expect(judge('Trump does not plan to meet Kim.', 'meet').polarity).toBe('NEG');
    expect(judge('Kim refused to meet Trump.', 'meet').polarity).toBe('NEG');
    // "need" does not raise negation: not needing to buy is not refusing to.
    expect(judge('We do not need to buy aircraft from Europe.', 'buy').polarity).toBe('POS');
  });

  it('hedges by source and by hedging verbs', () => {
    expect(judge('Trump reportedly met Kim in Hanoi.', 'met')).toMatchObject({
      certainty: 'PROBABLE',
      cues: ['reportedly'],
    });
    expect(judge('Trump met Kim in Hanoi, sources said.', 'met').certainty).toBe('PROBABLE');
    expect(judge('Trump hopes to meet Kim.', 'meet').certainty).toBe('POSSIBLE');
    expect(judge('The two sides are considering a meeting next month.', 'meeting')).toMatchObject({
      certainty: 'POSSIBLE',
      time: 'FUTURE',
    });
    expect(judge('Analysts said it was not clear whether the leaders would meet.', 'meet').certainty).toBe(
      'POSSIBLE',
    );
  });

  it('tells plans from past plans and present states from future ones', () => {
    expect(judge('Trump is to meet Kim in May.', 'meet').time).toBe('FUTURE');
    expect(judge('Trump was to meet Kim in May.', 'meet').time).toBe('NON_FUTURE');
    expect(judge('Trump is going to meet Kim.', 'meet').time).toBe('FUTURE');
    expect(judge('The summit is scheduled for March.', 'summit')).toMatchObject({
      time: 'FUTURE',
      cues: ['scheduled'],
    });
    expect(judge('Trump said he would meet Kim soon.', 'meet').time).toBe('FUTURE');
    expect(axes(judge('The order is believed to be worth $15 billion.', 'worth'))).toBe(
      'PROBABLE/POS/NON_FUTURE',
    );
    expect(judge('The two leaders had met twice before.', 'met').earlier).toBe(true);
  });

  it('says when nothing anchors a bare noun', () => {
    expect(judge('Apart from a meeting with Kim, aides are busy.', 'meeting').anchored).toBe(false);
    expect(judge('Trump met Kim for talks.', 'talks').anchored).toBe(true);
  });
});

describe('tokens and tags', () => {
  it('classifies pre-tokenised sentences (CoNLL) the same way as running text', () => {
    const tokens = "Trump did n't meet Kim .".split(' ');
    expect(classifyMention(tokens, { start: 3, end: 4 })).toMatchObject({
      polarity: 'NEG',
      cues: ["n't"],
    });
    const deal = 'a speech against the now-cancelled deal to lease 100 tankers'.split(' ');
    expect(classifyMention(deal, { start: 7, end: 8 }).polarity).toBe('NEG');
  });

  it('keeps one word per token and tags a hyphenated verb-particle compound as a noun', () => {
    const words = tagTokens(['The', 'sit-down', 'was', 'called', 'off', '.']);
    expect(words.map((w) => w.text)).toEqual(['The', 'sit-down', 'was', 'called', 'off', '.']);
    expect(words[1]?.pos).toBe('NOUN');
    expect(tagText('a sit-down with Xi').map((w) => w.text)).toEqual(['a', 'sit-down', 'with', 'Xi']);
  });

  it('rejects a span outside the sentence', () => {
    expect(() => classifyMention(['Trump', 'met', 'Kim'], { start: 2, end: 5 })).toThrow(RangeError);
  });
});

describe('certainty for alerts, from the mention judgement', () => {
  it.each([
    ['Trump did not meet Kim on Tuesday.', 'denied'],
    ['Trump may not meet Kim.', 'speculative'],
    ['Trump is unlikely to meet Kim.', 'speculative'],
    ['Officials did not comment, but Trump will meet Kim.', 'planned'],
    ['Trump, who did not comment, met Kim on Tuesday.', 'confirmed'],
    ['Trump, who last met Kim in 2019, will meet him again in May.', 'planned'],
    ['Trump, who will meet Kim in May, met Xi on Tuesday.', 'confirmed'],
    ['Donald Trump is likely to meet Kim Jong Un during his upcoming visit to Asia.', 'speculative'],
    ['Kim expressed an openness to meeting with Trump during a speech last month.', 'speculative'],
    ['Trump said Kim would like to meet with him.', 'speculative'],
    ['The summit did not take place.', 'denied'],
    ['If they meet, the talks will focus on sanctions.', 'conditional'],
  ])('%s → %s', (sentence, expected) => {
    expect(classifyCertainty(sentence, 2025).certainty).toBe(expected);
  });

  it('judges the event words it is given', () => {
    expect(classifyCertainty('The airline may cancel the order.', 2025, ['order']).certainty).toBe(
      'speculative',
    );
    expect(classifyCertainty('The airline cancelled the order.', 2025, ['order']).certainty).toBe('denied');
  });

  it('gives the cue words as written, so alerts can mark them', () => {
    expect(classifyCertainty("Trump didn't meet Kim.", 2025).cues).toEqual(["didn't"]);
    expect(classifyCertainty('Trump met Kim in Hanoi.', 2025).cues).toEqual(['met']);
  });
});
