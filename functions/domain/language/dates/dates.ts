import type { DateGranularity, DateMention } from '../analysis';
import {
  AGO_UNITS,
  APPROXIMATORS,
  CASUAL_DAYS,
  DATE_CONTEXT,
  DATE_JOINERS,
  DEICTIC_UNITS,
  DEIXIS,
  DETERMINERS,
  FUTURE_ADJECTIVES,
  FUTURE_AUXILIARIES,
  FUTURE_BEFORE_TO,
  MONTHS,
  NUMBER_WORDS,
  PARTS_OF_DAY,
  PREFIXES,
  WEEKDAYS,
  type Deixis,
  type MonthWord,
} from './date-words';
import type { Token } from '../tokenise';
import { WordMap } from '../word-set';

/**
 * Most dates kept per article. The analysis is stored as one DynamoDB item (400 KB at most): a
 * mention is under 100 bytes, so 50 of them stay far below that whatever the article.
 */
export const MAX_DATES = 50;

// How far from a date, in tokens, the verb that gives its tense is looked for.
const TENSE_WINDOW = 10;
// Tokens of a verb group before its main verb: "will not have been".
const VERB_GROUP_TOKENS = 4;
const MIN_YEAR = 1000;
const MAX_YEAR = 2999;
// A lone number is taken for a year only in this range: "in 1066" is history, "in 2000" a count.
const MIN_BARE_YEAR = 1900;
const MAX_BARE_YEAR = 2100;
const DAY_MS = 86_400_000;
const CLAUSE_BREAKS: ReadonlySet<string> = new Set([',', ';', ':', '—', '–', '(', ')', '"', '“', '”']);
const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but', 'or']);
const PAST_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'had']);
/** What may stand between "due" and its date: "due on Tuesday", "due in March", "due by June". */
const DATE_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'in', 'by', 'before']);
// After a year these make it a quantity: "2048 * 1080 pixels", "1920 x 1080".
const ARITHMETIC: ReadonlySet<string> = new Set(['*', 'x', '×', '/', '%', '+', '=']);

const DAY_NUMBER = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR_NUMBER = /^\d{4}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Trigger =
  | { kind: 'month'; month: MonthWord }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'casual'; offset: number }
  | { kind: 'deixis' }
  | { kind: 'ago' };

/** Every word that can start a date, in one map: one lookup per token is the cost of a sentence. */
const TRIGGERS = new WordMap<Trigger>([
  ...[...MONTHS].map(([word, month]) => [word, { kind: 'month', month }] as const),
  ...[...WEEKDAYS].map(([word, weekday]) => [word, { kind: 'weekday', weekday }] as const),
  ...[...CASUAL_DAYS].map(([word, offset]) => [word, { kind: 'casual', offset }] as const),
  ...[...DEIXIS.keys(), ...APPROXIMATORS].map((word) => [word, { kind: 'deixis' }] as const),
  ['ago', { kind: 'ago' }],
]);

/** A calendar day as a count of days since 1970-01-01 (UTC): arithmetic without time zones. */
type EpochDay = number;

interface Reference {
  year: number;
  month: number;
  day: number;
  epochDay: EpochDay;
  /** 0 = Sunday. */
  weekday: number;
}

interface Found {
  /** Tokens [start, end) of the mention. */
  start: number;
  end: number;
  value: string;
  granularity: DateGranularity;
  relative: boolean;
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const yearValue = (year: number) => `${year}`;
const monthValue = (year: number, month: number) => `${year}-${pad(month)}`;
const dayValue = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

const epochDayOf = (year: number, month: number, day: number): EpochDay =>
  Date.UTC(year, month - 1, day) / DAY_MS;

const dayValueOf = (epochDay: EpochDay) => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const validDay = (year: number, month: number, day: number) =>
  year >= MIN_YEAR && year <= MAX_YEAR && day >= 1 && day <= daysInMonth(year, month);

/** The article's date as a reference, or null when it has none (or not a valid one). */
const referenceOf = (publishedAt: string | null): Reference | null => {
  const match = publishedAt ? ISO_DATE.exec(publishedAt) : null;
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || !validDay(year, month, day)) return null;
  const epochDay = epochDayOf(year, month, day);
  return { year, month, day, epochDay, weekday: new Date(epochDay * DAY_MS).getUTCDay() };
};

