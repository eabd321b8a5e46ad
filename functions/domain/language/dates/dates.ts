import type { DateGranularity, DateMention } from '../analysis';
import {
  AHEAD_PREPOSITIONS,
  APPROXIMATORS,
  BEHIND_PREPOSITIONS,
  CALENDAR_UNITS,
  CASUAL_DAYS,
  DATE_CONTEXT,
  DATE_JOINERS,
  DEICTIC_UNITS,
  DEIXIS,
  DETERMINERS,
  ERAS,
  EXPECTING,
  FUTURE_ADJECTIVES,
  FUTURE_AUXILIARIES,
  FUTURE_BEFORE_TO,
  IRREGULAR_PAST,
  MODALS,
  MONTHS,
  NUMBER_WORDS,
  ORDINAL_DAYS,
  ORDINAL_TENS,
  PARTS_OF_DAY,
  PAST_AUXILIARIES,
  PERFECT_AUXILIARIES,
  POSTPONED,
  PREFIXES,
  PRESENT_BE,
  PRESENT_IN_ED,
  QUARTER_CONTEXT,
  QUARTER_NAMES,
  QUARTER_ORDINALS,
  RANGE_JOINERS,
  SCHEDULED,
  UNIT_DIRECTIONS,
  WEEKDAYS,
  YEAR_DETERMINERS,
  type CalendarUnit,
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
// The most units a relative date counts: "in 3 days", "400 years ago".
const MAX_UNIT_COUNT = 999;
const DAY_MS = 86_400_000;
const CLAUSE_BREAKS: ReadonlySet<string> = new Set([',', ';', ':', '—', '–', '(', ')', '"', '“', '”']);
const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but', 'or']);
/** What may stand between "due" and its date: "due on Tuesday", "due in March", "due by June". */
const DATE_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'in', 'by', 'before']);
// After a year these make it a quantity: "2048 * 1080 pixels", "1920 x 1080".
const ARITHMETIC: ReadonlySet<string> = new Set(['*', 'x', '×', '/', '%', '+', '=']);
/** Tags of the words of a verb group: "will not have been", "is likely to", "wo n't". */
const GROUP_TAGS: ReadonlySet<string> = new Set(['VERB', 'AUX', 'PART', 'ADV', 'ADJ']);
const APOSTROPHES: ReadonlySet<string> = new Set(["'", '’', '‘']);
const MERIDIEMS: ReadonlySet<string> = new Set(['am', 'pm', 'a.m.', 'p.m.']);
/** Numbers written like dates that name something else: the attacks, the week-round hours. */
const NAMED_NUMBERS: ReadonlySet<string> = new Set(['9/11', '7/7', '24/7']);

