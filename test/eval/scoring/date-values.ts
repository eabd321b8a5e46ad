/**
 * Whether a resolved date value agrees with an expected calendar date, at the value's own
 * granularity. Shared by the date evaluations: the product's values (`YYYY`, `YYYY-Qn`, `YYYY-MM`,
 * `YYYY-Www`, `YYYY-MM-DD`, as functions/domain/language/analysis.ts defines them) are compared
 * with what a test or an annotation asserts of a date, never with a time of day.
 */

/** The calendar fields an expectation asserts; a field it does not assert is absent. */
export interface CalendarFields {
  year?: number;
  /** 1–12. */
  month?: number;
  day?: number;
}

/** A value read back into its granularity and fields. */
export type ParsedValue =
  | { granularity: 'year'; year: number }
  | { granularity: 'quarter'; year: number; quarter: number }
  | { granularity: 'month'; year: number; month: number }
  | { granularity: 'week'; year: number; week: number }
  | { granularity: 'day'; year: number; month: number; day: number };

const VALUE = /^(-?\d{4})(?:-(?:Q([1-4])|W(\d{2})|(\d{2})(?:-(\d{2}))?))?$/;

/** A value of one of the product's forms, or null for anything else. */
export const parseValue = (value: string): ParsedValue | null => {
  const match = VALUE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { granularity: 'quarter', year, quarter: Number(match[2]) };
  if (match[3]) return { granularity: 'week', year, week: Number(match[3]) };
  if (match[5]) return { granularity: 'day', year, month: Number(match[4]), day: Number(match[5]) };
  if (match[4]) return { granularity: 'month', year, month: Number(match[4]) };
  return { granularity: 'year', year };
};

/** The ISO week (Monday to Sunday; week 1 holds the year's first Thursday) of a calendar day. */
export const isoWeekOf = (year: number, month: number, day: number): { year: number; week: number } => {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  // The Thursday of the same week decides the week's year; its day of that year, the week.
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const weekYear = date.getUTCFullYear();
  const january1 = new Date(Date.UTC(2000, 0, 1));
  january1.setUTCFullYear(weekYear);
  const dayOfYear = Math.round((date.getTime() - january1.getTime()) / 86_400_000);
  return { year: weekYear, week: Math.floor(dayOfYear / 7) + 1 };
};

const same = (expected: number | undefined, actual: number) => expected === undefined || expected === actual;

/**
 * Whether `value` agrees with `expected` at the value's granularity:
 * - a day (`YYYY-MM-DD`) on year, month and day;
 * - a month (`YYYY-MM`) on year and month (a day the expectation adds is below the value's
 *   granularity: "in August" asserted as August 1st is August);
 * - a week (`YYYY-Www`) when the expectation names a whole day and that day is in the week;
 * - a year or a quarter only when the expectation asserts no month and no day: "2012" is no
 *   answer to "August 10, 2012".
 * Each comparison is made only on the fields the expectation asserts; an expectation that asserts
 * no calendar field (a time of day alone) agrees with any value. A value not of those forms never
 * agrees.
 */
export const valueAgrees = (value: string, expected: CalendarFields): boolean => {
  const parsed = parseValue(value);
  if (!parsed) return false;
  const finer = expected.month !== undefined || expected.day !== undefined;
  switch (parsed.granularity) {
    case 'year':
      return !finer && same(expected.year, parsed.year);
    case 'quarter':
      return !finer && same(expected.year, parsed.year);
    case 'month':
      return same(expected.year, parsed.year) && same(expected.month, parsed.month);
    case 'day':
      return (
        same(expected.year, parsed.year) &&
        same(expected.month, parsed.month) &&
        same(expected.day, parsed.day)
      );
    case 'week': {
      const { year, month, day } = expected;
      if (year === undefined || month === undefined || day === undefined) return false;
      const week = isoWeekOf(year, month, day);
      return week.year === parsed.year && week.week === parsed.week;
    }
  }
};

/** Whether the value is a month or a week where the expectation asserts a day: agreeing, it is coarser. */
export const coarserThan = (value: string, expected: CalendarFields): boolean => {
  const granularity = parseValue(value)?.granularity;
  return (granularity === 'month' || granularity === 'week') && expected.day !== undefined;
};