/** Month and year `offset` months from the reference's month. */
const shiftMonth = (ref: Reference, offset: number) => {
  const index = ref.year * 12 + (ref.month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** Monday of the reference's week (weeks run Monday to Sunday), `weeks` weeks on. */
const mondayOf = (ref: Reference, weeks: number): EpochDay =>
  ref.epochDay - ((ref.weekday + 6) % 7) + 7 * weeks;

/** Strips "mid-", "early-", "late-": "mid-2019" is 2019, "mid-June" is June. */
const unprefixed = (lower: string) => {
  for (const prefix of PREFIXES) if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  return null;
};

/**
 * Finds and resolves the dates of one sentence. Every rule is anchored on a token that can only
 * start a date (a month or weekday name, a four-digit number, "yesterday", "last"...), so the
 * work on a sentence with none of them is one map lookup per token.
 */
class SentenceDates {
  private lastEnd = -1;
  private future: boolean | undefined;
  readonly found: Found[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ref: Reference | null,
  ) {}

  scan(): Found[] {
    const { tokens } = this;
    for (let i = 0; i < tokens.length; i += 1) {
      const match = this.matchAt(i);
      if (match) {
        this.found.push(match);
        this.lastEnd = match.end;
        i = match.end - 1;
      }
    }
    return this.found;
  }

  /** Token `i`, or undefined off either end (a negative index is a slow lookup in V8). */
  private at(i: number): Token | undefined {
    return i >= 0 ? this.tokens[i] : undefined;
  }

  private lower(i: number) {
    return this.at(i)?.lower ?? '';
  }

  /** Whether token `i` is the first word of the sentence (quotation marks may come before). */
  private isFirstWord(i: number) {
    for (let k = i - 1; k >= 0; k -= 1) if (this.tokens[k]?.word) return false;
    return true;
  }

  private matchAt(i: number): Found | null {
    const token = this.tokens[i];
    if (!token) return null;
    const lower = token.lower;
    const code = lower.charCodeAt(0);
    if (code >= 48 && code <= 57) return this.dayFirst(i) ?? this.year(i);
    const trigger = TRIGGERS.get(lower);
    if (trigger) {
      switch (trigger.kind) {
        case 'month':
          return token.capitalised ? this.monthFirst(i, trigger.month) : null;
        case 'weekday':
          return token.capitalised ? this.weekday(i, trigger.weekday) : null;
        case 'casual':
          return this.casual(i, trigger.offset);
        case 'deixis':
          return this.deictic(i);
        case 'ago':
          return this.ago(i);
      }
    }
    if ((code === 109 || code === 101 || code === 108) && lower.length > 5) {
      // m, e, l: "mid-2019", "early-2020", "mid-June".
      const rest = unprefixed(lower);
      if (rest !== null) return this.prefixed(i, rest);
    }
    return null;
  }

  // --- Tense ---------------------------------------------------------------------------------

  /**
   * Whether the nearest verb to the mention is in the future tense ("will meet", "is due to
   * open", "plans to visit"), or an "upcoming" is near. Reported speech in the past ("said on
   * Monday") and the present of headlines and captions ("meets") read as past, as news means them.
   */
  private isFuture(start: number, end: number): boolean {
    // Each side is searched up to a clause break (a comma, a colon, a dash): the verb past it
    // belongs to another clause ("...in New York in June, with paintings going...").
    let left = true;
    let right = true;
    for (let d = 1; d <= TENSE_WINDOW && (left || right); d += 1) {
      // The verb before wins a tie: "met ... in August".
      for (let side = 0; side < 2; side += 1) {
        if (side === 0 ? !left : !right) continue;
        const k = side === 0 ? start - d : end - 1 + d;
        const token = this.at(k);
        // After the date, "and" or "but" starts the next clause: "before May and will then...".
        if (!token || CLAUSE_BREAKS.has(token.text) || (side === 1 && COORDINATORS.has(token.lower))) {
          if (side === 0) left = false;
          else right = false;
          continue;
        }
        if (FUTURE_ADJECTIVES.has(token.lower)) return true;
        // "is due on December 10", "due in March": a schedule, unless it was ("was due on").
        if (side === 0 && token.lower === 'due' && DATE_PREPOSITIONS.has(this.lower(k + 1)))
          return !PAST_AUXILIARIES.has(this.lower(k - 1));
        // A capitalised "verb" mid-sentence is part of a name: "the Great Ireland Run".
        const verb =
          (token.pos === 'VERB' || token.pos === 'AUX') && !(token.capitalised && !this.isFirstWord(k));
        if (verb) return this.verbIsFuture(k);
      }
    }
    return this.sentenceIsFuture();
  }

  /**
   * Whether the verb group ending at token `k` is future: "will meet", "will be held", "is due to
   * open", "will seek to regain" (through an infinitive to the verb governing it).
   */
  private verbIsFuture(k: number): boolean {
    let limit = k - VERB_GROUP_TOKENS;
    for (let j = k; j >= 0 && j >= limit; j -= 1) {
      const token = this.tokens[j];
      if (!token || token.pos === 'PUNCT') return false;
      if (FUTURE_AUXILIARIES.has(token.lower)) return true;
      // "is due to", "plans to"; not "was due to", "were set to": a plan of the past.
      if (token.lower === 'to' && FUTURE_BEFORE_TO.has(this.lower(j - 1)))
        return !PAST_AUXILIARIES.has(this.lower(j - 2)) && !PAST_AUXILIARIES.has(this.lower(j - 3));
      if (j < k && token.pos === 'VERB') {
        // "seek" of "will seek to regain": the infinitive's governor carries the tense.
        if (this.lower(j + 1) !== 'to') return false;
        limit = j - VERB_GROUP_TOKENS;
      }
    }
    return false;
  }

  /** No verb near: a future auxiliary anywhere in the sentence decides. */
  private sentenceIsFuture(): boolean {
    if (this.future === undefined) {
      this.future = this.tokens.some(
        (t) => FUTURE_AUXILIARIES.has(t.lower) || FUTURE_ADJECTIVES.has(t.lower),
      );
    }
    return this.future;
  }

  // --- Rules -----------------------------------------------------------------------------------

  private dayNumber(i: number): number {
    const token = this.tokens[i];
    const match = token ? DAY_NUMBER.exec(token.lower) : null;
    const day = match ? Number(match[1]) : 0;
    return day >= 1 && day <= 31 ? day : 0;
  }

  private yearNumber(i: number): number {
    const text = this.tokens[i]?.text ?? '';
    if (!YEAR_NUMBER.test(text)) return 0;
    const year = Number(text);
    return year >= MIN_YEAR && year <= MAX_YEAR ? year : 0;
  }

  private capitalisedMonth(i: number): MonthWord | undefined {
    const token = this.tokens[i];
    return token?.capitalised ? MONTHS.get(token.lower) : undefined;
  }

  /** A year after a month or day: "2019" of "June 30, 2019" or "June 2019". [year, end] or null. */
  private yearAfter(j: number): readonly [number, number] | null {
    if (this.tokens[j]?.text === ',') {
      const year = this.yearNumber(j + 1);
      return year ? [year, j + 2] : null;
    }
    const year = this.yearNumber(j);
    return year ? [year, j + 1] : null;
  }

  /** "last year" / "this year" / "next year" (or "of last year") after a month: its year. */
  private deicticYearAfter(j: number): readonly [number, number] | null {
    if (!this.ref) return null;
    const k = this.lower(j) === 'of' ? j + 1 : j;
    const deixis = DEIXIS.get(this.lower(k));
    if (!deixis || this.lower(k + 1) !== 'year') return null;
    return [this.ref.year + (deixis === 'last' ? -1 : deixis === 'next' ? 1 : 0), k + 2];
  }

  /** A day and month with no year, resolved to the nearest such day before (or after) the article. */
  private monthDay(start: number, end: number, month: number, day: number): Found | null {
    const { ref } = this;
    if (!ref) return null;
    const future = this.isFuture(start, end);
    const ahead = month > ref.month || (month === ref.month && day > ref.day);
    const behind = month < ref.month || (month === ref.month && day < ref.day);
    let year = ref.year;
    if (future && behind) year += 1;
    if (!future && ahead) year -= 1;
    if (!validDay(year, month, day)) return null;
    return { start, end, value: dayValue(year, month, day), granularity: 'day', relative: true };
  }

  private dated(start: number, end: number, year: number, month: number, day: number): Found | null {
    if (!validDay(year, month, day)) return null;
    return { start, end, value: dayValue(year, month, day), granularity: 'day', relative: false };
  }

  /** "30 June 2019", "30th of June", "5 January". */
  private dayFirst(i: number): Found | null {
    const day = this.dayNumber(i);
    if (!day) return null;
    let j = i + 1;
    if (this.lower(j) === 'of') j += 1;
    const month = this.capitalisedMonth(j);
    if (!month) return null;
    const year = this.yearAfter(j + 1);
    if (year) return this.dated(i, year[1], year[0], month.month, day);
    const deictic = this.deicticYearAfter(j + 1);
    if (deictic) return this.withDeicticYear(i, deictic, month.month, day);
    return this.monthDay(i, j + 1, month.month, day);
  }

  private withDeicticYear(start: number, [year, end]: readonly [number, number], month: number, day: number) {
    if (!validDay(year, month, day)) return null;
    return { start, end, value: dayValue(year, month, day), granularity: 'day', relative: true } as const;
  }

  /** "June 30, 2019", "June 2019", "June of 2019", "Jan. 5", "in August", "last March". */
  private monthFirst(i: number, month: MonthWord, prefixed = false): Found | null {
    const day = this.dayNumber(i + 1);
    if (day) {
      const year = this.yearAfter(i + 2);
      if (year) return this.dated(i, year[1], year[0], month.month, day);
      const deictic = this.deicticYearAfter(i + 2);
      if (deictic) return this.withDeicticYear(i, deictic, month.month, day);
      return this.monthDay(i, i + 2, month.month, day);
    }
    // "June 2019", "June of 2019".
    const of = this.lower(i + 1) === 'of' ? 1 : 0;
    const year = this.yearNumber(i + 1 + of);
    if (year) {
      const value = monthValue(year, month.month);
      return { start: i, end: i + 2 + of, value, granularity: 'month', relative: false };
    }
    // A month alone is a date only where a date is expected: "in May", not "Theresa May".
    if (month.bare) return null;
    const previous = this.lower(i - 1);
    const deixis = DEIXIS.get(previous);
    const joined = DATE_JOINERS.has(previous) && this.lastEnd === i - 1;
    if (!prefixed && !deixis && !DATE_CONTEXT.has(previous) && !joined) return null;
    // "the end of May" but not "The Darling Buds of May": "of" needs a common noun before it.
    if (previous === 'of' && !prefixed && this.at(i - 2)?.capitalised !== false) return null;
    const deictic = this.deicticYearAfter(i + 1);
    if (deictic) {
      const [y, e] = deictic;
      return { start: i, end: e, value: monthValue(y, month.month), granularity: 'month', relative: true };
    }
    return this.lonelyMonth(deixis ? i - 1 : i, i + 1, month.month, deixis);
  }

  /** "in August": the latest August not after the article's month, or the next when ahead. */
  private lonelyMonth(start: number, end: number, month: number, deixis: Deixis | undefined): Found | null {
    const { ref } = this;
    if (!ref) return null;
    let year = ref.year;
    if (deixis === 'last') year = month < ref.month ? ref.year : ref.year - 1;
    else if (deixis === 'next') year = month > ref.month ? ref.year : ref.year + 1;
    else if (deixis !== 'this') {
      if (this.isFuture(start, end)) year = month >= ref.month ? ref.year : ref.year + 1;
      else year = month <= ref.month ? ref.year : ref.year - 1;
    }
    return { start, end, value: monthValue(year, month), granularity: 'month', relative: true };
  }

  /** "Saturday", "last Friday", "Saturday, June 30, 2019"; never "Sunday Times" or "Black Friday". */
  private weekday(i: number, weekday: number): Found | null {
    const previous = this.at(i - 1);
    const deixis = DEIXIS.get(previous?.lower ?? '');
    // "on Saturday", "by Friday", "last Monday": a date whatever follows.
    const anchored =
      deixis !== undefined || previous?.lower === 'on' || DATE_CONTEXT.has(previous?.lower ?? '');
    // A name in front: "Black Friday", "Super Tuesday".
    if (!anchored && previous?.capitalised) return null;
    // A date after it decides: "Saturday, Oct. 18".
    const j = this.tokens[i + 1]?.text === ',' ? i + 2 : i + 1;
    const month = this.capitalisedMonth(j);
    if (month) {
      const date = this.monthFirst(j, month);
      if (date && date.granularity === 'day') return { ...date, start: i };
    } else if (this.dayNumber(j) && this.capitalisedMonth(j + 1)) {
      const date = this.dayFirst(j);
      if (date) return { ...date, start: i };
    }
    // "Sunday Times", "Sunday Telegraph": a name goes on after it.
    const next = this.tokens[i + 1];
    if (!anchored && next?.capitalised && !MONTHS.has(next.lower)) return null;

    const { ref } = this;
    if (!ref) return null;
    const start = deixis ? i - 1 : i;
    const back = (ref.weekday - weekday + 7) % 7;
    const ahead = (weekday - ref.weekday + 7) % 7;
    let offset: number;
    if (deixis === 'last') offset = -(back || 7);
    else if (deixis === 'next') offset = ahead || 7;
    else offset = this.isFuture(start, i + 1) ? ahead : -back;
    return {
      start,
      end: i + 1,
      value: dayValueOf(ref.epochDay + offset),
      granularity: 'day',
      relative: true,
    };
  }

  /** "yesterday", "today", "tomorrow", "tonight"; not "the Today programme" or "USA Today". */
  private casual(i: number, offset: number): Found | null {
    const token = this.tokens[i];
    if (!this.ref || !token) return null;
    // Capitalised mid-sentence it is a name: "Radio 4's Today programme", "USA Today".
    if (token.capitalised && !this.isFirstWord(i)) return null;
    const value = dayValueOf(this.ref.epochDay + offset);
    return { start: i, end: i + 1, value, granularity: 'day', relative: true };
  }

  /** "last month", "next week", "earlier this year", "late last year", "last night", "this morning". */
  private deictic(i: number): Found | null {
    const { ref } = this;
    if (!ref) return null;
    let k = i;
    if (APPROXIMATORS.has(this.lower(k))) k += 1;
    const deixis = DEIXIS.get(this.lower(k));
    if (!deixis) return null;
    // "over the last year" is a span of twelve months, not last year.
    if (DETERMINERS.has(this.lower(i - 1))) return null;
    // "ITV's This Morning", "the Last Night of the Proms": a capital makes it a name.
    if (this.at(k + 1)?.capitalised) return null;
    const word = this.lower(k + 1);
    if ((deixis === 'last' && word === 'night') || (deixis === 'this' && PARTS_OF_DAY.has(word))) {
      const value = dayValueOf(ref.epochDay + (deixis === 'last' ? -1 : 0));
      return { start: i, end: k + 2, value, granularity: 'day', relative: true };
    }
    const unit = DEICTIC_UNITS.get(word);
    if (!unit) return null;
    const step = deixis === 'last' ? -1 : deixis === 'next' ? 1 : 0;
    const end = k + 2;
    switch (unit) {
      case 'year':
        return { start: i, end, value: yearValue(ref.year + step), granularity: 'year', relative: true };
      case 'month': {
        const { year, month } = shiftMonth(ref, step);
        return { start: i, end, value: monthValue(year, month), granularity: 'month', relative: true };
      }
      case 'week':
        // The contract has no week granularity: a week is given by its Monday.
        return { start: i, end, value: dayValueOf(mondayOf(ref, step)), granularity: 'day', relative: true };
      case 'weekend':
        // ...and a weekend by its Saturday.
        return {
          start: i,
          end,
          value: dayValueOf(mondayOf(ref, step) + 5),
          granularity: 'day',
          relative: true,
        };
    }
  }

  /** "three years ago", "two weeks ago", "a month ago". */
  private ago(i: number): Found | null {
    const { ref } = this;
    const unit = AGO_UNITS.get(this.lower(i - 1));
    const countToken = this.at(i - 2);
    if (!ref || !unit || !countToken || i - 2 <= this.lastEnd - 1) return null;
    const count =
      NUMBER_WORDS.get(countToken.lower) ?? (/^\d{1,3}$/.test(countToken.text) ? Number(countToken.text) : 0);
    if (count <= 0) return null;
    const start = i - 2;
    const end = i + 1;
    switch (unit) {
      case 'day':
      case 'week':
        return {
          start,
          end,
          value: dayValueOf(ref.epochDay - count * (unit === 'week' ? 7 : 1)),
          granularity: 'day',
          relative: true,
        };
      case 'month': {
        const { year, month } = shiftMonth(ref, -count);
        return { start, end, value: monthValue(year, month), granularity: 'month', relative: true };
      }
      case 'year':
        return { start, end, value: yearValue(ref.year - count), granularity: 'year', relative: true };
    }
  }

  /** "in 2019", "since 2019", "between 2019 and 2021", "2025-10-18"; not "in 2000 homes". */
  private year(i: number): Found | null {
    const token = this.tokens[i];
    if (!token) return null;
    const iso = ISO_DATE.exec(token.text);
    if (iso) return this.dated(i, i + 1, Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const year = this.yearNumber(i);
    if (!year || year < MIN_BARE_YEAR || year > MAX_BARE_YEAR) return null;
    const previous = this.lower(i - 1);
    const joined = DATE_JOINERS.has(previous) && this.lastEnd === i - 1;
    if (!DATE_CONTEXT.has(previous) && !joined) return null;
    const next = this.tokens[i + 1];
    // "in 2000 homes", "of 2048 * 1080 pixels": a quantity.
    if (!joined && next && next.pos === 'NOUN' && !next.capitalised) return null;
    if (next && (ARITHMETIC.has(next.text) || next.pos === 'NUM')) return null;
    return { start: i, end: i + 1, value: yearValue(year), granularity: 'year', relative: false };
  }

  /** "mid-2019", "early-2020", "mid-June". */
  private prefixed(i: number, rest: string): Found | null {
    if (YEAR_NUMBER.test(rest)) {
      const year = Number(rest);
      if (year < MIN_YEAR || year > MAX_YEAR) return null;
      return { start: i, end: i + 1, value: yearValue(year), granularity: 'year', relative: false };
    }
    const month = MONTHS.get(rest);
    return month && !month.bare ? this.monthFirst(i, month, true) : null;
  }
}

const textOf = (tokens: readonly Token[], start: number, end: number) => {
  let text = '';
  for (let k = start; k < end; k += 1) {
    const token = tokens[k];
    if (!token) continue;
    const previous = tokens[k - 1];
    if (k > start && previous && token.start > previous.end) text += ' ';
    text += token.text;
  }
  return text;
};

/**
 * The dates the sentences mention, in order, resolved to the calendar: absolute ones as written
 * ("June 30, 2019" → 2019-06-30, "in June 2019" → 2019-06, "in 2019" → 2019), relative ones
 * against the article's date ("next month", "on Saturday", "in August", "last year", "Jan. 5").
 *
 * As news copy means them, a weekday, a month or a day without a year is the latest one on or
 * before the article's date, unless the nearest verb is in the future tense ("will meet") or the
 * text says "next". A week is given by its Monday and a weekend by its Saturday (day granularity).
 * Without an article date, relative dates are left out. At most {@link MAX_DATES}.
 *
 * Own grammar over wink's tokens rather than chrono-node or wink's NER: both cost a quarter of
 * the whole analysis again (see the module's tests and the project notes); this costs a map lookup
 * per token. Never throws.
 *
 * @param sentences the tokens of each sentence, in article order.
 * @param publishedAt the article's ISO date `YYYY-MM-DD`, or null.
 */
export const extractDates = (
  sentences: readonly (readonly Token[])[],
  publishedAt: string | null,
): DateMention[] => {
  const ref = referenceOf(publishedAt);
  const mentions: DateMention[] = [];
  for (let s = 0; s < sentences.length && mentions.length < MAX_DATES; s += 1) {
    const tokens = sentences[s] ?? [];
    for (const found of new SentenceDates(tokens, ref).scan()) {
      if (mentions.length >= MAX_DATES) break;
      mentions.push({
        text: textOf(tokens, found.start, found.end),
        value: found.value,
        granularity: found.granularity,
        sentence: s,
        relative: found.relative,
      });
    }
  }
  return mentions;
};
