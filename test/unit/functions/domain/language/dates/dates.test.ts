import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import {
  extractDates,
  MAX_DATES,
  monthOfDate,
} from '../../../../../../functions/domain/language/dates/dates';
import { splitParagraph } from '../../../../../../functions/domain/language/sentences';
import { plainTextArticle } from '../../../../../support/article-factories';

// 2025-10-18 is a Saturday.
const ARTICLE_DATE = '2025-10-18';

const datesIn = (text: string, publishedAt: string | null = ARTICLE_DATE) =>
  extractDates(
    splitParagraph(text, 0).map((draft) => draft.tokens),
    publishedAt,
  );

/** [text, value] of every date in one sentence. */
const pairs = (text: string, publishedAt: string | null = ARTICLE_DATE) =>
  datesIn(text, publishedAt).map(({ text: written, value }) => [written, value]);

/** The one date in a sentence. */
const only = (text: string, publishedAt: string | null = ARTICLE_DATE) => {
  const found = datesIn(text, publishedAt);
  expect(found, `dates in "${text}"`).toHaveLength(1);
  return found[0];
};

describe('absolute dates', () => {
  it('reads month-day-year, day-month-year, month-year and years, with their granularity', () => {
    expect(only('The leaders met at the border on June 30, 2019.')).toEqual({
      text: 'June 30, 2019',
      value: '2019-06-30',
      granularity: 'day',
      sentence: 0,
      relative: false,
    });
    expect(only('The leaders met on 30 June 2019 at the border.')).toMatchObject({
      value: '2019-06-30',
      granularity: 'day',
      relative: false,
    });
    expect(only('The two leaders last met in June 2019 at the border.')).toMatchObject({
      text: 'June 2019',
      value: '2019-06',
      granularity: 'month',
      relative: false,
    });
    expect(only('The company was founded in 2019 by two engineers.')).toMatchObject({
      text: '2019',
      value: '2019',
      granularity: 'year',
      relative: false,
    });
    expect(pairs('Prices rose sharply between 2019 and 2021, the report said.')).toEqual([
      ['2019', '2019'],
      ['2021', '2021'],
    ]);
    expect(pairs('The plant should be running by mid-2026 at the latest.')).toEqual([['mid-2026', '2026']]);
    expect(pairs('He spoke on Saturday, Oct. 4, 2025 in Rome.')).toEqual([
      ['Saturday, Oct. 4, 2025', '2025-10-04'],
    ]);
  });

  it('keeps absolute dates when the article has no date, and drops the relative ones', () => {
    const found = datesIn('The leaders met on June 30, 2019, and will meet again next month.', null);
    expect(found.map((d) => d.value)).toEqual(['2019-06-30']);
    expect(datesIn('Officials met on Saturday and again yesterday.', null)).toEqual([]);
    // An invalid article date is no date at all.
    expect(datesIn('Officials met on Saturday.', '2025-13-45')).toEqual([]);
  });

  it('rejects impossible days rather than rolling them over', () => {
    expect(datesIn('The offer closes on February 30, 2025, the firm said.')).toEqual([]);
    expect(datesIn('The offer closed on June 31, 2019, the firm said.')).toEqual([]);
  });
});

