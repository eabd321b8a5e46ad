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

export type DeicticUnit = 'week' | 'weekend' | 'month' | 'quarter' | 'year';

/** Units after "last", "this", "next": "last month". */
export const DEICTIC_UNITS: ReadonlyMap<string, DeicticUnit> = new Map([
  ['week', 'week'],
  ['weekend', 'weekend'],
  ['month', 'month'],
  ['quarter', 'quarter'],
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

export type CalendarUnit = 'day' | 'week' | 'fortnight' | 'month' | 'year';

/**
 * Units of "three years ago", "two weeks later", "in 3 days", "a week before yesterday", with the
 * short forms of listings and headlines ("3 wks", "2 yrs ago", "3mo later"). Hours and minutes are
 * not here: an article's date says nothing of its time of day.
 */
export const CALENDAR_UNITS: ReadonlyMap<string, CalendarUnit> = new Map([
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['wk', 'week'],
  ['wks', 'week'],
  ['w', 'week'],
  ['fortnight', 'fortnight'],
  ['fortnights', 'fortnight'],
  ['month', 'month'],
  ['months', 'month'],
  ['mo', 'month'],
  ['mos', 'month'],
  ['mon', 'month'],
  ['mons', 'month'],
  ['year', 'year'],
  ['years', 'year'],
  ['yr', 'year'],
  ['yrs', 'year'],
]);

/**
 * After a count and a unit, what places it: "ago" before the article; "later", "after", "from"
 * ahead of the date they follow or name; "earlier", "before" behind it.
 */
export const UNIT_DIRECTIONS: ReadonlyMap<string, -1 | 1> = new Map([
  ['ago', -1],
  ['earlier', -1],
  ['before', -1],
  ['later', 1],
  ['after', 1],
  ['from', 1],
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
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['twenty', 20],
  ['thirty', 30],
]);

const ORDINAL_UNITS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
] as const;

/** Days as ordinal words: "May eighth", "the fourth of July"; "twentieth", "thirtieth" too. */
export const ORDINAL_DAYS: ReadonlyMap<string, number> = new Map([
  ...ORDINAL_UNITS.map((word, i) => [word, i + 1] as const),
  ['twentieth', 20],
  ['thirtieth', 30],
]);

/** The tens of "twenty-fourth", "thirty-first" (as "twenty" "-" "fourth" or "twenty fourth"). */
export const ORDINAL_TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
]);

/** "the third quarter": quarters by their ordinal. */
export const QUARTER_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['final', 4],
]);

/** "Q3", "Q3 2013". */
export const QUARTER_NAMES: ReadonlyMap<string, number> = new Map([
  ['q1', 1],
  ['q2', 2],
  ['q3', 3],
  ['q4', 4],
]);

/**
 * A quarter written without a year is a date only among the words of business news: "the third
 * quarter" of a match is no date, "third-quarter profit" is.
 */
export const QUARTER_CONTEXT: ReadonlySet<string> = new Set([
  'profit',
  'profits',
  'earnings',
  'revenue',
  'revenues',
  'sales',
  'results',
  'growth',
  'gdp',
  'economy',
  'output',
  'income',
  'loss',
  'losses',
  'fiscal',
  'quarterly',
  'forecast',
  'forecasts',
  'dividend',
  'turnover',
  'shipments',
  'deliveries',
]);

/**
 * Eras after a year: "88 AD", "2555 BE" (the Buddhist era: 543 years ahead). Years before the
 * common era cannot be written as a value (`YYYY`): a date in one is left out rather than given
 * a wrong year.
 */
export const ERAS: ReadonlyMap<string, number | null> = new Map([
  ['ad', 0],
  ['a.d.', 0],
  ['ce', 0],
  ['c.e.', 0],
  ['be', -543],
  ['b.e.', -543],
  ['bc', null],
  ['b.c.', null],
  ['bce', null],
  ['b.c.e.', null],
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

/** Between the two ends of a range: "from May to December", "Aug 10 - Nov 12", "June through August". */
export const RANGE_JOINERS: ReadonlySet<string> = new Set([
  'to',
  '-',
  '–',
  '—',
  'through',
  'thru',
  'until',
  'till',
]);

/**
 * Prepositions of a continuing or coming state: "runs through June", "from March 30", "by
 * Friday", "until May". Unless the clause is in the past ("ran through June"), the date they
 * govern is ahead of the article.
 */
export const AHEAD_PREPOSITIONS: ReadonlySet<string> = new Set([
  'until',
  'till',
  'through',
  'thru',
  'from',
  'by',
  'starting',
  'beginning',
  'effective',
]);

/**
 * Verbs that put something off or keep it going: in the past tense, the day "until", "through" or
 * "by" governs is still ahead ("was adjourned until Friday", "has been extended through June").
 */
export const POSTPONED: ReadonlySet<string> = new Set([
  'adjourned',
  'postponed',
  'delayed',
  'deferred',
  'extended',
  'suspended',
  'rescheduled',
  'moved',
  'pushed',
  'remanded',
  'bailed',
  'halted',
  'paused',
]);

/** "since March": always behind the article. */
export const BEHIND_PREPOSITIONS: ReadonlySet<string> = new Set(['since']);

/**
 * Before a year in adjective position, a determiner or possessive: "a 2010 commando raid", "his
 * 2007 campaign", "Obama's 2008 victory".
 */
export const YEAR_DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'this',
  'that',
  "'s",
  '’s',
]);

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

