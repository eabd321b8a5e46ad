/**
 * Dates on a peer's test suite: `npm run eval:dates -- [cases.jsonl] [--json] [--errors]`, on
 * ../shared/eval/dates/chrono-en-cases.jsonl (chrono-node's own English test cases, see
 * README-upstream-extraction.md beside it) by default.
 *
 * Each case's text goes through the product's own path: split into paragraphs at blank lines
 * (whitespace collapsed, as documents are), each paragraph into sentences and tokens by
 * `splitParagraph` (sentences.ts), and the sentences' tokens to `extractDates` (dates.ts) with the
 * calendar day of the case's `refDate` (its UTC date: the records are UTC-encoded) as the article
 * date, as analyse-article.ts calls it. chrono-node runs on the same cases in the same run as the
 * peer, with the instance (`en.casual`, `en.strict`, `en.GB`; a `custom(...)` one as `en.casual`),
 * reference (`refDate`, with `refTimezone`) and options (`forwardDate`, `timezones`) the case names,
 * under TZ=UTC as the records are meant to be read.
 *
 * Scored: the cases with a `refDate` (those without one test chrono's use of the current time),
 * except any flagged `nonEnglishParser`. A case passes:
 * - when it expects no result (`negative`, or `count` 0): if nothing is found;
 * - otherwise, if the first date found agrees with the case's expected `start` (for a direct
 *   `parse` case with several `results`: if the dates found hold, in order, one agreeing with
 *   each result's `start`). The expected date is the `year`, `month` and `day` the case asserts,
 *   each missing one read from the asserted `date` instant (its UTC fields) when there is one.
 *   Agreement is at the finder's granularity (test/eval/scoring/date-values.ts): a product day
 *   `YYYY-MM-DD` on year, month and day; a month `YYYY-MM` on year and month; a week `YYYY-Www`
 *   when the expected day falls in it; a year or quarter only when no month or day is asserted.
 *   chrono resolves every field (implying what the text does not say), so its start is compared
 *   as a day. Only asserted fields are compared; a case that asserts no calendar field (a time of
 *   day alone) passes on any date found. Times of day, time zones, `end`, `text`, `index`,
 *   `certain` and `tags` are not compared: the product reads dates, not times.
 *
 * The headline subset, "cases with a reference date and a day or month value": the scored cases
 * that expect a result whose (first) expected start asserts a `month` or a `day`, or a floating
 * `date` at 12:00:00.000, chrono's implied time for a date written without one. Cases that expect
 * nothing have no value and are not in it; they count in the figure over all scored cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import type { DateMention } from '../../../functions/domain/language/analysis';
import { extractDates } from '../../../functions/domain/language/dates/dates';
import { splitParagraph } from '../../../functions/domain/language/sentences';
import { REPO_ROOT } from '../../../infra/paths';
import { coarserThan, valueAgrees, type CalendarFields } from '../scoring/date-values';

export const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/eval/dates/chrono-en-cases.jsonl');

/** What a case asserts of a result's start (see README-upstream-extraction.md). */
export interface ExpectedStart {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  /** An ISO instant (`toBeDate`). */
  date?: string;
  dateFloating?: boolean;
  [field: string]: unknown;
}

export interface ChronoCase {
  id: string;
  file: string;
  kind: 'single' | 'negative' | 'parse';
  chrono: string;
  text: string;
  refDate: string | null;
  refTimezone?: string | null;
  forwardDate?: boolean;
  negative?: boolean;
  nonEnglishParser?: boolean;
  options?: { timezones?: Record<string, unknown> };
  expected: {
    count?: number;
    start?: ExpectedStart;
    results?: { start?: ExpectedStart }[];
  };
}

export const readCases = (file: string): ChronoCase[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ChronoCase);

/** Scored: a reference date is given, and the case is for an English parser. */
export const isScored = (c: ChronoCase) => c.refDate !== null && c.nonEnglishParser !== true;

/** The starts a case expects, in order; none when it expects no result. */
export const expectedStarts = (c: ChronoCase): ExpectedStart[] => {
  if (c.kind === 'negative' || c.negative === true || c.expected.count === 0) return [];
  if (c.kind === 'parse') return (c.expected.results ?? []).map((result) => result.start ?? {});
  return [c.expected.start ?? {}];
};

