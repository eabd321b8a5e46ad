import { describe, expect, it } from 'vitest';
import type { AnalysedArticle, RankedSentence } from '../../../../../../functions/domain/language/analysis';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import {
  MAX_RANKED,
  SMS_CHARS,
  selectWithin,
  summaryFor,
  summaryLineOf,
  type SummaryBudget,
} from '../../../../../../functions/domain/language/summary/summarise';
import { plainTextArticle } from '../../../../../support/article-factories';

const FLOOD_LEAD =
  'Storm Fenna brought gusts of more than 80mph to Wales overnight, closing roads and leaving 12,000 homes without power.';
// Nearly the lead again: a summary must never hold both.
const FLOOD_REPEAT =
  'Storm Fenna brought gusts of more than 80mph to Wales overnight, closing many roads and leaving 12,000 homes without power.';

const storm = analyseArticle(
  plainTextArticle({
    date: '2025-11-03',
    paragraphs: [
      FLOOD_LEAD,
      'Trains between Cardiff and Swansea were suspended while engineers cleared fallen trees from the line.',
      FLOOD_REPEAT,
      'Power companies said engineers were working through the night to restore supplies to homes hit by the storm.',
      'The Met Office issued an amber warning for wind covering most of south Wales until Tuesday morning.',
      'Schools in Bridgend and Neath Port Talbot stayed closed as a precaution, the councils said.',
      'Coastal paths were shut after waves damaged the sea wall at Porthcawl during the high tide.',
      'Forecasters said the storm would move towards England later in the day, weakening as it went.',
      'Insurers said it was too early to estimate the cost of the damage to homes and businesses.',
      'It is the sixth named storm of the season.',
    ],
  }),
);

const wordsOf = (analysed: AnalysedArticle, summary: string[]) =>
  summary.reduce((sum, text) => {
    const sentence = analysed.sentences.find((s) => s.text === text);
    return sum + (analysed.summaryRanking.find((r) => r.index === sentence?.index)?.words ?? 0);
  }, 0);

const indicesOf = (analysed: AnalysedArticle, summary: string[]) =>
  summary.map((text) => analysed.sentences.find((s) => s.text === text)?.index ?? -1);

describe('summaryFor', () => {
  it('gives the default summary for email, six sentences for long, n for { sentences: n }', () => {
    expect(summaryFor(storm, 'email')).toEqual(storm.summary);
    expect(storm.summary).toHaveLength(3);
    expect(summaryFor(storm, 'long')).toHaveLength(6);
    expect(summaryFor(storm, { sentences: 4 })).toHaveLength(4);
    expect(summaryFor(storm, { sentences: 0 })).toEqual([]);
    // No limit given reads as the default budget.
    expect(summaryFor(storm, {})).toEqual(storm.summary);
  });

  it('returns sentences in article order, each a body sentence, for every budget', () => {
    for (const budget of ['email', 'long', { sentences: 8 }, { words: 70 }] as SummaryBudget[]) {
      const indices = indicesOf(storm, summaryFor(storm, budget));
      expect(indices.every((i) => storm.sentences[i]?.role === 'body')).toBe(true);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
    }
  });

  it('never puts a sentence and its near-duplicate in one summary, whatever the budget', () => {
    for (const budget of [
      'email',
      'long',
      { sentences: 9 },
      { words: 40 },
      { words: 1000 },
    ] as SummaryBudget[]) {
      const summary = summaryFor(storm, budget);
      expect(summary.includes(FLOOD_LEAD) && summary.includes(FLOOD_REPEAT), JSON.stringify(budget)).toBe(
        false,
      );
    }
    expect(summaryFor(storm, { words: 1000 })).toHaveLength(9);
  });

  it('fits a word budget: the best sentences whose words add up to no more than N', () => {
    const lead3Words = storm.summaryRanking
      .filter((r) => r.index <= 3 && r.index !== 2)
      .reduce((sum, r) => sum + r.words, 0);
    for (const words of [10, 25, 40, lead3Words, 120]) {
      const summary = summaryFor(storm, { words });
      expect(wordsOf(storm, summary)).toBeLessThanOrEqual(words);
    }
    // The best sentence when it fits: the lead here.
    expect(summaryFor(storm, { words: 25 })).toContain(FLOOD_LEAD);
    // Too small for any sentence: nothing rather than a fragment.
    expect(summaryFor(storm, { words: 3 })).toEqual([]);
    // Both limits hold at once.
    expect(summaryFor(storm, { words: 1000, sentences: 2 })).toHaveLength(2);
  });

  it('works from the stored analysis alone, e.g. after a JSON round trip', () => {
    const stored = JSON.parse(JSON.stringify(storm)) as AnalysedArticle;
    for (const budget of ['sms', 'email', 'long', { words: 50 }] as SummaryBudget[]) {
      expect(summaryFor(stored, budget)).toEqual(summaryFor(storm, budget));
    }
  });

  it('rejects limits that are not non-negative integers', () => {
    expect(() => summaryFor(storm, { words: -1 })).toThrow(RangeError);
    expect(() => summaryFor(storm, { sentences: 2.5 })).toThrow(RangeError);
  });

  it('gives the SMS line for sms', () => {
    expect(summaryFor(storm, 'sms')).toEqual([storm.summaryLine]);
  });
});

