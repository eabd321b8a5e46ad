import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  calendarFields,
  evaluateDates,
  hasDayOrMonth,
  judge,
  parseArgs,
  productDates,
  reportJson,
  type ChronoCase,
} from './eval-dates';

const SCRIPT = path.resolve(import.meta.dirname, './eval-dates.ts');

let n = 0;
const single = (
  text: string,
  refDate: string | null,
  start: ChronoCase['expected']['start'],
  file = 'a.test.ts',
): ChronoCase => ({
  id: `case#${(n += 1)}`,
  file,
  kind: 'single',
  chrono: 'en.casual',
  text,
  refDate,
  expected: { count: 1, start },
});

// Our own cases in the records' format: 2012-08-10 is a Friday.
const REF = '2012-08-10T12:00:00.000Z';
const CASES: ChronoCase[] = [
  single('The talks ended on June 30, 2019.', REF, { year: 2019, month: 6, day: 30 }),
  // Found and right at month granularity: chrono implies the 1st.
  single('She is leaving in August.', REF, { year: 2012, month: 8, day: 1 }),
  // Asserted only as an instant at chrono's implied noon: a day value.
  single('The deadline is August 10, 2012', REF, { date: '2012-08-10T12:00:00.000Z', dateFloating: true }),
  // A time of day alone: in the scored cases, not in the headline.
  single('See you at 3:30pm', REF, { hour: 15, minute: 30 }, 'b.test.ts'),
  {
    ...single('August 32', REF, undefined, 'b.test.ts'),
    kind: 'negative',
    negative: true,
    chrono: 'en.strict',
    expected: { count: 0 },
  },
  // No reference date: chrono's "now"; not scored.
  single('Something happened on 2014-04-18', null, { year: 2014, month: 4, day: 18 }),
];

describe('eval:dates scoring', () => {
  it('reads the expected day from the components, then from the instant', () => {
    expect(calendarFields({ month: 7, day: 3 })).toEqual({ month: 7, day: 3 });
    expect(calendarFields({ date: '2012-08-05T00:00:00.000Z', day: 6 })).toEqual({
      year: 2012,
      month: 8,
      day: 6,
    });
    expect(calendarFields({ hour: 9 })).toEqual({});
  });

  it('puts in the headline only cases with a reference date and a day or month value', () => {
    expect(CASES.map(hasDayOrMonth)).toEqual([true, true, true, false, false, false]);
    expect(
      hasDayOrMonth(single('in 1 hour', REF, { date: '2012-08-10T13:14:00.000Z', dateFloating: true })),
    ).toBe(false);
  });

  it('judges the first date found, or each expected result in order', () => {
    const [dated] = CASES;
    expect(judge(dated!, ['2019-06-30'])).toEqual({ passed: true, coarser: false });
    // The first date decides a single case: a wrong one before the right one fails it.
    expect(judge(dated!, ['2018-06-30', '2019-06-30']).passed).toBe(false);
    expect(judge(dated!, []).passed).toBe(false);
    const parse: ChronoCase = {
      ...dated!,
      kind: 'parse',
      expected: { results: [{ start: { year: 2011, month: 10, day: 7 } }, { start: { day: 16 } }] },
    };
    expect(judge(parse, ['2011-10-07', '2011', '2011-10-16']).passed).toBe(true);
    expect(judge(parse, ['2011-10-16', '2011-10-07']).passed).toBe(false);
    // Expecting nothing: nothing may be found.
    expect(judge(CASES[4]!, []).passed).toBe(true);
    expect(judge(CASES[4]!, ['2012-08']).passed).toBe(false);
  });

  it('feeds the text through the sentence splitter to the product', () => {
    expect(
      productDates('The talks ended on Monday.\n\nThey resume in June 2013.', '2012-08-10').map((d) => [
        d.sentence,
        d.value,
      ]),
    ).toEqual([
      [0, '2012-08-06'],
      [1, '2013-06'],
    ]);
  });
});

describe('eval:dates on generated cases', () => {
  let previousTz: string | undefined;
  let dir = '';

  beforeAll(() => {
    previousTz = process.env.TZ;
    process.env.TZ = 'UTC';
    dir = mkdtempSync(path.join(tmpdir(), 'newswatch-dates-'));
    writeFileSync(path.join(dir, 'cases.jsonl'), CASES.map((c) => JSON.stringify(c)).join('\n'));
  });

  afterAll(() => {
    process.env.TZ = previousTz;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scores the product and chrono on the same cases, per file and in the headline subset', () => {
    const json = reportJson(evaluateDates(CASES));
    expect(json).toMatchObject({
      cases: 5,
      // June 30, 2019; August (as a month); August 10, 2012; nothing in "August 32".
      passed: 4,
      passRate: 0.8,
      dayOrMonth: { cases: 3, passed: 3, passRate: 1, chrono: { passRate: 1 } },
      byFile: {
        'a.test.ts': { cases: 3, passRate: 1 },
        // The product reads no times of day.
        'b.test.ts': { cases: 2, passed: 1, passRate: 0.5, chrono: { passRate: 1 } },
      },
      chrono: { passRate: 1, dayOrMonth: { passRate: 1 } },
      coarserPasses: 1,
      unscored: { noRefDate: 1, nonEnglish: 0 },
    });
  });

  it('--json prints exactly one JSON document; a missing file exits 2 with one line', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
    const result = run(path.join(dir, 'cases.jsonl'), '--json');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(
      expect.arrayContaining(['cases', 'passRate', 'byFile', 'chrono']),
    );
    const missing = run(path.join(dir, 'missing.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads the file relative to where npm was called', () => {
    expect(parseArgs(['cases.jsonl', '--json'], '/somewhere')).toEqual({
      file: '/somewhere/cases.jsonl',
      json: true,
      errors: false,
    });
    expect(parseArgs([], '/x').file).toMatch(/shared\/eval\/dates\/chrono-en-cases\.jsonl$/);
    expect(() => parseArgs(['--nope'], '/x')).toThrow(/unknown option/);
  });
});