/** The year, month and day asserted, the missing ones from the asserted instant's UTC fields. */
export const calendarFields = (start: ExpectedStart): CalendarFields => {
  const instant = typeof start.date === 'string' ? new Date(start.date) : null;
  const valid = instant !== null && !Number.isNaN(instant.getTime());
  const year = start.year ?? (valid ? instant.getUTCFullYear() : undefined);
  const month = start.month ?? (valid ? instant.getUTCMonth() + 1 : undefined);
  const day = start.day ?? (valid ? instant.getUTCDate() : undefined);
  return {
    ...(year === undefined ? {} : { year }),
    ...(month === undefined ? {} : { month }),
    ...(day === undefined ? {} : { day }),
  };
};

const IMPLIED_NOON = /T12:00:00\.000Z$/;

/** In the headline subset: a scored case whose first expected start has a day or month value. */
export const hasDayOrMonth = (c: ChronoCase): boolean => {
  const [start] = expectedStarts(c);
  if (!isScored(c) || !start) return false;
  if (start.month !== undefined || start.day !== undefined) return true;
  return typeof start.date === 'string' && start.dateFloating === true && IMPLIED_NOON.test(start.date);
};

/** The case's article date: the calendar day of its reference. */
export const articleDateOf = (c: ChronoCase): string | null => c.refDate?.slice(0, 10) ?? null;

/** The product's dates in the case's text, through the sentence splitter as analysis does. */
export const productDates = (text: string, publishedAt: string | null): DateMention[] => {
  const paragraphs = text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
  const sentences = paragraphs.flatMap((paragraph, i) => splitParagraph(paragraph, i)).map((d) => d.tokens);
  return extractDates(sentences, publishedAt);
};

/** chrono's results as day values `YYYY-MM-DD` (every field resolved, implied or not). */
export const chronoValues = (c: ChronoCase): string[] => {
  const parser =
    c.chrono === 'en.strict' ? chrono.strict : c.chrono === 'en.GB' ? chrono.en.GB : chrono.casual;
  const instant = new Date(c.refDate ?? Date.now());
  const reference = c.refTimezone ? { instant, timezone: c.refTimezone } : instant;
  const option = {
    ...(c.forwardDate ? { forwardDate: true } : {}),
    ...(c.options?.timezones ? { timezones: chronoTimezones(c.options.timezones) } : {}),
  };
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  return parser.parse(c.text, reference, option).map(({ start }) => {
    const year = start.get('year') ?? 0;
    return `${year < 0 ? '-' : ''}${pad(year, 4)}-${pad(start.get('month') ?? 0)}-${pad(start.get('day') ?? 0)}`;
  });
};

/** The records' tabulated DST rules (`{$function, byYear}`) as the functions chrono wants. */
const chronoTimezones = (timezones: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(timezones).map(([name, zone]) => {
      if (typeof zone !== 'object' || zone === null) return [name, zone];
      const rule = (value: unknown) => {
        const byYear = (value as { byYear?: Record<string, string> } | undefined)?.byYear;
        return byYear ? (year: number) => new Date(byYear[String(year)] ?? NaN) : value;
      };
      const { dstStart, dstEnd, ...rest } = zone as Record<string, unknown>;
      return [name, { ...rest, dstStart: rule(dstStart), dstEnd: rule(dstEnd) }];
    }),
  ) as NonNullable<chrono.ParsingOption['timezones']>;

export interface Verdict {
  passed: boolean;
  /** Passed with a month or week value where the case asserts a day. */
  coarser: boolean;
}

/**
 * The pass rule of the header comment over values found in order: none expected, none found;
 * else the first value agrees with a single start, or the values hold one agreeing with each
 * expected result, in order.
 */
