/**
 * Publication dates as documents write them, normalised to ISO `YYYY-MM-DD`. A date is taken as
 * written in its own zone: "2025-10-18T23:30:00-04:00" and "Sat, 18 Oct 2025 23:30:00 -0400" are
 * both 18 October, although it was already the 19th in UTC. Only unambiguous forms are read:
 * "10/11/2025" could be either day first or month first and gives null.
 */

/** Month numbers by the first three letters of the English name. */
export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;

/** "2025-10-18", "2025-10-18T23:30:00-04:00", "2025/10/18 09:00", "20251018". */
const ISO_LIKE = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?=$|[T\s_])/;
/** RFC 822 and 1123 as in RSS: "Sat, 18 Oct 2025 23:30:00 -0400"; also "18th October 2025". */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(\d{4}|\d{2})\b`,
  'i',
);
/** "October 18, 2025", "Oct. 18 2025". */
const MONTH_DAY_YEAR = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i');
const EPOCH = /^\d{9,13}$/;
// Epoch values at or above this are milliseconds (it is 5 March 1973 in ms, year 5138 in seconds).
const EPOCH_MS_FROM = 1e11;

/** `YYYY-MM-DD` for a calendar date that exists (not 2025-02-30), else null. */
export const validIsoDate = (year: string | number, month: string | number, day: string | number) => {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2025-13-45 over into 2026; a round trip exposes that.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const fromEpoch = (value: number): string | null => {
  if (!Number.isFinite(value) || value <= 0) return null;
  const date = new Date(value >= EPOCH_MS_FROM ? value : value * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
};

const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

const fromString = (raw: string): string | null => {
  const text = raw.trim();
  if (text.length === 0) return null;
  const iso = ISO_LIKE.exec(text);
  if (iso) return validIsoDate(iso[1] ?? '', iso[3] ?? iso[5] ?? '', iso[4] ?? iso[6] ?? '');
  if (EPOCH.test(text)) return fromEpoch(Number(text));
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  if (dayFirst) {
    const month = MONTHS[(dayFirst[2] ?? '').toLowerCase()];
    return month ? validIsoDate(fullYear(dayFirst[3] ?? ''), month, dayFirst[1] ?? '') : null;
  }
  const monthFirst = MONTH_DAY_YEAR.exec(text);
  if (monthFirst) {
    const month = MONTHS[(monthFirst[1] ?? '').toLowerCase()];
    return month ? validIsoDate(monthFirst[3] ?? '', month, monthFirst[2] ?? '') : null;
  }
  return null;
};

/**
 * The calendar date of a document's date value, as `YYYY-MM-DD`, or null when there is none or it
 * is not a real date. Accepts strings in ISO 8601, RFC 822 and written-out forms, epoch seconds
 * or milliseconds (a number or a string of digits; read in UTC, as they have no zone), and Date
 * objects (as YAML front matter gives them; read in UTC, as YAML timestamps default to it).
 */
export const isoDateFrom = (value: unknown): string | null => {
  if (typeof value === 'string') return fromString(value);
  if (typeof value === 'number') return fromEpoch(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return null;
};