const DAY_NUMBER = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR_NUMBER = /^\d{4}$/;
const ERA_YEAR_NUMBER = /^\d{1,4}$/;
const TWO_DIGITS = /^\d{2}$/;
const CLOCK = /^\d{1,2}:\d{2}(?::\d{2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "2013-2-7": an ISO date with its zeros left out. */
const LOOSE_ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** "10/11/2025", "07-27-2022", "8/10/12", "10.11.2025". */
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
/** "9/2012", "04/2016": a month. */
const NUMERIC_MONTH = /^(\d{1,2})\/(\d{4})$/;
/** "8/10", "5/31": a month and day, only where a date is certain (see `numeric`). */
const NUMERIC_MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;

/** Where a date without its year (or a weekday) is placed: on or before, nearest, on or after. */
type Direction = -1 | 0 | 1;
type Tense = 'past' | 'future' | 'none';

type Trigger =
  | { kind: 'month'; month: MonthWord }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'casual'; offset: number }
  | { kind: 'deixis' }
  | { kind: 'now' }
  | { kind: 'unit'; unit: CalendarUnit }
  | { kind: 'quarter' }
  | { kind: 'ordinal' };

/** Every word that can start a date, in one map: one lookup per token is the cost of a sentence. */
const TRIGGERS = new WordMap<Trigger>([
  ...[...MONTHS].map(([word, month]) => [word, { kind: 'month', month }] as const),
  ...[...WEEKDAYS].map(([word, weekday]) => [word, { kind: 'weekday', weekday }] as const),
  ...[...CASUAL_DAYS].map(([word, offset]) => [word, { kind: 'casual', offset }] as const),
  ...[...DEIXIS.keys(), ...APPROXIMATORS].map((word) => [word, { kind: 'deixis' }] as const),
  ...[...CALENDAR_UNITS].map(([word, unit]) => [word, { kind: 'unit', unit }] as const),
  ...[...QUARTER_NAMES.keys()].map((word) => [word, { kind: 'quarter' }] as const),
  ...[...new Set([...ORDINAL_DAYS.keys(), ...ORDINAL_TENS.keys(), ...QUARTER_ORDINALS.keys()])].map(
    (word) => [word, { kind: 'ordinal' }] as const,
  ),
  ['now', { kind: 'now' }],
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

/** A month, and a day in it, written without a year: a range may place its year again. */
interface Yearless {
  month: number;
  day: number | null;
  tense: Tense;
}

interface Found {
  /** Tokens [start, end) of the mention. */
  start: number;
  end: number;
  value: string;
  granularity: DateGranularity;
  relative: boolean;
  present?: true;
  yearless?: Yearless;
  /** A weekday placed as the nearest (no tense, no "last" or "next"): a range may place it again. */
  nearestWeekday?: number;
  /** The other end of a range written as one ("August 10 - 22, 2012"): the next mention. */
  then?: Found;
}

const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const yearValue = (year: number) => (year >= 1000 ? `${year}` : `${year}`.padStart(4, '0'));
const monthValue = (year: number, month: number) => `${yearValue(year)}-${pad(month)}`;
const dayValue = (year: number, month: number, day: number) => `${monthValue(year, month)}-${pad(day)}`;
const quarterValue = (year: number, quarter: number) => `${yearValue(year)}-Q${quarter}`;

const epochDayOf = (year: number, month: number, day: number): EpochDay => {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getTime() / DAY_MS;
};

const dateOf = (epochDay: EpochDay) => new Date(epochDay * DAY_MS);

const dayValueOf = (epochDay: EpochDay) => {
  const date = dateOf(epochDay);
  return dayValue(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
};

/** The ISO week `YYYY-Www` of a day: weeks run Monday to Sunday, week 1 holds the first Thursday. */
export const weekValueOf = (epochDay: EpochDay): string => {
  const thursday = epochDay - ((dateOf(epochDay).getUTCDay() + 6) % 7) + 3;
  const year = dateOf(thursday).getUTCFullYear();
  const week = Math.floor((thursday - epochDayOf(year, 1, 1)) / 7) + 1;
  return `${yearValue(year)}-W${pad(week)}`;
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const validDay = (year: number, month: number, day: number, minYear = MIN_YEAR) =>
  year >= minYear && year <= MAX_YEAR && day >= 1 && day <= daysInMonth(year, month);

/** The article's date as a reference, or null when it has none (or not a valid one). */
const referenceOf = (publishedAt: string | null): Reference | null => {
  const match = publishedAt ? ISO_DATE.exec(publishedAt) : null;
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || !validDay(year, month, day)) return null;
  const epochDay = epochDayOf(year, month, day);
  return { year, month, day, epochDay, weekday: dateOf(epochDay).getUTCDay() };
};

/** Month and year `offset` months from a month. */
const shiftMonth = (year: number, month: number, offset: number) => {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

/** Monday of the reference's week (weeks run Monday to Sunday), `weeks` weeks on. */
const mondayOf = (ref: Reference, weeks: number): EpochDay =>
  ref.epochDay - ((ref.weekday + 6) % 7) + 7 * weeks;

/** The quarter (1–4) of a month. */
const quarterOf = (month: number) => Math.floor((month - 1) / 3) + 1;

/**
 * Of the years around the reference's, the one that places a month (and day) in the direction
 * asked: the latest on or before the reference, the earliest on or after it, or the nearest (the
 * earlier on a tie). Returns null when none is a valid day (February 29 in three years of four).
 */
const placeYear = (
  ref: Reference,
  month: number,
  day: number | null,
  direction: Direction,
): number | null => {
  // Months compare by month (a lone "August" is the whole of it), days by day.
  const key = (year: number) => (day === null ? year * 12 + month : epochDayOf(year, month, day));
  const now = day === null ? ref.year * 12 + ref.month : ref.epochDay;
  let best: number | null = null;
  for (const year of [ref.year - 1, ref.year, ref.year + 1]) {
    if (day !== null && !validDay(year, month, day)) continue;
    const distance = key(year) - now;
    if (direction === -1 && distance > 0) continue;
    if (direction === 1 && distance < 0) continue;
    if (best === null) {
      best = year;
      continue;
    }
    const bestDistance = key(best) - now;
    const better =
      direction === -1
        ? distance > bestDistance
        : direction === 1
          ? distance < bestDistance
          : Math.abs(distance) < Math.abs(bestDistance);
    if (better) best = year;
  }
  // February 29 may be four years off.
  if (best === null && day !== null) {
    for (let k = 2; k <= 4 && best === null; k += 1) {
      const year = direction === 1 ? ref.year + k : ref.year - k;
      if (validDay(year, month, day)) best = year;
    }
  }
  return best;
};

/** Strips "mid-", "early-", "late-": "mid-2019" is 2019, "mid-June" is June. */
const unprefixed = (lower: string) => {
  for (const prefix of PREFIXES) if (lower.startsWith(prefix)) return lower.slice(prefix.length);
  return null;
};

/** A two-digit year: "96" is 1996, "25" 2025. */
const centuryOf = (twoDigits: number) => (twoDigits >= 50 ? 1900 + twoDigits : 2000 + twoDigits);

/** The year of a value, and its first day when it has one ("2019-06" → June 1st). */
const startOf = (found: Found): { epochDay: EpochDay | null; year: number; month: number | null } => {
  const year = Number(found.value.slice(0, 4));
  if (found.granularity === 'day') {
    const month = Number(found.value.slice(5, 7));
    return { epochDay: epochDayOf(year, month, Number(found.value.slice(8, 10))), year, month };
  }
  if (found.granularity === 'month') return { epochDay: null, year, month: Number(found.value.slice(5, 7)) };
  return { epochDay: null, year, month: null };
};

/**
 * Finds and resolves the dates of one sentence. Every rule is anchored on a token that can only
 * start a date (a month or weekday name, a number, "yesterday", "last", "now", a unit of time...),
 * so the work on a sentence with none of them is one map lookup per token.
 */
class SentenceDates {
  private lastEnd = -1;
  private future: boolean | undefined;
  private business: boolean | undefined;
  /** The verb the last `tenseAt` read its tense from ("" when none). */
  private tenseVerb = '';
  readonly found: Found[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ref: Reference | null,
    /** The latest date before this sentence, what "two weeks later" counts from. */
    private previous: Found | null,
  ) {}

  scan(): Found[] {
    const { tokens } = this;
    for (let i = 0; i < tokens.length; i += 1) {
      const match = this.matchAt(i);
      if (match) {
        this.push(match);
        const last = match.then ?? match;
        i = last.end - 1;
      }
    }
    this.placeRanges();
    return this.found;
  }

  /** The latest date found so far, in this sentence or before it. */
  get latest(): Found | null {
    return this.previous;
  }

  private push(match: Found) {
    const { then, ...first } = match;
    this.found.push(first);
    if (then) this.found.push(then);
    this.lastEnd = (then ?? first).end;
    this.previous = then ?? first;
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
    if (code >= 48 && code <= 57) return this.dayFirst(i) ?? this.numeric(i) ?? this.year(i);
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
        case 'now':
          return this.now(i);
        case 'unit':
          return this.units(i, trigger.unit);
        case 'quarter':
          return this.quarter(i);
        case 'ordinal':
          // "the third quarter", "the fourth of July".
          return this.quarter(i) ?? this.dayFirst(i, true);
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
   * The tense of the nearest verb to the mention: future ("will meet", "is due to open", "plans
   * to visit", "could come", "is leaving", "is scheduled for"), past ("met", "was held", "said
   * on Monday"), or none (the present: "the deadline is", "meets", "has been moved"), when the
   * date itself must say where it lies. "upcoming" near makes it future.
   */
  private tenseAt(start: number, end: number): Tense {
    this.tenseVerb = '';
    // First each side up to a clause break (a comma, a colon, a dash): the verb past it belongs
    // to another clause ("...in New York in June, with paintings going..."). A date with no verb
    // in its clause ("In a public address Thursday, Putin accused...", "from $1.29 on Thursday")
    // is read by the nearest verb past the break.
    return (
      this.tenseWithin(start, end, TENSE_WINDOW, true) ??
      this.tenseWithin(start, end, 2 * TENSE_WINDOW, false) ??
      (this.sentenceIsFuture() ? 'future' : 'none')
    );
  }

  private tenseWithin(start: number, end: number, window: number, clause: boolean): Tense | null {
    let left = true;
    let right = true;
    for (let d = 1; d <= window && (left || right); d += 1) {
      // The verb before wins a tie: "met ... in August".
      for (let side = 0; side < 2; side += 1) {
        if (side === 0 ? !left : !right) continue;
        const k = side === 0 ? start - d : end - 1 + d;
        const token = this.at(k);
        // After the date, "and" or "but" starts the next clause: "before May and will then...".
        const broken =
          !token ||
          (clause && CLAUSE_BREAKS.has(token.text)) ||
          (side === 1 && COORDINATORS.has(token.lower));
        if (broken) {
          if (side === 0) left = false;
          else right = false;
          continue;
        }
        if (FUTURE_ADJECTIVES.has(token.lower)) return 'future';
        // "is due on December 10", "due in March": a schedule, unless it was ("was due on").
        if (side === 0 && token.lower === 'due' && DATE_PREPOSITIONS.has(this.lower(k + 1)))
          return PAST_AUXILIARIES.has(this.lower(k - 1)) ? 'past' : 'future';
        // A capitalised "verb" mid-sentence is part of a name: "the Great Ireland Run".
        const verb =
          (token.pos === 'VERB' || token.pos === 'AUX') && !(token.capitalised && !this.isFirstWord(k));
        if (!verb) continue;
        const tense = this.verbTense(k);
        // A participle alone ("accusing", "after testifying") has no tense: the search goes on.
        if (tense !== 'untensed') return tense;
      }
    }
    return null;
  }

  /**
   * The tense of the verb group ending at token `k`: "will meet", "will be held", "is due to
   * open", "will seek to regain" (through an infinitive to the verb governing it), "was held",
   * "could come", "is leaving", "met", "meets".
   */
  private verbTense(k: number): Tense | 'untensed' {
    let limit = k - VERB_GROUP_TOKENS;
    // The verb that carries the tense: the main verb, or the one an infinitive hangs from.
    let head = k;
    for (let j = k; j >= 0 && j >= limit; j -= 1) {
      const token = this.tokens[j];
      // The group is its verbs, auxiliaries, particles, adverbs and adjectives ("is likely to"):
      // a noun or a name ends it ("the museum is", not "May the museum is").
      if (!token || !GROUP_TAGS.has(token.pos)) break;
      const word = token.lower;
      if (FUTURE_AUXILIARIES.has(word)) return 'future';
      // "is due to", "plans to"; not "was due to", "were set to": a plan of the past.
      if (word === 'to' && FUTURE_BEFORE_TO.has(this.lower(j - 1)))
        return PAST_AUXILIARIES.has(this.lower(j - 2)) || PAST_AUXILIARIES.has(this.lower(j - 3))
          ? 'past'
          : 'future';
      // "Trump to meet Kim on Friday": the infinitive of headlines, after a name and no verb.
      if (word === 'to' && j === head - 1 && this.at(j - 1)?.pos === 'PROPN' && this.isHeadlineSubject(j - 1))
        return 'future';
      if (j === k) continue;
      if (PAST_AUXILIARIES.has(word)) {
        this.tenseVerb = this.lower(head);
        return 'past';
      }
      // "could meet", but "could have met".
      if (MODALS.has(word)) return this.lower(j + 1) === 'have' ? 'past' : 'future';
      // "has been moved to March": the perfect says nothing of the date.
      if (PERFECT_AUXILIARIES.has(word)) return 'none';
      if (PRESENT_BE.has(word)) {
        const main = this.lower(head);
        return main.endsWith('ing') || SCHEDULED.has(main) ? 'future' : 'none';
      }
      if (token.pos === 'VERB') {
        // "seek" of "will seek to regain": the infinitive's governor carries the tense.
        if (this.lower(j + 1) !== 'to') break;
        head = j;
        limit = j - VERB_GROUP_TOKENS;
      }
    }
    this.tenseVerb = this.lower(head);
    if (this.isPastForm(this.tenseVerb)) return 'past';
    // "We expect a verdict before the end of February".
    if (EXPECTING.has(this.tenseVerb)) return 'future';
    return this.tenseVerb.endsWith('ing') ? 'untensed' : 'none';
  }

  /**
   * Whether the sentence starts with a bare subject ending at token `j`, no verb and no
   * preposition in it: "Trump" of "Trump to meet Kim", not "decision in January" of "Trump's
   * decision in January to leave".
   */
  private isHeadlineSubject(j: number) {
    for (let k = 0; k <= j; k += 1) {
      const pos = this.tokens[k]?.pos;
      if (pos === 'VERB' || pos === 'AUX' || pos === 'ADP') return false;
    }
    return true;
  }

  private isPastForm(word: string) {
    if (PAST_AUXILIARIES.has(word) || IRREGULAR_PAST.has(word)) return true;
    return word.length > 3 && word.endsWith('ed') && !PRESENT_IN_ED.has(word);
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

  /**
   * Where a date without a year (or a weekday) lies, for the mention [start, end): behind the
   * article in the past tense and after "since"; ahead in the future tense and, unless the clause
   * is past, after "until", "through", "from", "by"; else the nearest.
   */
  private directionAt(start: number, end: number, tense = this.tenseAt(start, end)): Direction {
    const governor = this.lower(start - 1) === 'on' ? this.lower(start - 2) : this.lower(start - 1);
    if (BEHIND_PREPOSITIONS.has(governor)) return -1;
    // "was adjourned until Friday": put off in the past, to a day still ahead.
    if (tense === 'past') return AHEAD_PREPOSITIONS.has(governor) && POSTPONED.has(this.tenseVerb) ? 1 : -1;
    if (tense === 'future') return 1;
    return AHEAD_PREPOSITIONS.has(governor) ? 1 : 0;
  }

  // --- Rules -----------------------------------------------------------------------------------

  /** A day of the month at token `i`: "10", "10th", "eighth", "twenty-fourth". [day, end] or null. */
  private dayAt(i: number, words = false): readonly [number, number] | null {
    const token = this.tokens[i];
    if (!token) return null;
    const match = DAY_NUMBER.exec(token.lower);
    if (match) {
      const day = Number(match[1]);
      return day >= 1 && day <= 31 ? [day, i + 1] : null;
    }
    if (!words) return null;
    const ordinal = ORDINAL_DAYS.get(token.lower);
    if (ordinal !== undefined) return [ordinal, i + 1];
    const tens = ORDINAL_TENS.get(token.lower);
    if (tens === undefined) return null;
    const k = this.lower(i + 1) === '-' ? i + 2 : i + 1;
    const unit = ORDINAL_DAYS.get(this.lower(k));
    const day = unit === undefined ? 0 : tens + unit;
    return unit !== undefined && unit <= 9 && day <= 31 ? [day, k + 1] : null;
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

  /**
   * A year after a month or day: "2019" of "June 30, 2019" or "June 2019", "’96", "96" at the
   * end ("Aug 9, 96"), "88 AD", "2555 BE". [year, end], `bce` for a year before the common era
   * (no value can say it), or null.
   */
  private yearAfter(j: number): readonly [number, number] | 'bce' | null {
    const k = this.pastClock(this.tokens[j]?.text === ',' ? j + 1 : j);
    const token = this.tokens[k];
    if (!token) return null;
    const next = this.tokens[k + 1];
    // An era is written in capitals: "88 AD", not "2019 ad campaign".
    if (ERA_YEAR_NUMBER.test(token.text) && next && next.text !== next.lower) {
      const era = ERAS.get(next.lower);
      if (era === null) return 'bce';
      if (era !== undefined) {
        const year = Number(token.text) + era;
        return year >= 1 ? [year, k + 2] : null;
      }
    }
    const year = this.yearNumber(k);
    if (year) return [year, k + 1];
    // "’96": an apostrophe says the century is left out.
    if (APOSTROPHES.has(token.text) && TWO_DIGITS.test(next?.text ?? ''))
      return [centuryOf(Number(next?.text)), k + 2];
    // "Aug 9, 96" at the end of the text or before punctuation; not "May 5, 20 people".
    if (TWO_DIGITS.test(token.text) && (!next || (next.pos === 'PUNCT' && !CLOCK.test(next.text))))
      return [centuryOf(Number(token.text)), k + 1];
    return null;
  }

  /**
   * Past a time of day between a date and its year, as logs and listings write them ("Oct 26
   * 11:00:09 EDT 2023", "Oct 26, 10:00 - 11:00 2023"): the token after it, or `j` when there is none.
   */
  private pastClock(j: number): number {
    if (!CLOCK.test(this.tokens[j]?.text ?? '')) return j;
    let k = j + 1;
    if (MERIDIEMS.has(this.lower(k))) k += 1;
    if ((this.lower(k) === '-' || this.lower(k) === '–') && CLOCK.test(this.tokens[k + 1]?.text ?? '')) {
      k += 2;
      if (MERIDIEMS.has(this.lower(k))) k += 1;
    }
    const zone = this.tokens[k]?.text ?? '';
    if (/^[A-Z]{2,4}$/.test(zone)) k += 1;
    return YEAR_NUMBER.test(this.tokens[k]?.text ?? '') ? k : j;
  }

  /** "last year" / "this year" / "next year" (or "of last year") after a month: its year. */
  private deicticYearAfter(j: number): readonly [number, number] | null {
    if (!this.ref) return null;
    const k = this.lower(j) === 'of' ? j + 1 : j;
    const deixis = DEIXIS.get(this.lower(k));
    if (!deixis || this.lower(k + 1) !== 'year') return null;
    return [this.ref.year + (deixis === 'last' ? -1 : deixis === 'next' ? 1 : 0), k + 2];
  }

  /** A day and month with no year, placed as the text says (see `directionAt`). */
  private monthDay(start: number, end: number, month: number, day: number): Found | null {
    const { ref } = this;
    if (!ref) return null;
    const tense = this.tenseAt(start, end);
    const year = placeYear(ref, month, day, this.directionAt(start, end, tense));
    if (year === null) return null;
    return {
      start,
      end,
      value: dayValue(year, month, day),
      granularity: 'day',
      relative: true,
      yearless: { month, day, tense },
    };
  }

  private dated(start: number, end: number, year: number, month: number, day: number): Found | null {
    if (!validDay(year, month, day, 1)) return null;
    return { start, end, value: dayValue(year, month, day), granularity: 'day', relative: false };
  }

  /** A day and month, then its year if one follows (absolute, deictic or none). */
  private dayWithYear(start: number, next: number, month: number, day: number): Found | null {
    const year = this.yearAfter(next);
    if (year === 'bce') return null;
    if (year) return this.dated(start, year[1], year[0], month, day);
    const deictic = this.deicticYearAfter(next);
    if (deictic) return this.withDeicticYear(start, deictic, month, day);
    return this.monthDay(start, next, month, day);
  }

  /** "30 June 2019", "30th of June", "5 January", "the fourth of July", "8/Oct/2012". */
  private dayFirst(i: number, words = false): Found | null {
    const day = this.dayAt(i, words);
    if (!day) return null;
    let j = day[1];
    const of = this.lower(j) === 'of';
    if (of) j += 1;
    // An ordinal word is a day only before "of" and a month.
    if (words && !of && !DAY_NUMBER.test(this.lower(i))) return null;
    // "8/Oct/2012", "08-Oct-2012": the same separator on both sides of the month.
    const separator = this.lower(j);
    const separated = !of && (separator === '/' || separator === '-') && this.lower(j + 2) === separator;
    const month = this.capitalisedMonth(separated ? j + 1 : j);
    if (!month) return null;
    const next = separated ? j + 3 : j + 1;
    if (separated && !this.yearNumber(next)) return null;
    return this.dayWithYear(i, next, month.month, day[0]);
  }

  private withDeicticYear(start: number, [year, end]: readonly [number, number], month: number, day: number) {
    if (!validDay(year, month, day)) return null;
    return { start, end, value: dayValue(year, month, day), granularity: 'day', relative: true } as const;
  }

  /**
   * "June 30, 2019", "June 2019", "June of 2019", "Jan. 5", "May eighth", "in August", "last
   * March", "August 10 - 22, 2012".
   */
  private monthFirst(i: number, month: MonthWord, prefixed = false): Found | null {
    // A day as a word only where the month is no name: "May eighth", not "Theresa May first".
    const before = this.at(i - 1);
    const name = before?.capitalised === true && !DATE_CONTEXT.has(before.lower) && !DEIXIS.has(before.lower);
    const day = this.dayAt(i + 1, !name);
    if (day) {
      const range = this.dayRange(i, month.month, day);
      if (range) return range;
      return this.dayWithYear(i, day[1], month.month, day[0]);
    }
    // "June 2019", "June of 2019", "August, 2012", "Aug ’96", "Aug 96".
    const of = this.lower(i + 1) === 'of' || this.lower(i + 1) === ',' ? 1 : 0;
    // "in May, 2000 people marched": a count after a comma.
    const comma = this.lower(i + 1) === ',';
    const counted = comma && this.at(i + 3)?.pos === 'NOUN' && this.at(i + 3)?.capitalised === false;
    const year = (counted ? 0 : this.yearNumber(i + 1 + of)) || (of ? 0 : this.shortYear(i + 1));
    if (year) {
      const value = monthValue(year, month.month);
      const end = APOSTROPHES.has(this.at(i + 1)?.text ?? '') ? i + 3 : i + 2 + of;
      return { start: i, end, value, granularity: 'month', relative: false };
    }
    const previous = this.lower(i - 1);
    // A month alone is a date only where a date is expected: "in May", not "Theresa May"; a
    // short form ("Jan") only right after such a word, before no name ("by Jan Smith").
    if (month.bare && (!DATE_CONTEXT.has(previous) || this.at(i + 1)?.capitalised === true)) return null;
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

  /** A two-digit year after a month: "Aug ’96", or "Aug 96" at the end. */
  private shortYear(j: number): number {
    const token = this.tokens[j];
    if (!token) return 0;
    if (APOSTROPHES.has(token.text)) {
      const next = this.tokens[j + 1]?.text ?? '';
      return TWO_DIGITS.test(next) ? centuryOf(Number(next)) : 0;
    }
    const after = this.tokens[j + 1];
    // Without the apostrophe only a year of the 1900s, that no day can be: "Aug 96", not "August 32".
    if (!TWO_DIGITS.test(token.text) || Number(token.text) < 50) return 0;
    return !after || after.pos === 'PUNCT' ? centuryOf(Number(token.text)) : 0;
  }

  /**
   * "August 10 - 22, 2012", "May eighth - tenth, 2010": two days of one month, the year after
   * the second; both are dates. Null unless a second day (and no month) follows the joiner.
   */
  private dayRange(i: number, month: number, first: readonly [number, number]): Found | null {
    const joiner = first[1];
    if (!RANGE_JOINERS.has(this.lower(joiner))) return null;
    const second = this.dayAt(joiner + 1, true);
    if (!second || second[0] <= first[0] || MONTHS.has(this.lower(second[1]))) return null;
    const year = this.yearAfter(second[1]);
    if (year === 'bce') return null;
    if (year) {
      const start = this.dated(i, first[1], year[0], month, first[0]);
      const end = this.dated(joiner + 1, year[1], year[0], month, second[0]);
      return start && end ? { ...start, then: end } : null;
    }
    const start = this.monthDay(i, first[1], month, first[0]);
    if (!start || !validDay(Number(start.value.slice(0, 4)), month, second[0])) return start;
    const then: Found = {
      start: joiner + 1,
      end: second[1],
      value: dayValue(Number(start.value.slice(0, 4)), month, second[0]),
      granularity: 'day',
      relative: true,
    };
    return { ...start, then };
  }

  /** "in August": placed as the text says (see `directionAt`), or by "last", "this", "next". */
  private lonelyMonth(start: number, end: number, month: number, deixis: Deixis | undefined): Found | null {
    const { ref } = this;
    if (!ref) return null;
    let year: number | null = ref.year;
    let tense: Tense = 'none';
    if (deixis === 'last') year = month < ref.month ? ref.year : ref.year - 1;
    else if (deixis === 'next') year = month > ref.month ? ref.year : ref.year + 1;
    else if (deixis !== 'this') {
      tense = this.tenseAt(start, end);
      year = placeYear(ref, month, null, this.directionAt(start, end, tense));
    }
    if (year === null) return null;
    return {
      start,
      end,
      value: monthValue(year, month),
      granularity: 'month',
      relative: true,
      ...(deixis ? {} : { yearless: { month, day: null, tense } }),
    };
  }

  /**
   * Numbers written as dates: "2013-2-7"; "10/11/2025", "07-27-2022" (month first, as chrono-node
   * and American copy write them, unless the first number cannot be a month), "10.11.2025" (day
   * first, as European copy writes it); "9/2012" (a month); and "8/10" (a month and day) after "on"
   * or a weekday, or before a time ("1/8 at 12pm"): elsewhere that is a fraction or a score.
   */
  private numeric(i: number): Found | null {
    const token = this.tokens[i];
    if (!token || NAMED_NUMBERS.has(token.text)) return null;
    const text = token.text;
    const loose = LOOSE_ISO_DATE.exec(text);
    if (loose) return this.dated(i, i + 1, Number(loose[1]), Number(loose[2]), Number(loose[3]));
    const full = NUMERIC_DATE.exec(text);
    if (full) {
      const a = Number(full[1]);
      const b = Number(full[3]);
      const written = full[4] ?? '';
      const year = written.length === 2 ? centuryOf(Number(written)) : Number(written);
      // Two-digit years only with slashes: "1.5.10" is a version.
      if (written.length === 2 && full[2] !== '/') return null;
      const dayFirst = full[2] === '.' || (a > 12 && b <= 12);
      const [month, day] = dayFirst ? [b, a] : [a, b];
      return month >= 1 && month <= 12 ? this.dated(i, i + 1, year, month, day) : null;
    }
    const monthOnly = NUMERIC_MONTH.exec(text);
    if (monthOnly) {
      const month = Number(monthOnly[1]);
      const year = Number(monthOnly[2]);
      if (month < 1 || month > 12 || year < MIN_BARE_YEAR || year > MAX_BARE_YEAR) return null;
      return { start: i, end: i + 1, value: monthValue(year, month), granularity: 'month', relative: false };
    }
    const monthDay = NUMERIC_MONTH_DAY.exec(text);
    if (!monthDay) return null;
    const previous = this.at(i - 1);
    const anchored =
      previous?.lower === 'on' ||
      (previous !== undefined && WEEKDAYS.has(previous.lower) && previous.capitalised) ||
      (this.lower(i + 1) === 'at' && /^\d/.test(this.lower(i + 2)));
    if (!anchored) return null;
    const a = Number(monthDay[1]);
    const b = Number(monthDay[2]);
    const [month, day] = a > 12 && b <= 12 ? [b, a] : [a, b];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? this.monthDay(i, i + 1, month, day) : null;
  }

  /**
   * "Saturday", "last Friday", "this Friday", "Saturday, June 30, 2019", "Tuesday 11/3/2015";
   * never "Sunday Times" or "Black Friday".
   */
  private weekday(i: number, weekday: number): Found | null {
    const previous = this.at(i - 1);
    const deixis = DEIXIS.get(previous?.lower ?? '');
    // "on Saturday", "by Friday", "last Monday": a date whatever follows.
    const anchored =
      deixis !== undefined || previous?.lower === 'on' || DATE_CONTEXT.has(previous?.lower ?? '');
    // A name in front: "Black Friday", "Super Tuesday".
    if (!anchored && previous?.capitalised) return null;
    // A date after it decides: "Saturday, Oct. 18", "Tuesday 11/3/2015".
    const j = this.tokens[i + 1]?.text === ',' ? i + 2 : i + 1;
    const month = this.capitalisedMonth(j);
    if (month) {
      const date = this.monthFirst(j, month);
      if (date && date.granularity === 'day') return { ...date, start: i };
    } else if (this.dayAt(j) && this.capitalisedMonth(j + 1)) {
      const date = this.dayFirst(j);
      if (date) return { ...date, start: i };
    } else if (/^\d/.test(this.lower(j))) {
      const date = this.numeric(j);
      if (date && date.granularity === 'day') return { ...date, start: i };
    }
    // "Sunday Times", "Sunday Telegraph": a name goes on after it.
    const next = this.tokens[i + 1];
    if (!anchored && next?.capitalised && !MONTHS.has(next.lower)) return null;

    const { ref } = this;
    if (!ref) return null;
    const start = deixis ? i - 1 : i;
    let direction: Direction | undefined;
    const back = (ref.weekday - weekday + 7) % 7;
    const ahead = (weekday - ref.weekday + 7) % 7;
    let offset: number;
    if (deixis === 'last') offset = -(back || 7);
    else if (deixis === 'next') offset = ahead || 7;
    // "this Friday": the coming one (or today).
    else if (deixis === 'this') offset = ahead;
    else {
      direction = this.directionAt(start, i + 1);
      offset = direction === -1 ? -back : direction === 1 ? ahead : ahead < back ? ahead : -back;
    }
    // "Monday afternoon", "Friday night": the same day.
    const end = PARTS_OF_DAY.has(this.lower(i + 1)) || this.lower(i + 1) === 'night' ? i + 2 : i + 1;
    return {
      start,
      end,
      value: dayValueOf(ref.epochDay + offset),
      granularity: 'day',
      relative: true,
      ...(direction === 0 ? { nearestWeekday: weekday } : {}),
    };
  }

  /** "yesterday", "today", "tomorrow", "tonight"; not "the Today programme" or "USA Today". */
  private casual(i: number, offset: number): Found | null {
    const token = this.tokens[i];
    if (!this.ref || !token) return null;
    // Capitalised mid-sentence it is a name: "Radio 4's Today programme", "USA Today".
    if (token.capitalised && !this.isFirstWord(i)) return null;
    const value = dayValueOf(this.ref.epochDay + offset);
    return {
      start: i,
      end: i + 1,
      value,
      granularity: 'day',
      relative: true,
      ...(offset === 0 ? { present: true as const } : {}),
    };
  }

  /** "now", "until now", "by now": the article's own day, marked. Not "Now TV". */
  private now(i: number): Found | null {
    const token = this.tokens[i];
    if (!this.ref || !token || (token.capitalised && !this.isFirstWord(i))) return null;
    // "the now-defunct firm": part of an adjective.
    if (this.tokens[i + 1]?.text === '-') return null;
    const value = dayValueOf(this.ref.epochDay);
    return { start: i, end: i + 1, value, granularity: 'day', relative: true, present: true };
  }

  /**
   * "last month", "next week", "this quarter", "earlier this year", "late last year", "last
   * night", "this morning". Weeks are ISO weeks (`2025-W42`), quarters `2025-Q4`.
   */
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
      return {
        start: i,
        end: k + 2,
        value,
        granularity: 'day',
        relative: true,
        ...(deixis === 'this' ? { present: true as const } : {}),
      };
    }
    const unit = DEICTIC_UNITS.get(word);
    if (!unit) return null;
    const step = deixis === 'last' ? -1 : deixis === 'next' ? 1 : 0;
    const end = k + 2;
    switch (unit) {
      case 'year':
        return { start: i, end, value: yearValue(ref.year + step), granularity: 'year', relative: true };
      case 'quarter': {
        const { year, month } = shiftMonth(ref.year, ref.month, 3 * step);
        const value = quarterValue(year, quarterOf(month));
        return { start: i, end, value, granularity: 'quarter', relative: true };
      }
      case 'month': {
        const { year, month } = shiftMonth(ref.year, ref.month, step);
        return { start: i, end, value: monthValue(year, month), granularity: 'month', relative: true };
      }
      case 'week':
        return {
          start: i,
          end,
          value: weekValueOf(mondayOf(ref, step)),
          granularity: 'week',
          relative: true,
        };
      case 'weekend':
        // A weekend is given by its Saturday.
        return {
          start: i,
          end,
          value: dayValueOf(mondayOf(ref, step) + 5),
          granularity: 'day',
          relative: true,
        };
    }
  }

  /**
   * A count of units from a date: "three years ago", "5 days ago", "in 3 days", "two weeks
   * later", "a week before yesterday", "the day after tomorrow", "10 days from now".
   *
   * "ago" and "in" count from the article; "later" and "earlier" from the latest date before
   * them, else from the article unless the clause narrates the past ("Two weeks later he was
   * freed": no date); "before", "after" and "from" from the date they name.
   */
  private units(i: number, unit: CalendarUnit): Found | null {
    const { ref } = this;
    if (!ref) return null;
    const countToken = this.at(i - 1);
    if (!countToken) return null;
    const word = this.lower(i + 1);
    const direction = UNIT_DIRECTIONS.get(word);
    // "the day before yesterday".
    const the = countToken.lower === 'the' && unit === 'day' && (word === 'before' || word === 'after');
    const count = the ? 1 : this.countAt(i - 1);
    if (count <= 0) return null;
    const start = i - 1;
    if (start <= this.lastEnd - 1) return null;
    // "the three months from October", "the two years after 2019": a span, not a date.
    if (!the && DETERMINERS.has(this.lower(i - 2))) return null;

    if (direction === undefined) {
      // "in 3 days", "within two weeks": from the article, unless the clause is past ("built in
      // three years" is a duration). Not a unit of a count of things ("in 3 years' time" is).
      const before = this.lower(i - 2);
      if (before !== 'in' || i - 2 <= this.lastEnd - 1 || this.tenseAt(i - 2, i + 1) === 'past') return null;
      // "in a day of talks": the unit is a noun of its own.
      if (word === 'of') return null;
      return this.shifted(i - 2, i + 1, { day: ref.epochDay, granularity: 'day', ref }, unit, count);
    }
    if (word === 'ago') {
      return this.shifted(start, i + 2, { day: ref.epochDay, granularity: 'day', ref }, unit, -count);
    }
    if (word === 'later' || word === 'earlier') {
      const anchor = this.previous;
      if (anchor) return this.shiftedFrom(start, i + 2, anchor, unit, direction * count);
      if (this.tenseAt(start, i + 2) === 'past') return null;
      return this.shifted(
        start,
        i + 2,
        { day: ref.epochDay, granularity: 'day', ref },
        unit,
        direction * count,
      );
    }
    // "before", "after", "from": of the date that follows.
    if (word === 'from' && this.lower(i + 2) === 'now') {
      return this.shifted(start, i + 3, { day: ref.epochDay, granularity: 'day', ref }, unit, count);
    }
    const code = this.lower(i + 2).charCodeAt(0);
    const anchor = code >= 48 && code <= 57 ? this.matchAt(i + 2) : this.triggeredAt(i + 2);
    if (!anchor || anchor.then) return null;
    return this.shiftedFrom(start, anchor.end, anchor, unit, direction * count);
  }

  /** A date starting at token `j` that a word starts ("yesterday", "June 5"), or null. */
  private triggeredAt(j: number): Found | null {
    const token = this.tokens[j];
    if (!token) return null;
    const trigger = TRIGGERS.get(token.lower);
    return trigger && trigger.kind !== 'unit' && trigger.kind !== 'quarter' ? this.matchAt(j) : null;
  }

  /** A count before a unit: "3", "three", "a", "an". 0 when none. */
  private countAt(j: number): number {
    const token = this.at(j);
    if (!token) return 0;
    const word = NUMBER_WORDS.get(token.lower);
    if (word !== undefined) return word;
    if (!/^\d{1,3}$/.test(token.text)) return 0;
    const count = Number(token.text);
    return count <= MAX_UNIT_COUNT ? count : 0;
  }

  private shiftedFrom(start: number, end: number, anchor: Found, unit: CalendarUnit, count: number) {
    const { epochDay, year, month } = startOf(anchor);
    if (!this.ref || anchor.granularity === 'week' || anchor.granularity === 'quarter') return null;
    if (epochDay !== null)
      return this.shifted(start, end, { day: epochDay, granularity: 'day', ref: this.ref }, unit, count);
    if (month !== null) {
      return this.shifted(start, end, { year, month, granularity: 'month', ref: this.ref }, unit, count);
    }
    return this.shifted(start, end, { year, granularity: 'year', ref: this.ref }, unit, count);
  }

  /**
   * `count` units on from an anchor, at the granularity the unit gives: days and weeks a day,
   * months a month, years a year; an anchor coarser than the unit gives none.
   */
  private shifted(
    start: number,
    end: number,
    anchor:
      | { day: EpochDay; granularity: 'day'; ref: Reference }
      | { year: number; month: number; granularity: 'month'; ref: Reference }
      | { year: number; granularity: 'year'; ref: Reference },
    unit: CalendarUnit,
    count: number,
  ): Found | null {
    const days = unit === 'day' ? 1 : unit === 'week' ? 7 : unit === 'fortnight' ? 14 : 0;
    if (days > 0) {
      if (anchor.granularity !== 'day') return null;
      return { start, end, value: dayValueOf(anchor.day + days * count), granularity: 'day', relative: true };
    }
    if (unit === 'month') {
      if (anchor.granularity === 'year') return null;
      const from =
        anchor.granularity === 'day'
          ? { year: dateOf(anchor.day).getUTCFullYear(), month: dateOf(anchor.day).getUTCMonth() + 1 }
          : anchor;
      const { year, month } = shiftMonth(from.year, from.month, count);
      return { start, end, value: monthValue(year, month), granularity: 'month', relative: true };
    }
    const year = (anchor.granularity === 'day' ? dateOf(anchor.day).getUTCFullYear() : anchor.year) + count;
    if (year < MIN_YEAR || year > MAX_YEAR) return null;
    return { start, end, value: yearValue(year), granularity: 'year', relative: true };
  }

  /**
   * Quarters: "the third quarter", "the fourth quarter of 2013", "Q3", "Q3 2013", "third-quarter
   * profit". Without a year it is a date only in business news (see QUARTER_CONTEXT), placed as
   * the text says; "a third quarter" is a share, never a date.
   */
  private quarter(i: number): Found | null {
    const word = this.lower(i);
    const named = QUARTER_NAMES.get(word);
    let quarter: number | undefined;
    let end: number;
    if (named !== undefined) {
      quarter = named;
      end = i + 1;
    } else if (this.lower(i + 1) === '-' && this.lower(i + 2) === 'quarter') {
      // "third-quarter profit", "a fourth-quarter loss": the adjective.
      quarter = QUARTER_ORDINALS.get(word);
      end = i + 3;
    } else {
      if (this.lower(i + 1) !== 'quarter') return null;
      // "the third quarter", "its fourth quarter"; never "a third quarter".
      const before = this.lower(i - 1);
      if (before !== 'the' && before !== 'its' && before !== 'their') return null;
      quarter = QUARTER_ORDINALS.get(word);
      end = i + 2;
    }
    if (quarter === undefined) return null;
    // "of 2013", "2013", "of this year", "of last year".
    const of = this.lower(end) === 'of' ? 1 : 0;
    const year = this.yearNumber(end + of);
    if (year)
      return {
        start: i,
        end: end + of + 1,
        value: quarterValue(year, quarter),
        granularity: 'quarter',
        relative: false,
      };
    const deictic = of ? this.deicticYearAfter(end) : null;
    if (deictic) {
      return {
        start: i,
        end: deictic[1],
        value: quarterValue(deictic[0], quarter),
        granularity: 'quarter',
        relative: true,
      };
    }
    const { ref } = this;
    if (!ref || !this.isBusiness()) return null;
    // Placed like a lone month: its last month stands for it.
    const placed = placeYear(ref, quarter * 3, null, this.directionAt(i, end));
    if (placed === null) return null;
    return { start: i, end, value: quarterValue(placed, quarter), granularity: 'quarter', relative: true };
  }

  private isBusiness(): boolean {
    this.business ??= this.tokens.some((t) => QUARTER_CONTEXT.has(t.lower));
    return this.business;
  }

  /**
   * "in 2019", "since 2019", "between 2019 and 2021", "2025-10-18", "a 2010 commando raid", "his
   * 2007 campaign"; not "in 2000 homes".
   */
  private year(i: number): Found | null {
    const token = this.tokens[i];
    if (!token) return null;
    const iso = ISO_DATE.exec(token.text);
    if (iso) return this.dated(i, i + 1, Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const year = this.yearNumber(i);
    if (!year || year < MIN_BARE_YEAR || year > MAX_BARE_YEAR) return null;
    const previous = this.lower(i - 1);
    const next = this.tokens[i + 1];
    if (next && (ARITHMETIC.has(next.text) || next.pos === 'NUM')) return null;
    const found = {
      start: i,
      end: i + 1,
      value: yearValue(year),
      granularity: 'year',
      relative: false,
    } as const;
    const joined = DATE_JOINERS.has(previous) && this.lastEnd === i - 1;
    if (DATE_CONTEXT.has(previous) || joined) {
      // "in 2000 homes", "of 2048 * 1080 pixels": a quantity.
      if (!joined && next && next.pos === 'NOUN' && !next.capitalised) return null;
      return found;
    }
    // In adjective position, between a determiner and a noun: "a 2010 raid", "the 2018 World
    // Cup". A round number before a plural is a count: "the 2000 homes".
    if (!YEAR_DETERMINERS.has(previous) || !next?.word) return null;
    if (next.pos !== 'NOUN' && next.pos !== 'PROPN' && next.pos !== 'ADJ') return null;
    if (year % 100 === 0 && next.lower.endsWith('s') && !next.capitalised) return null;
    return found;
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

  // --- Ranges ----------------------------------------------------------------------------------

  /**
   * The two ends of a range ("from May to December", "Aug 10 - Nov 12, 2013", "between June and
   * August") make one period: an end written without a year takes it from the other end (the
   * start the latest on or before the end, the end the earliest on or after the start); both
   * without one, a period that holds the article's date is taken when the clause has no tense
   * ("runs from December to May", in April: last December to this May).
   */
  private placeRanges() {
    const { found, ref } = this;
    if (!ref) return;
    for (let n = 0; n + 1 < found.length; n += 1) {
      const a = found[n] as Found;
      const b = found[n + 1] as Found;
      if (b.start !== a.end + 1) continue;
      const joiner = this.lower(a.end);
      const between = joiner === 'and' && this.lower(a.start - 1) === 'between';
      if (!RANGE_JOINERS.has(joiner) && !between) continue;
      if (a.granularity !== b.granularity || (a.granularity !== 'day' && a.granularity !== 'month')) continue;
      // "Monday afternoon to last night": the latest Monday on or before the end.
      if (a.nearestWeekday !== undefined && b.nearestWeekday === undefined) {
        const end = startOf(b).epochDay;
        if (end !== null) a.value = dayValueOf(end - ((dateOf(end).getUTCDay() - a.nearestWeekday + 7) % 7));
      } else if (a.yearless && !b.yearless) this.placeBefore(a, b);
      else if (!a.yearless && b.yearless) this.placeAfter(b, a);
      else if (a.yearless && b.yearless) this.placeBoth(a, b);
    }
  }

  /** Sets a yearless mention's year and value. */
  private setYear(found: Found, year: number) {
    const { month, day } = found.yearless as Yearless;
    if (day !== null && !validDay(year, month, day)) return;
    found.value = day === null ? monthValue(year, month) : dayValue(year, month, day);
  }

  private keyOf(found: Found) {
    const { epochDay, year, month } = startOf(found);
    return epochDay ?? (year * 12 + (month ?? 1)) * 31;
  }

  private placeBefore(a: Found, b: Found) {
    const end = startOf(b).year;
    this.setYear(a, end);
    if (this.keyOf(a) > this.keyOf(b)) this.setYear(a, end - 1);
  }

  private placeAfter(b: Found, a: Found) {
    const start = startOf(a).year;
    this.setYear(b, start);
    if (this.keyOf(b) < this.keyOf(a)) this.setYear(b, start + 1);
  }

  private placeBoth(a: Found, b: Found) {
    const { ref } = this;
    if (!ref) return;
    if ((a.yearless as Yearless).tense === 'none') {
      const now = a.granularity === 'day' ? ref.epochDay : (ref.year * 12 + ref.month) * 31;
      const placed = a.value;
      for (const year of [ref.year - 1, ref.year]) {
        this.setYear(a, year);
        this.placeAfter(b, a);
        if (this.keyOf(a) <= now && now <= this.keyOf(b)) return;
      }
      a.value = placed;
    }
    // Otherwise the start stays where its clause put it, and the end follows it.
    this.placeAfter(b, a);
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
 * The calendar month (`YYYY-MM`) a day, week or month value falls in (a week by its Monday), or
 * null for a year or a quarter: what story identity places an event in.
 */
export const monthOfDate = ({
  value,
  granularity,
}: Pick<DateMention, 'value' | 'granularity'>): string | null => {
  if (granularity === 'day' || granularity === 'month') return value.slice(0, 7);
  if (granularity !== 'week') return null;
  const match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  // Monday of week 1 is the Monday on or before January 4th.
  const january4 = epochDayOf(year, 1, 4);
  const monday = january4 - ((dateOf(january4).getUTCDay() + 6) % 7) + 7 * (Number(match[2]) - 1);
  return dayValueOf(monday).slice(0, 7);
};

/**
 * The dates the sentences mention, in order, resolved to the calendar: absolute ones as written
 * ("June 30, 2019" → 2019-06-30, "in June 2019" → 2019-06, "in 2019" → 2019, "10/11/2025",
 * "Q3 2013" → 2013-Q3), relative ones against the article's date ("next month", "this week" →
 * 2025-W42, "on Saturday", "in August", "last year", "Jan. 5", "in 3 days", "5 days ago") or
 * against the date before them ("two weeks later"). "today" and "now" are the article's date,
 * marked `present`.
 *
 * A weekday, a month or a day without a year lies where the text puts it: before the article in
 * the past tense or after "since", ahead of it in the future tense ("will meet", "is due to",
 * "could come", "is leaving") or, unless the clause is past, after "until", "through", "from",
 * "by"; otherwise (the present, no verb) the nearest such day or month. "next" and "last" say it
 * outright; "this Friday" is the coming one. The two ends of a range share a year. A weekend is
 * given by its Saturday. Without an article date, relative dates are left out. At most
 * {@link MAX_DATES}.
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
  let previous: Found | null = null;
  for (let s = 0; s < sentences.length && mentions.length < MAX_DATES; s += 1) {
    const tokens = sentences[s] ?? [];
    const sentence: SentenceDates = new SentenceDates(tokens, ref, previous);
    for (const found of sentence.scan()) {
      if (mentions.length >= MAX_DATES) break;
      mentions.push({
        text: textOf(tokens, found.start, found.end),
        value: found.value,
        granularity: found.granularity,
        sentence: s,
        relative: found.relative,
        ...(found.present ? { present: true as const } : {}),
      });
    }
    previous = sentence.latest;
  }
  return mentions;
};