describe('relative dates, resolved against the article date', () => {
  it('resolves "next month", "last month", "last year", "earlier this year"', () => {
    expect(only('Trump is likely to visit Asia next month, CNN reported.')).toMatchObject({
      text: 'next month',
      value: '2025-11',
      granularity: 'month',
      relative: true,
    });
    expect(only('He spoke to parliament last month about the plan.')).toMatchObject({ value: '2025-09' });
    expect(only('Sales fell sharply last year, the company said.')).toMatchObject({
      value: '2024',
      granularity: 'year',
    });
    expect(only('Trump had contacted Kim earlier this year but received no reply.')).toMatchObject({
      text: 'earlier this year',
      value: '2025',
      granularity: 'year',
    });
    expect(only('The firm plans to expand late next year.')).toMatchObject({ value: '2026' });
  });

  it('crosses year boundaries', () => {
    expect(only('The shop will open next month, the owner said.', '2025-12-03')).toMatchObject({
      value: '2026-01',
    });
    expect(only('The council met in December to agree the budget.', '2026-01-10')).toMatchObject({
      value: '2025-12',
    });
  });

  it('resolves a weekday to the latest such day on or before the article date', () => {
    // The article is dated on a Saturday: "on Saturday" is that day.
    expect(only('Donald Trump is likely to meet Kim, CNN reported on Saturday.')).toMatchObject({
      text: 'Saturday',
      value: '2025-10-18',
      granularity: 'day',
      relative: true,
    });
    expect(only('The minister resigned on Tuesday after the vote.')).toMatchObject({ value: '2025-10-14' });
    expect(only('Officials met last Saturday to discuss the plan.')).toMatchObject({
      text: 'last Saturday',
      value: '2025-10-11',
    });
  });

  it('looks ahead for a weekday in the future tense or after "next"', () => {
    expect(only('The ministers will meet on Friday to sign the deal.')).toMatchObject({
      value: '2025-10-24',
    });
    expect(only('The talks are due to resume on Monday in Geneva.')).toMatchObject({ value: '2025-10-20' });
    expect(only('They meet again next Saturday in Geneva.')).toMatchObject({
      text: 'next Saturday',
      value: '2025-10-25',
    });
  });

  it('reads the tense of the clause the date is in', () => {
    // Through an infinitive to the verb that governs it; past a name that wink tags as a verb.
    expect(only('She will seek to regain her title at the Great Ireland Run on 9 April.')).toMatchObject({
      value: '2026-04-09',
    });
    // The verb after the comma belongs to another clause.
    expect(
      only('The paintings will be sold in New York in June, with smaller works going on sale later.'),
    ).toMatchObject({ value: '2026-06' });
    // A plan made in the past: "were set to".
    expect(
      only('They were set to learn their fate by the end of February, but the date was moved.'),
    ).toMatchObject({ value: '2025-02' });
  });

  it('resolves a month without a year to the latest one not after the article, or ahead when future', () => {
    expect(only('Trump hosted Lee at the White House in August.')).toMatchObject({
      text: 'August',
      value: '2025-08',
      granularity: 'month',
      relative: true,
    });
    expect(only('The summit will be held in August in Seoul.')).toMatchObject({ value: '2026-08' });
    expect(only('The strike began in October and is still going on.')).toMatchObject({ value: '2025-10' });
    expect(only('Prices were cut in December to clear stock.')).toMatchObject({ value: '2024-12' });
    expect(only('Prices were cut last December to clear stock.')).toMatchObject({ value: '2024-12' });
    expect(only('Prices were cut in March last year.')).toMatchObject({
      text: 'March last year',
      value: '2024-03',
    });
  });

  it('resolves a day and month without a year the same way', () => {
    expect(only('The deal was signed Jan. 5 in Brussels.')).toMatchObject({
      text: 'Jan. 5',
      value: '2025-01-05',
      granularity: 'day',
      relative: true,
    });
    expect(only('The deal will be signed on 5 January in Brussels.')).toMatchObject({ value: '2026-01-05' });
  });

  it('reads "due on" as a schedule, ahead of the article, unless it was due', () => {
    expect(only('The next rate decision is due on December 10.')).toMatchObject({ value: '2025-12-10' });
    expect(only('The report was due on December 10 and came late.')).toMatchObject({ value: '2024-12-10' });
  });

  it('resolves yesterday, tomorrow, last week and "ago"', () => {
    expect(pairs('It rained yesterday and will clear tomorrow.')).toEqual([
      ['yesterday', '2025-10-17'],
      ['tomorrow', '2025-10-19'],
    ]);
    // A week is an ISO week: 2025-10-06 to 2025-10-12.
    expect(only('Shares fell last week after the warning.')).toMatchObject({
      value: '2025-W41',
      granularity: 'week',
    });
    expect(only('The factory closed three years ago.')).toMatchObject({
      text: 'three years ago',
      value: '2022',
      granularity: 'year',
    });
  });

  it('numbers each date with its sentence', () => {
    const dates = datesIn('The talks ended on Monday. Both sides will meet again in December.');
    expect(dates.map((d) => [d.sentence, d.value])).toEqual([
      [0, '2025-10-13'],
      [1, '2025-12'],
    ]);
  });
});