/**
 * Modals: what they put a verb in is still to happen ("could meet on Wednesday"), unless "have"
 * follows ("could have met").
 */
export const MODALS: ReadonlySet<string> = new Set([
  'may',
  'might',
  'could',
  'can',
  'ca',
  'should',
  'must',
  'would',
]);

/** Auxiliaries of the past: "was held", "had met", "did not say". */
export const PAST_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'had', 'did']);

/** The present of "be": "is leaving" (a plan), "is scheduled for" (a schedule), "is" alone (no tense). */
export const PRESENT_BE: ReadonlySet<string> = new Set(['is', 'are', 'am', "'re", '’re', "'m", '’m']);

/** The perfect: "has been moved to", "have met". */
export const PERFECT_AUXILIARIES: ReadonlySet<string> = new Set(['has', 'have', "'ve", '’ve']);

/** Participles of a schedule after the present of "be": "is scheduled for", "are expected on". */
export const SCHEDULED: ReadonlySet<string> = new Set([
  'scheduled',
  'expected',
  'set',
  'slated',
  'planned',
  'due',
  'poised',
  'timed',
  'booked',
  'billed',
  'penciled',
  'pencilled',
]);

/**
 * Past forms that do not end in "-ed", and the participles news uses alone in captions ("taken
 * on Saturday"). Forms the same in the present ("put", "cut", "set", "hit") are not here.
 */
export const IRREGULAR_PAST: ReadonlySet<string> = new Set([
  'said',
  'told',
  'met',
  'began',
  'begun',
  'went',
  'gone',
  'came',
  'took',
  'taken',
  'made',
  'held',
  'ran',
  'saw',
  'seen',
  'gave',
  'given',
  'got',
  'left',
  'won',
  'lost',
  'found',
  'thought',
  'knew',
  'known',
  'became',
  'brought',
  'bought',
  'fell',
  'fallen',
  'rose',
  'risen',
  'spoke',
  'spoken',
  'wrote',
  'written',
  'sent',
  'spent',
  'paid',
  'sold',
  'built',
  'kept',
  'struck',
  'led',
  'fled',
  'drew',
  'drawn',
  'shot',
  'stood',
  'sat',
  'felt',
  'heard',
  'meant',
  'broke',
  'broken',
  'chose',
  'chosen',
  'flew',
  'grew',
  'grown',
  'threw',
  'thrown',
  'wore',
  'worn',
  'forgot',
  'swore',
  'sworn',
  'stole',
  'stolen',
  'hung',
  'sank',
  'sunk',
  'sprang',
  'swam',
  'fought',
  'caught',
  'taught',
  'sought',
  'dealt',
  'arose',
  'awoke',
  'beaten',
  'bore',
  'born',
  'bent',
  'bled',
  'dug',
  'drove',
  'driven',
  'ate',
  'eaten',
  'fed',
  'forgave',
  'froze',
  'frozen',
  'hid',
  'hidden',
  'laid',
  'lit',
  'rode',
  'rang',
  'rung',
  'shook',
  'shaken',
  'shone',
  'slept',
  'slid',
  'spun',
  'stuck',
  'stung',
  'swept',
  'swung',
  'tore',
  'torn',
  'understood',
  'woke',
]);

/** Present forms that end in "-ed": not the past. */
export const PRESENT_IN_ED: ReadonlySet<string> = new Set([
  'need',
  'needs',
  'exceed',
  'proceed',
  'succeed',
  'feed',
  'speed',
  'bleed',
  'breed',
  'heed',
  'embed',
  'shred',
  'wed',
  'shed',
  'seed',
  'plead',
  'red',
]);

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

/** Verbs of expecting and planning, in the present: what they govern is ahead ("expects a deal by June"). */
export const EXPECTING: ReadonlySet<string> = new Set([
  'expect',
  'expects',
  'anticipate',
  'anticipates',
  'forecast',
  'forecasts',
  'predict',
  'predicts',
  'plan',
  'plans',
  'intend',
  'intends',
  'await',
  'awaits',
  'hope',
  'hopes',
  'aim',
  'aims',
]);

/** Adjectives that put the event ahead even with no verb near: "the upcoming summit in May". */
export const FUTURE_ADJECTIVES: ReadonlySet<string> = new Set(['upcoming', 'forthcoming']);
