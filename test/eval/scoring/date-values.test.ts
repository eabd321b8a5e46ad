import { describe, expect, it } from 'vitest';
import { coarserThan, isoWeekOf, parseValue, valueAgrees } from './date-values';

describe('date values at their own granularity', () => {
  it('reads every form of value, and nothing else', () => {
    expect(parseValue('2019')).toEqual({ granularity: 'year', year: 2019 });
    expect(parseValue('2019-Q3')).toEqual({ granularity: 'quarter', year: 2019, quarter: 3 });
    expect(parseValue('2019-06')).toEqual({ granularity: 'month', year: 2019, month: 6 });
    expect(parseValue('2019-W07')).toEqual({ granularity: 'week', year: 2019, week: 7 });
    expect(parseValue('2019-06-30')).toEqual({ granularity: 'day', year: 2019, month: 6, day: 30 });
    for (const odd of ['', '19', '2019-Q5', '2019-6', '2019-06-30T10:00', 'PRESENT_REF']) {
      expect(parseValue(odd), odd).toBeNull();
    }
  });

  it('numbers ISO weeks: Monday to Sunday, week 1 holding the first Thursday', () => {
    expect(isoWeekOf(2013, 3, 18)).toEqual({ year: 2013, week: 12 });
    expect(isoWeekOf(2013, 3, 24)).toEqual({ year: 2013, week: 12 });
    expect(isoWeekOf(2013, 3, 25)).toEqual({ year: 2013, week: 13 });
    // Days at the turn of a year can belong to the other year's weeks.
    expect(isoWeekOf(2021, 1, 3)).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
  });

  it('compares a day on every asserted field, and only those', () => {
    expect(valueAgrees('2012-08-10', { year: 2012, month: 8, day: 10 })).toBe(true);
    expect(valueAgrees('2012-08-10', { year: 2012, month: 8, day: 11 })).toBe(false);
    expect(valueAgrees('2012-08-10', { year: 2011, month: 8, day: 10 })).toBe(false);
    expect(valueAgrees('2017-07-03', { month: 7, day: 3 })).toBe(true);
    // Nothing asserted of the calendar: any date agrees.
    expect(valueAgrees('2017-07-03', {})).toBe(true);
  });

  it('lets a month or week stand for a day inside it, never a year or quarter', () => {
    expect(valueAgrees('2012-08', { year: 2012, month: 8, day: 1 })).toBe(true);
    expect(coarserThan('2012-08', { year: 2012, month: 8, day: 1 })).toBe(true);
    expect(valueAgrees('2012-09', { year: 2012, month: 8, day: 1 })).toBe(false);
    expect(valueAgrees('2013-W12', { year: 2013, month: 3, day: 20 })).toBe(true);
    expect(valueAgrees('2013-W12', { year: 2013, month: 3, day: 25 })).toBe(false);
    // A week needs a whole day to be placed.
    expect(valueAgrees('2013-W12', { year: 2013, month: 3 })).toBe(false);
    expect(valueAgrees('2012', { year: 2012, month: 8, day: 10 })).toBe(false);
    expect(valueAgrees('2012-Q3', { year: 2012, month: 8 })).toBe(false);
    expect(valueAgrees('2012', { year: 2012 })).toBe(true);
    expect(valueAgrees('2012-Q3', { year: 2012 })).toBe(true);
    expect(coarserThan('2012-08-01', { year: 2012, month: 8, day: 1 })).toBe(false);
  });
});