describe('dates that look forward when the text does', () => {
  // 2025-10-18 is a Saturday in October.
  it('resolves a date after "through", "until", "from" or "by" ahead, unless the clause is past', () => {
    expect(only('The exhibition runs through June.')).toMatchObject({ value: '2026-06' });
    expect(only('The exhibition ran through June.')).toMatchObject({ value: '2025-06' });
    expect(only('The new rules apply from March 30.')).toMatchObject({ value: '2026-03-30' });
    expect(only('Tickets are on sale until Friday.')).toMatchObject({ value: '2025-10-24' });
    expect(only('The plan must be approved by Friday.')).toMatchObject({ value: '2025-10-24' });
    // Put off in the past, to a day still ahead.
    expect(only('The hearing was adjourned until Friday.')).toMatchObject({ value: '2025-10-24' });
    // "since" always looks back.
    expect(only('He has been in custody since May.')).toMatchObject({ value: '2025-05' });
    expect(only('The offer closed on March 30.')).toMatchObject({ value: '2025-03-30' });
  });

  it('reads modals, the present progressive, schedules and expectations as the future', () => {
    expect(only('A decision could come as late as Wednesday.')).toMatchObject({ value: '2025-10-22' });
    expect(only('She is leaving in August.')).toMatchObject({ value: '2026-08' });
    expect(only('The vote is scheduled for Tuesday.')).toMatchObject({ value: '2025-10-21' });
    expect(only('Analysts expect a deal by June.')).toMatchObject({ value: '2026-06' });
    // A headline's infinitive after its subject.
    expect(only('Trump to meet Kim on Thursday')).toMatchObject({ value: '2025-10-23' });
    expect(only('Officials met on Thursday.')).toMatchObject({ value: '2025-10-16' });
  });

  it('takes the nearest day or month when the text gives no tense', () => {
    expect(only('The deadline is January 10.')).toMatchObject({ value: '2026-01-10' });
    expect(only('The deadline is September 30.')).toMatchObject({ value: '2025-09-30' });
    // A participle has no tense: the finite verb past it decides.
    expect(only('In a public address Thursday, Putin accused the West.')).toMatchObject({
      value: '2025-10-16',
    });
  });

  it('reads "this Friday" as the coming one, and today as this Saturday', () => {
    expect(only('Meet me this Friday at the station.')).toMatchObject({
      text: 'this Friday',
      value: '2025-10-24',
    });
    expect(only('Meet me this Saturday at the station.')).toMatchObject({ value: '2025-10-18' });
  });
});

describe('weeks, quarters and the present', () => {
  it('gives weeks as ISO weeks and quarters as YYYY-Qn', () => {
    expect(only('Shares fell this week.')).toMatchObject({ value: '2025-W42', granularity: 'week' });
    expect(only('They meet next week.')).toMatchObject({ value: '2025-W43', granularity: 'week' });
    expect(only('Shares fell this week.', '2021-01-03')).toMatchObject({ value: '2020-W53' });
    expect(only('Sales will pick up this quarter.')).toMatchObject({
      value: '2025-Q4',
      granularity: 'quarter',
    });
    expect(only('Sales fell last quarter.', '2025-01-10')).toMatchObject({ value: '2024-Q4' });
    expect(only('Growth in the first quarter of 2013 was weak.')).toMatchObject({
      text: 'first quarter of 2013',
      value: '2013-Q1',
      relative: false,
    });
    expect(only('Q3 2013 results beat forecasts.')).toMatchObject({ value: '2013-Q3' });
    // Without a year, in business news, placed like a month: a past quarter is behind.
    expect(only('Profit fell in the third quarter.')).toMatchObject({ value: '2025-Q3' });
    expect(only('Third-quarter profit fell 5%.', '2026-02-03')).toMatchObject({ value: '2025-Q3' });
  });

  it('places a week in the month of its Monday, and no quarter or year in a month', () => {
    expect(monthOfDate({ value: '2025-W44', granularity: 'week' })).toBe('2025-10');
    expect(monthOfDate({ value: '2026-W01', granularity: 'week' })).toBe('2025-12');
    expect(monthOfDate({ value: '2025-11-04', granularity: 'day' })).toBe('2025-11');
    expect(monthOfDate({ value: '2025-11', granularity: 'month' })).toBe('2025-11');
    expect(monthOfDate({ value: '2025-Q4', granularity: 'quarter' })).toBeNull();
    expect(monthOfDate({ value: '2025', granularity: 'year' })).toBeNull();
  });

  it('marks "today", "now" and "tonight" as the article date itself', () => {
    expect(only('It happened today.')).toEqual({
      text: 'today',
      value: '2025-10-18',
      granularity: 'day',
      sentence: 0,
      relative: true,
      present: true,
    });
    expect(only('The talks are now stalled.')).toMatchObject({ value: '2025-10-18', present: true });
    expect(only('Now the talks are stalled.')).toMatchObject({ present: true });
    expect(only('It will rain tonight.')).toMatchObject({ value: '2025-10-18', present: true });
    // Other days are not the present.
    expect(only('It rained yesterday.')).not.toHaveProperty('present');
  });
});

