import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../../../functions/domain/analyse-article';
import { extractDates, MAX_DATES } from '../../../../../../functions/domain/language/dates/dates';
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
    // A week is given by its Monday (the contract has no week granularity).
    expect(only('Shares fell last week after the warning.')).toMatchObject({
      value: '2025-10-06',
      granularity: 'day',
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