export const judge = (c: ChronoCase, values: readonly string[]): Verdict => {
  const starts = expectedStarts(c).map(calendarFields);
  if (starts.length === 0) return { passed: values.length === 0, coarser: false };
  if (c.kind !== 'parse') {
    const [expected] = starts;
    const [first] = values;
    const passed = first !== undefined && expected !== undefined && valueAgrees(first, expected);
    return { passed, coarser: passed && first !== undefined && coarserThan(first, expected ?? {}) };
  }
  let at = 0;
  let coarser = false;
  for (const expected of starts) {
    while (at < values.length && !valueAgrees(values[at] ?? '', expected)) at += 1;
    if (at >= values.length) return { passed: false, coarser: false };
    coarser ||= coarserThan(values[at] ?? '', expected);
    at += 1;
  }
  return { passed: true, coarser };
};

export interface ScoredCase {
  case: ChronoCase;
  dayOrMonth: boolean;
  product: DateMention[];
  productVerdict: Verdict;
  chrono: string[];
  chronoVerdict: Verdict;
}

export interface Tally {
  cases: number;
  passed: number;
  /** Product passes at a coarser granularity than the day asserted. */
  coarser: number;
  chronoPassed: number;
}

export interface DatesReport {
  file: string;
  /** Cases in the file. */
  total: number;
  /** Not scored: no reference date (chrono's "now"), or a non-English parser. */
  unscored: { noRefDate: number; nonEnglish: number };
  all: Tally;
  dayOrMonth: Tally;
  byFile: Record<string, { all: Tally; dayOrMonth: Tally }>;
  scored: ScoredCase[];
}

const emptyTally = (): Tally => ({ cases: 0, passed: 0, coarser: 0, chronoPassed: 0 });

const count = (tally: Tally, scored: ScoredCase) => {
  tally.cases += 1;
  if (scored.productVerdict.passed) tally.passed += 1;
  if (scored.productVerdict.coarser) tally.coarser += 1;
  if (scored.chronoVerdict.passed) tally.chronoPassed += 1;
};

export const scoreCase = (c: ChronoCase): ScoredCase => {
  const product = productDates(c.text, articleDateOf(c));
  const peer = chronoValues(c);
  return {
    case: c,
    dayOrMonth: hasDayOrMonth(c),
    product,
    productVerdict: judge(
      c,
      product.map((d) => d.value),
    ),
    chrono: peer,
    chronoVerdict: judge(c, peer),
  };
};

export const evaluateDates = (cases: ChronoCase[], file = ''): DatesReport => {
  const report: DatesReport = {
    file,
    total: cases.length,
    unscored: {
      noRefDate: cases.filter((c) => c.refDate === null).length,
      nonEnglish: cases.filter((c) => c.refDate !== null && c.nonEnglishParser === true).length,
    },
    all: emptyTally(),
    dayOrMonth: emptyTally(),
    byFile: {},
    scored: [],
  };
  for (const c of cases.filter(isScored)) {
    const scored = scoreCase(c);
    report.scored.push(scored);
    const inFile = (report.byFile[c.file] ??= { all: emptyTally(), dayOrMonth: emptyTally() });
    count(report.all, scored);
    count(inFile.all, scored);
    if (scored.dayOrMonth) {
      count(report.dayOrMonth, scored);
      count(inFile.dayOrMonth, scored);
    }
  }
  return report;
};

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

const tallyJson = (tally: Tally) => ({
  cases: tally.cases,
  passed: tally.passed,
  passRate: rate(tally.passed, tally.cases),
  chrono: { passRate: rate(tally.chronoPassed, tally.cases) },
});

export const reportJson = (report: DatesReport) => ({
  cases: report.all.cases,
  passed: report.all.passed,
  passRate: rate(report.all.passed, report.all.cases),
  dayOrMonth: tallyJson(report.dayOrMonth),
  byFile: Object.fromEntries(
    Object.entries(report.byFile)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, { all, dayOrMonth }]) => [file, { ...tallyJson(all), dayOrMonth: tallyJson(dayOrMonth) }]),
  ),
  chrono: {
    passRate: rate(report.all.chronoPassed, report.all.cases),
    dayOrMonth: { passRate: rate(report.dayOrMonth.chronoPassed, report.dayOrMonth.cases) },
  },
  coarserPasses: report.all.coarser,
  unscored: report.unscored,
});