describe('years as adjectives, ranges, numbers and counts', () => {
  it('reads a year between a determiner and a noun', () => {
    expect(only('A 2010 commando raid killed him.')).toMatchObject({ value: '2010', granularity: 'year' });
    expect(only('His 2007 campaign failed.')).toMatchObject({ value: '2007' });
    expect(only('Obama’s 2008 victory was historic.')).toMatchObject({ value: '2008' });
    expect(only('The 2018 World Cup was held in Russia.')).toMatchObject({ value: '2018' });
  });

  it('gives both ends of a range one period', () => {
    // Present tense: the period that holds the article's date, when there is one.
    expect(pairs('From December to May the museum is shut.', '2026-03-10')).toEqual([
      ['December', '2025-12'],
      ['May', '2026-05'],
    ]);
    // The start takes its year from the end.
    expect(pairs('From December to May 2022 the museum was shut.')).toEqual([
      ['December', '2021-12'],
      ['May 2022', '2022-05'],
    ]);
    expect(pairs('The fair ran Aug 10 - Nov 12, 2013.')).toEqual([
      ['Aug 10', '2013-08-10'],
      ['Nov 12, 2013', '2013-11-12'],
    ]);
    expect(pairs('The fair runs August 10 - 22, 2026.')).toEqual([
      ['August 10', '2026-08-10'],
      ['22, 2026', '2026-08-22'],
    ]);
    // A weekday before the day that ends the range.
    expect(pairs('He was busy from Monday afternoon to last night.')).toEqual([
      ['Monday afternoon', '2025-10-13'],
      ['last night', '2025-10-17'],
    ]);
  });

  it('reads dates written in numbers, in running text', () => {
    expect(only('It opened on 2025-10-08 in Paris.')).toMatchObject({ value: '2025-10-08', relative: false });
    expect(only('Let us finish this before 2013-2-7.')).toMatchObject({ value: '2013-02-07' });
    // Month first, as American copy writes it; day first when the first cannot be a month.
    expect(only('It was 10/11/2025 when it happened.')).toMatchObject({ value: '2025-10-11' });
    expect(only('It was 27/07/2022 when it happened.')).toMatchObject({ value: '2022-07-27' });
    expect(only('It was 07-27-2022 when it happened.')).toMatchObject({ value: '2022-07-27' });
    // Full stops: day first, as European copy writes it.
    expect(only('It was 10.11.2025 when it happened.')).toMatchObject({ value: '2025-11-10' });
    expect(only('Published: 06/2004')).toMatchObject({ value: '2004-06', granularity: 'month' });
    expect(only('The deal closes on 3/14.')).toMatchObject({ value: '2026-03-14', relative: true });
    expect(only('The Deadline is Tuesday 11/3/2015')).toMatchObject({ value: '2015-11-03' });
    expect(only('The deal was signed 8/Oct/2012.')).toMatchObject({ value: '2012-10-08' });
  });

  it('counts units from the article, or from the date before', () => {
    expect(only('The talks begin in 3 days.')).toMatchObject({ text: 'in 3 days', value: '2025-10-21' });
    expect(only('5 days ago, we did something.')).toMatchObject({ value: '2025-10-13' });
    expect(only('It opens the day after tomorrow.')).toMatchObject({
      text: 'the day after tomorrow',
      value: '2025-10-20',
    });
    expect(only('It closed a week before yesterday.')).toMatchObject({ value: '2025-10-10' });
    expect(only('It opens 10 days from now.')).toMatchObject({ value: '2025-10-28' });
    expect(only('It opens in 2 months.')).toMatchObject({ value: '2025-12', granularity: 'month' });
    expect(only('It shut 3mo later.')).toMatchObject({ value: '2026-01' });
    // "later" counts from the date before it, in the sentence or before.
    expect(pairs('The vote was held on March 3. Two weeks later, the results came.')).toEqual([
      ['March 3', '2025-03-03'],
      ['Two weeks later', '2025-03-17'],
    ]);
    expect(only('Two weeks later, the results come.')).toMatchObject({ value: '2025-11-01' });
    // A span is no date: "the three months from October".
    expect(pairs('The cafes were shut in the three months from October to December.')).toEqual([
      ['October', '2025-10'],
      ['December', '2025-12'],
    ]);
  });

  it('reads days as words, two-digit years, eras and a clock between a date and its year', () => {
    expect(only('The fourth of July is a holiday.')).toMatchObject({ value: '2025-07-04' });
    expect(only('It began May eighth, 2010.')).toMatchObject({ value: '2010-05-08' });
    expect(only('It began on May twenty-fourth.')).toMatchObject({ value: '2025-05-24' });
    expect(only('He was born on Aug 9, 96.')).toMatchObject({ value: '1996-08-09' });
    expect(only('The tour began in Aug ’96.')).toMatchObject({ value: '1996-08' });
    expect(only('On May 5, 20 were hurt.')).toMatchObject({ text: 'May 5', value: '2025-05-05' });
    expect(only('The temple dates from 10 August 88 AD.')).toMatchObject({ value: '0088-08-10' });
    expect(only('The Deadline is August 10, 2555 BE')).toMatchObject({ value: '2012-08-10' });
    // No value can say a year before the common era: no date rather than a wrong one.
    expect(datesIn('The battle was on 10 August 234 BC.')).toEqual([]);
    expect(only('Thu Oct 26 11:00:09 EDT 2023')).toMatchObject({ value: '2023-10-26' });
    expect(only('It was founded in August, 2012.')).toMatchObject({ value: '2012-08' });
    expect(only('In May, 2000 people marched.')).toMatchObject({ text: 'May', value: '2025-05' });
  });
});

