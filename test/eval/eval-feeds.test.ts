import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_DIR,
  equalTitles,
  evaluateFeeds,
  masked,
  normalise,
  reportJson,
  type FeedsReport,
} from './eval-feeds';

const SCRIPT = path.resolve(import.meta.dirname, './eval-feeds.ts');
const PROSE = 'The council approved a new budget for road repairs at its meeting in Leeds on Monday.';

const rss = (titles: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${titles
    .map(
      (title, i) =>
        `<item><title>${title}</title><guid>g${i}</guid><description>${PROSE}</description></item>`,
    )
    .join('')}</channel></rss>`;

describe('eval:feeds scoring', () => {
  it('compares titles as text, whitespace, markup and character references aside', () => {
    expect(normalise('  Rent  &#x0024;4300 1930ft<sup>2</sup>\n')).toBe('Rent $4300 1930ft 2');
    expect(normalise(null)).toBe('');
    // Each of ours counts once; a missing title equals a missing one.
    expect(equalTitles(['A', 'A', 'B', null], ['A', 'B', 'C', null])).toBe(3);
  });

  it('does not hold against us what the reference itself could not decode (its U+FFFD)', () => {
    expect(masked('Su\ufffd\ufffda e Fran\ufffda')).toBe(masked('Suíça e França'));
    expect(equalTitles(['Su\ufffd\ufffda e Fran\ufffda'], ['Suíça e França'])).toBe(1);
    // The ASCII around a lost character still counts, and a title without U+FFFD is compared exactly.
    expect(equalTitles(['Su\ufffda e Fran\ufffda'], ['Suíça e Françe'])).toBe(0);
    expect(equalTitles(['Suica'], ['Suíça'])).toBe(0);
  });
});

describe('eval:feeds on a synthetic corpus', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newswatch-feeds-'));
    const input = path.join(dir, 'rss-parser', 'input');
    const output = path.join(dir, 'rss-parser', 'output');
    const cases = path.join(dir, 'feedparser-py', 'tests', 'wellformed');
    for (const folder of [input, output, cases]) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(input, 'two.rss'), rss(['One', '<![CDATA[Two  <b>bold</b>]]>']));
    writeFileSync(
      path.join(output, 'two.json'),
      JSON.stringify({ feed: { items: [{ title: 'One' }, { title: 'Two bold' }] } }),
    );
    writeFileSync(path.join(input, 'latin1.rss'), Buffer.from(rss(['Caf\u00e9']), 'latin1'));
    writeFileSync(path.join(output, 'latin1.json'), JSON.stringify({ feed: { items: [{ title: 'Café' }] } }));
    // The same bytes with an XML declaration that names their charset.
    writeFileSync(
      path.join(input, 'declared.rss'),
      Buffer.from(
        rss(['Caf\u00e9']).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'),
        'latin1',
      ),
    );
    writeFileSync(
      path.join(output, 'declared.json'),
      JSON.stringify({ feed: { items: [{ title: 'Café' }] } }),
    );
    writeFileSync(path.join(input, 'page.rss'), '<html><body><p>Moved</p></body></html>');
    writeFileSync(path.join(cases, 'items.xml'), rss(['A']));
    writeFileSync(path.join(cases, 'empty.xml'), '<rss version="2.0"><channel></channel></rss>');
    writeFileSync(path.join(cases, 'broken.xml'), '<rss><channel><item><title>x</item></channel></rss>');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts entries and equal titles per feed, and tallies the feedparser cases', () => {
    const json = reportJson(evaluateFeeds(dir));
    expect(json.rssParser).toMatchObject({
      referenced: 3,
      equalCounts: { parse: 2, analyse: 2 },
      referenceItems: 4,
      titlesEqual: 3,
      decodedItems: 3,
      decodedTitlesEqual: 3,
    });
    expect(json.rssParser.feeds.map((feed) => [feed.name, feed.reference, feed.parsed])).toEqual([
      ['declared', 1, 1],
      // No declaration, not UTF-8: invalid-encoding rather than a guess.
      ['latin1', 1, 0],
      // Not a feed: read as what it is, a web page.
      ['page', null, 1],
      ['two', 2, 2],
    ]);
    expect(json.feedparser).toMatchObject({
      cases: 3,
      parse: { read: 1, entries: 1, rejected: { 'no-body': 1, malformed: 1 }, threw: 0 },
      analyse: { read: 1, threw: 0 },
      threw: [],
    });
  });

  it('--json prints exactly one JSON document; a missing folder exits 2 with one line', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
    const result = run(dir, '--json');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ feedparser: { cases: 3 } });
    const missing = run(path.join(dir, 'missing'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

const hasFeeds =
  existsSync(path.join(DEFAULT_DIR, 'rss-parser')) && existsSync(path.join(DEFAULT_DIR, 'feedparser-py'));
if (!hasFeeds)
  console.warn(`eval:feeds targets skipped: no feeds at ${DEFAULT_DIR} (../shared beside the repo).`);

describe.skipIf(!hasFeeds)('eval:feeds targets on ../shared/eval/feeds (parse level)', () => {
  let report: FeedsReport;

  beforeAll(() => {
    report = evaluateFeeds(DEFAULT_DIR);
  });

  it('reads as many entries as the reference in at least 28 of its 29 feeds', () => {
    expect(report.referenced).toBe(29);
    expect(report.equalCountsParse).toBeGreaterThanOrEqual(28);
    // Analysed too: entries with a headline and no text are articles (short items); only the
    // wordless ones (missing-fields, incomplete-fields) are left out.
    expect(report.equalCountsAnalyse).toBeGreaterThanOrEqual(26);
  });

  it('reads at least 98% of all the reference titles the same, and 99% in the feeds whose bytes decode', () => {
    expect(report.titlesEqual / report.referenceItems).toBeGreaterThanOrEqual(0.98);
    expect(report.decodedTitlesEqual / report.decodedItems).toBeGreaterThanOrEqual(0.99);
    // What decoding still rejects is a feed that declares no charset and is not UTF-8 (uolNoticias):
    // read, it would be a guess.
    const undecoded = report.feeds.filter((feed) => feed.reference !== null && !feed.decoded);
    expect(undecoded.length).toBeLessThanOrEqual(1);
    for (const feed of undecoded)
      expect(feed.parse).toMatchObject({
        kind: 'rejected',
        reason: 'invalid-encoding',
        detail: expect.stringContaining('no charset is declared'),
      });
  });

  it('never throws on the feedparser cases, at either level: each is read or rejected with a reason', () => {
    expect(report.cases.length).toBeGreaterThan(500);
    expect(report.cases.filter((c) => c.parse.kind === 'threw' || c.analyse.kind === 'threw')).toEqual([]);
  });
});