describe('the SMS line', () => {
  it('is the best sentence itself when it fits in 140 characters', () => {
    const short = analyseArticle(
      plainTextArticle({
        date: '2025-11-03',
        paragraphs: [
          'The council approved a new budget for road repairs in Leeds on Monday.',
          'The budget doubles the money spent on road repairs in Leeds next year.',
        ],
      }),
    );
    expect(short.summaryLine).toBe('The council approved a new budget for road repairs in Leeds on Monday.');
  });

  it('cuts a long best sentence at a clause boundary and ends it with an ellipsis', () => {
    expect(FLOOD_LEAD.length).toBeLessThanOrEqual(SMS_CHARS);
    const long =
      'The regional transport authority approved a plan to rebuild the main railway bridge across the river, which was damaged in last winter’s floods, and to add a second track for freight trains, officials said on Tuesday.';
    expect(long.length).toBeGreaterThan(SMS_CHARS);
    const line = summaryLineOf(long);
    expect(line.length).toBeLessThanOrEqual(SMS_CHARS);
    expect(line.endsWith('…')).toBe(true);
    // As headlines are cut: the relative aside goes first, then whatever follows a clause opener.
    expect(line).toBe(
      'The regional transport authority approved a plan to rebuild the main railway bridge across the river and to add a second track…',
    );
    expect(line).not.toContain('\n');
  });

  it('stays within 140 characters for any sentence, even without a place to cut', () => {
    const noSpaces = 'x'.repeat(400);
    expect(summaryLineOf(noSpaces).length).toBeLessThanOrEqual(SMS_CHARS);
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const line = summaryLineOf(`${words}.`);
    expect(line.length).toBeLessThanOrEqual(SMS_CHARS);
    expect(line.endsWith('…')).toBe(true);
    expect(
      summaryLineOf(
        '“A quotation that goes on and on about everything, ' + 'and more '.repeat(30) + '” she said.',
      ).length,
    ).toBeLessThanOrEqual(SMS_CHARS);
  });
});

describe('selectWithin', () => {
  const ranked = (index: number, words: number, repeats: number[] = []): RankedSentence => ({
    index,
    words,
    repeats,
  });

  it('passes over a sentence that does not fit for a shorter one further down', () => {
    const ranking = [ranked(0, 30), ranked(4, 40), ranked(2, 15), ranked(7, 10)];
    expect(selectWithin(ranking, { words: 50 })).toEqual([0, 2]);
    expect(selectWithin(ranking, { words: 55 })).toEqual([0, 2, 7]);
  });

  it('skips a repeat only when the sentence it repeats was chosen', () => {
    const ranking = [ranked(0, 30), ranked(5, 30, [0]), ranked(3, 20)];
    expect(selectWithin(ranking, { sentences: 2 })).toEqual([0, 3]);
    // The lead does not fit: its repeat may stand in for it.
    expect(selectWithin(ranking, { words: 25 })).toEqual([3]);
    expect(selectWithin([ranked(0, 40), ranked(5, 20, [0])], { words: 25 })).toEqual([5]);
  });

  it(`ranks at most ${MAX_RANKED} sentences`, () => {
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) =>
        `Volunteer group number ${i} planted ${i + 10} young oak trees along the canal towpath in spring.`,
    );
    const analysed = analyseArticle(plainTextArticle({ date: '2025-11-03', paragraphs }));
    expect(analysed.summaryRanking.length).toBeLessThanOrEqual(MAX_RANKED);
  });
});