describe('odd text', () => {
  it.each([
    'Growth slowed in a third quarter of trading.',
    'Prices may rise again before the spring.',
    'May I ask what the minister meant?',
    'Theresa May said she would not stand again.',
    'March on Washington drew thousands of people.',
    'Protesters march on the capital every week.',
    'The Sunday Times said the plan had been dropped.',
    'Black Friday sales were weaker than last time.',
    'The scheme built houses in 2000 homes across the region.',
    'Over the last year the firm has doubled in size.',
    'The Today programme asked the minister about it.',
    'Aug revenue figures were not published.',
    'She told BBC Radio 4’s Today programme that she would stay.',
    'Her best-known role is in The Darling Buds of May on television.',
    'He presented ITV’s This Morning for ten years.',
    'The cameras record at resolutions of 2048 * 1080 pixels.',
    // Quarters of a match, fractions, scores, names written like dates, spans, durations.
    'The Lakers led by ten points in the fourth quarter.',
    'Sales rose 3/4 of the way through the programme.',
    'The shop is open 24/7 for the first time.',
    'After 9/11, airport security changed for good.',
    'The 2000 homes were flooded by the river.',
    'He finished the marathon in 3 days without sleep.',
    'In a day of talks the two sides agreed a text.',
    'Two weeks later he was freed without charge.',
    'The now-defunct firm closed its doors.',
    'Theresa May first said no to the plan.',
    'The deadline is August 32.',
  ])('finds no date in "%s"', (text) => {
    expect(datesIn(text)).toEqual([]);
  });

  it('never throws on noise', () => {
    const noise = [
      '',
      '...',
      'June',
      'on',
      'last',
      'ago',
      '31 ago',
      '2019-02-30',
      'In 99999 and 0000 of 9999 June 00, 1999999.',
      'next next next last this earlier later',
      'Saturday, Saturday, Saturday, Sunday Monday',
      '12 months ago 0 days ago a week ago',
      '“In May,” she said, “in May.”',
    ];
    for (const text of noise) expect(() => datesIn(text)).not.toThrow();
  });

  it(`keeps at most ${MAX_DATES} dates`, () => {
    const text = Array.from({ length: 80 }, (_, i) => `Sales rose in ${1950 + i}.`).join(' ');
    expect(datesIn(text)).toHaveLength(MAX_DATES);
  });
});

describe('dates through analyseArticle', () => {
  it('resolves against the article header and reads captions too', () => {
    const analysed = analyseArticle(
      plainTextArticle({
        date: ARTICLE_DATE,
        paragraphs: [
          'The council approved a new budget for road repairs on Monday, officials said.',
          'The mayor first proposed the scheme in June 2019 and will report on progress next month.',
        ],
      }),
    );
    expect(analysed.dates.map((d) => [d.text, d.value, d.sentence])).toEqual([
      ['Monday', '2025-10-13', 0],
      ['June 2019', '2019-06', 1],
      ['next month', '2025-11', 1],
    ]);
  });
});