const percent = (part: number, whole: number) =>
  `${(whole === 0 ? 0 : (100 * part) / whole).toFixed(1)}%`.padStart(6);

const cell = (passed: number, cases: number) =>
  `${percent(passed, cases)} ${`${passed}/${cases}`.padStart(7)}`;

export const reportText = (report: DatesReport): string => {
  const files = Object.keys(report.byFile).sort();
  const width = Math.max(24, ...files.map((f) => f.length));
  const row = (name: string, all: Tally, dm: Tally) =>
    `  ${name.padEnd(width)} ${cell(dm.passed, dm.cases)}  ${cell(dm.chronoPassed, dm.cases)}   ` +
    `${cell(all.passed, all.cases)}  ${cell(all.chronoPassed, all.cases)}`;
  const head = `${'product'.padEnd(14)}  ${'chrono'.padEnd(14)}`;
  return [
    `dates: ${report.total} cases in ${basename(report.file)}; ${report.all.cases} scored ` +
      `(${report.unscored.noRefDate} without a reference date` +
      `${report.unscored.nonEnglish ? `, ${report.unscored.nonEnglish} non-English` : ''} not scored)`,
    '',
    `  ${''.padEnd(width)} ${'day or month value'.padEnd(30)}   all with a reference date`,
    `  ${'file'.padEnd(width)} ${head}   ${head}`,
    ...files.map((file) => {
      const tallies = report.byFile[file];
      return tallies ? row(file.replace(/\.test\.ts$/, ''), tallies.all, tallies.dayOrMonth) : '';
    }),
    row('all', report.all, report.dayOrMonth),
    '',
    `headline (reference date, day or month value): product ${percent(report.dayOrMonth.passed, report.dayOrMonth.cases).trim()}` +
      `, chrono ${percent(report.dayOrMonth.chronoPassed, report.dayOrMonth.cases).trim()}` +
      ` (${report.dayOrMonth.cases} cases; ${report.dayOrMonth.coarser} of the product's passes at month or week where a day is asserted)`,
  ].join('\n');
};

const errorLine = ({ case: c, product, chrono: peer }: ScoredCase) => {
  const starts = expectedStarts(c).map(calendarFields);
  return [
    `${c.id}  ${JSON.stringify(c.text)}  ref ${articleDateOf(c) ?? '-'}${c.forwardDate ? ' forwardDate' : ''}${c.chrono === 'en.casual' ? '' : ` ${c.chrono}`}`,
    `  expected ${starts.length === 0 ? 'nothing' : starts.map((s) => JSON.stringify(s)).join(', ')}`,
    `  product  ${product.map((d) => `${d.text} → ${d.value}`).join('; ') || 'nothing'}`,
    `  chrono   ${peer.join('; ') || 'nothing'}`,
  ].join('\n');
};

const USAGE = 'usage: npm run eval:dates -- [cases.jsonl] [--json] [--errors]';

export const parseArgs = (args: string[], cwd: string): { file: string; json: boolean; errors: boolean } => {
  const options = { file: DEFAULT_FILE, json: false, errors: false };
  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg === '--errors') options.errors = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else options.file = isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return options;
};

const main = () => {
  // The records are UTC-encoded (floating values are wall-clock times read as UTC): chrono,
  // which works in local time, must read them so.
  process.env.TZ = 'UTC';
  let options: { file: string; json: boolean; errors: boolean };
  try {
    // npm runs scripts from the repo root; a relative path is meant from where npm was called.
    options = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    console.error(`eval:dates: ${(error as Error).message} (${USAGE})`);
    process.exit(2);
  }
  if (!existsSync(options.file)) {
    console.error(`eval:dates: no file ${options.file} (see ../shared/eval/README.md; ${USAGE})`);
    process.exit(2);
  }
  const report = evaluateDates(readCases(options.file), options.file);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
    return;
  }
  console.log(reportText(report));
  if (options.errors) {
    const wrong = report.scored.filter((s) => !s.productVerdict.passed);
    console.log(`\n${wrong.length} cases failed by the product (headline cases marked *):\n`);
    for (const scored of wrong) console.log(`${scored.dayOrMonth ? '*' : ' '}${errorLine(scored)}`);
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
