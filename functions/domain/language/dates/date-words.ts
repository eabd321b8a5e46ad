/**
 * Words of the date grammar in dates.ts, lower-case as wink tokenises them ("jan." keeps its
 * full stop, "’ll" its curly apostrophe).
 */

export interface MonthWord {
  /** 1–12. */
  month: number;
  /** A short form without a full stop ("Jan", "Aug"): a date only with a day or year after it. */
  bare: boolean;
}

const MONTH_NAMES = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;

export const MONTHS: ReadonlyMap<string, MonthWord> = new Map(
  MONTH_NAMES.flatMap((names, i): Array<[string, MonthWord]> => {
    const month = i + 1;
    const [full, ...short] = names;
    return [
      [full, { month, bare: false }],
      ...short.flatMap((s): Array<[string, MonthWord]> => [
        [s, { month, bare: true }],
        [`${s}.`, { month, bare: false }],
      ]),
    ];
  }),
);

/** Full weekday names only: "Sun" is a newspaper, "Sat" a verb. 0 = Sunday, as Date counts. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((day, i) => [day, i]),
);

/** "yesterday" and friends: days from the article date. */
export const CASUAL_DAYS: ReadonlyMap<string, number> = new Map([
  ['yesterday', -1],
  ['today', 0],
  ['tonight', 0],
  ['tomorrow', 1],
]);

/** Parts of today after "this": "this morning". */
export const PARTS_OF_DAY: ReadonlySet<string> = new Set(['morning', 'afternoon', 'evening']);

export type DeicticUnit = 'week' | 'weekend' | 'month' | 'year';

/** Units after "last", "this", "next": "last month". */
export const DEICTIC_UNITS: ReadonlyMap<string, DeicticUnit> = new Map([
  ['week', 'week'],
  ['weekend', 'weekend'],
  ['month', 'month'],
  ['year', 'year'],
]);

export type Deixis = 'last' | 'this' | 'next';

export const DEIXIS: ReadonlyMap<string, Deixis> = new Map([
  ['last', 'last'],
  ['this', 'this'],
  ['next', 'next'],
]);

/** Before "this year" and the like: "earlier this year", "late last year". Part of the mention. */
export const APPROXIMATORS: ReadonlySet<string> = new Set(['earlier', 'later', 'early', 'late']);

export type AgoUnit = 'day' | 'week' | 'month' | 'year';

/** Units of "three years ago". */
export const AGO_UNITS: ReadonlyMap<string, AgoUnit> = new Map([
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['month', 'month'],
  ['months', 'month'],
  ['year', 'year'],
  ['years', 'year'],
]);

/** Counts spelt out in "two weeks ago". */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
]);

/**
 * Words before a lone month or year that make it a date: "in August", "since 2019", "by
 * mid-2026". Without one, "May" is a verb or a surname and "2000" a count.
 */
export const DATE_CONTEXT: ReadonlySet<string> = new Set([
  'in',
  'since',
  'by',
  'during',
  'until',
  'till',
  'from',
  'through',
  'throughout',
  'before',
  'after',
  'of',
  'early',
  'late',
  'mid',
  'between',
  'around',
  'circa',
  'for',
  'summer',
  'spring',
  'autumn',
  'fall',
  'winter',
]);

/** Between two dates of a range or list: "between 2019 and 2021", "from June to August". */
export const DATE_JOINERS: ReadonlySet<string> = new Set(['and', 'or', 'to', '-', '–', '—', 'through']);

/** "early-2019", "mid-June": a prefix joined to the month or year by a hyphen. */
export const PREFIXES = ['mid-', 'early-', 'late-'] as const;

/** Before "last year" or "next week" these make it a span, not a date: "over the last year". */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'its',
  'his',
  'her',
  'their',
  'our',
  'my',
  'your',
  'whole',
  'entire',
]);

/** Auxiliaries of the future tense; "wo" is the first half of "won't" as wink splits it. */
export const FUTURE_AUXILIARIES: ReadonlySet<string> = new Set(['will', "'ll", '’ll', 'shall', 'wo']);

/** Words before "to" that point ahead: "is due to meet", "plans to visit", "is likely to meet". */
export const FUTURE_BEFORE_TO: ReadonlySet<string> = new Set([
  'going',
  'due',
  'set',
  'scheduled',
  'expected',
  'planning',
  'plan',
  'plans',
  'planned',
  'intends',
  'intend',
  'aims',
  'aim',
  'hopes',
  'hope',
  'wants',
  'want',
  'likely',
  'unlikely',
  'poised',
  'about',
  'is',
  'are',
  'am',
]);

/** Adjectives that put the event ahead even with no verb near: "the upcoming summit in May". */
export const FUTURE_ADJECTIVES: ReadonlySet<string> = new Set(['upcoming', 'forthcoming']);
