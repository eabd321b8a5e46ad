/**
 * Feeds as they are in the wild: `npm run eval:feeds -- [dir] [--json]`, on ../shared/eval/feeds
 * (see its README) by default.
 *
 * - `rss-parser/input/`: real feeds, `rss-parser/output/<name>.json` the reference parse of 29 of
 *   them. Per feed: our entry count against the reference's `items`, and how many reference titles
 *   we read the same (whitespace normalised; a reference item without a title equals an entry
 *   without one; where the reference has U+FFFD, having read an ISO-8859-1 feed as UTF-8, the
 *   characters it lost are not compared).
 * - `feedparser-py/tests/**`: small feeds written to test a parser; most hold no item at all, so
 *   what matters is that each is read or rejected with a reason, and that none throws.
 *
 * Everything goes through the pure entries the ingest function uses, on the file's bytes: decoding
 * (documents/bytes/decode-bytes.ts: gzip, charset) then `parseDocument` for the parse level,
 * `readUpload` (decoding, parsing and analysis, the size cap) for the analyse level. An entry the
 * analysis rejects (neither a title nor text) lowers the analyse-level count only, so both are
 * reported.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../functions/contracts/limits';
import { readUpload } from '../../functions/domain/analyse-upload';
import { plainTitle } from '../../functions/domain/documents/content-blocks';
import { decodeArticleBytes } from '../../functions/domain/documents/bytes/decode-bytes';
import { InvalidArticleError } from '../../functions/domain/documents/errors';
import { parseDocument } from '../../functions/domain/documents/parse-document';
import { REPO_ROOT } from '../../infra/paths';

export const DEFAULT_DIR = resolve(REPO_ROOT, '../shared/eval/feeds');

/** What became of one file at one level: entries (with their titles), a rejection, or a throw. */
export type Outcome =
  | { kind: 'read'; titles: (string | null)[] }
  | { kind: 'rejected'; reason: string; detail: string }
  | { kind: 'threw'; error: string };

const thrown = (error: unknown): Outcome => {
  if (error instanceof InvalidArticleError)
    return { kind: 'rejected', reason: error.reason, detail: error.message };
  return { kind: 'threw', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
};

/** Decoding then `parseDocument`, as readUpload does before analysis. */
export const parseLevel = (bytes: Uint8Array, key: string): Outcome => {
  try {
    const decoded = decodeArticleBytes(bytes);
    if (!decoded.ok) return { kind: 'rejected', reason: decoded.reason, detail: decoded.detail };
    return { kind: 'read', titles: parseDocument(decoded.text, { fileName: key }).map((a) => a.title) };
  } catch (error) {
    return thrown(error);
  }
};

/** `readUpload`, what the ingest function stores (titles are then generated where missing). */
export const analyseLevel = (bytes: Uint8Array, key: string): Outcome => {
  try {
    const read = readUpload({ bytes, key }, { maxBytes: DEFAULT_MAX_ARTICLE_BYTES });
    if (!read.ok) return { kind: 'rejected', reason: read.reason, detail: read.detail };
    return { kind: 'read', titles: read.articles.map((a) => a.title) };
  } catch (error) {
    return thrown(error);
  }
};

const entries = (outcome: Outcome) => (outcome.kind === 'read' ? outcome.titles.length : 0);

/**
 * A title as text, whitespace normalised. The reference keeps markup and character references in
 * titles as the feed wrote them ("1930ft<sup>2</sup>", "&#x0024;4300"), where we read the title
 * as text; both sides are put through the same tag-stripping and entity decoding first.
 */
export const normalise = (title: string | null | undefined): string =>
  plainTitle(title ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A title with every run of non-ASCII characters as one U+FFFD: how a reference title that holds
 * U+FFFD is compared. rss-parser read ISO-8859-1 feeds as UTF-8, so where such a feed has "ã" or
 * "íç" the reference has one U+FFFD for each byte (or for a byte and the one after it); the ASCII
 * around them is still compared exactly.
 */
export const masked = (title: string | null | undefined): string =>
  plainTitle(title ?? '')
    .replace(/[^\t\n\r -~]+/g, '\ufffd')
    .replace(/\ufffd+/g, '\ufffd')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * How many reference titles are among ours, each of ours used once (order is not judged). A
 * reference title with U+FFFD in it (its parser's own decoding failure) is compared {@link masked}.
 */
export const equalTitles = (reference: (string | null)[], ours: (string | null)[]): number => {
  const used = new Set<number>();
  const byKey = (key: (title: string | null) => string) => {
    const index = new Map<string, number[]>();
    ours.forEach((title, i) => index.set(key(title), [...(index.get(key(title)) ?? []), i]));
    return index;
  };
  const exact = byKey(normalise);
  const loose = byKey(masked);
  let equal = 0;
  for (const title of reference) {
    const candidates = title?.includes('\ufffd') ? loose.get(masked(title)) : exact.get(normalise(title));
    const free = candidates?.find((i) => !used.has(i));
    if (free !== undefined) {
      used.add(free);
      equal += 1;
    }
  }
  return equal;
};

export interface FeedResult {
  name: string;
  /** The reference's item count, or null when there is no reference for this input. */
  reference: number | null;
  parsed: number;
  analysed: number;
  /** Reference titles read the same at the parse level (of `reference`). */
  titlesEqual: number;
  /** Whether decode-bytes.ts accepts the file's bytes (its charset is decoding's business). */
  decoded: boolean;
  parse: Outcome;
  analyse: Outcome;
}

interface Tally {
  read: number;
  entries: number;
  rejected: Record<string, number>;
  threw: number;
}

export interface CaseResult {
  file: string;
  parse: Outcome;
  analyse: Outcome;
}

export interface FeedsReport {
  feeds: FeedResult[];
  /** Feeds with a reference. */
  referenced: number;
  equalCountsParse: number;
  equalCountsAnalyse: number;
  referenceItems: number;
  titlesEqual: number;
  /** The same two over the feeds whose bytes decode: what the feed parser answers for. */
  decodedItems: number;
  decodedTitlesEqual: number;
  cases: CaseResult[];
  caseTally: { parse: Tally; analyse: Tally };
  /** Milliseconds for the whole run. */
  elapsedMs: number;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });

interface ReferenceItem {
  title?: unknown;
}

const referenceTitles = (file: string): (string | null)[] | null => {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { feed?: { items?: ReferenceItem[] } };
  return (json.feed?.items ?? []).map((item) => (typeof item.title === 'string' ? item.title : null));
};

const tally = (outcomes: Outcome[]): Tally => {
  const result: Tally = { read: 0, entries: 0, rejected: {}, threw: 0 };
  for (const outcome of outcomes) {
    if (outcome.kind === 'read') {
      result.read += 1;
      result.entries += outcome.titles.length;
    } else if (outcome.kind === 'rejected')
      result.rejected[outcome.reason] = (result.rejected[outcome.reason] ?? 0) + 1;
    else result.threw += 1;
  }
  return result;
};

export const evaluateRssParser = (dir: string): FeedResult[] => {
  const input = join(dir, 'input');
  return readdirSync(input)
    .sort()
    .map((file) => {
      const name = basename(file, extname(file));
      const bytes = new Uint8Array(readFileSync(join(input, file)));
      const reference = referenceTitles(join(dir, 'output', `${name}.json`));
      const parse = parseLevel(bytes, file);
      const analyse = analyseLevel(bytes, file);
      return {
        name,
        reference: reference?.length ?? null,
        parsed: entries(parse),
        analysed: entries(analyse),
        titlesEqual: reference && parse.kind === 'read' ? equalTitles(reference, parse.titles) : 0,
        decoded: decodeArticleBytes(bytes).ok,
        parse,
        analyse,
      };
    });
};

export const evaluateFeedparser = (dir: string): CaseResult[] =>
  filesUnder(dir)
    .filter((file) => file.endsWith('.xml'))
    .map((file) => {
      const bytes = new Uint8Array(readFileSync(file));
      return {
        file: relative(dir, file),
        parse: parseLevel(bytes, file),
        analyse: analyseLevel(bytes, file),
      };
    });

export const evaluateFeeds = (dir: string): FeedsReport => {
  const started = performance.now();
  const rssDir = join(dir, 'rss-parser');
  const caseDir = join(dir, 'feedparser-py', 'tests');
  const feeds = existsSync(rssDir) ? evaluateRssParser(rssDir) : [];
  const cases = existsSync(caseDir) ? evaluateFeedparser(caseDir) : [];
  const referenced = feeds.filter((feed) => feed.reference !== null);
  const decoded = referenced.filter((feed) => feed.decoded);
  return {
    feeds,
    referenced: referenced.length,
    equalCountsParse: referenced.filter((feed) => feed.parsed === feed.reference).length,
    equalCountsAnalyse: referenced.filter((feed) => feed.analysed === feed.reference).length,
    referenceItems: referenced.reduce((sum, feed) => sum + (feed.reference ?? 0), 0),
    titlesEqual: referenced.reduce((sum, feed) => sum + feed.titlesEqual, 0),
    decodedItems: decoded.reduce((sum, feed) => sum + (feed.reference ?? 0), 0),
    decodedTitlesEqual: decoded.reduce((sum, feed) => sum + feed.titlesEqual, 0),
    cases,
    caseTally: { parse: tally(cases.map((c) => c.parse)), analyse: tally(cases.map((c) => c.analyse)) },
    elapsedMs: performance.now() - started,
  };
};

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const percent = (part: number, whole: number) => `${(100 * share(part, whole)).toFixed(1)}%`;

const outcomeJson = (outcome: Outcome) =>
  outcome.kind === 'read'
    ? { entries: outcome.titles.length }
    : outcome.kind === 'rejected'
      ? { rejected: outcome.reason, detail: outcome.detail }
      : { threw: outcome.error };

export const reportJson = (report: FeedsReport) => ({
  rssParser: {
    feeds: report.feeds.map((feed) => ({
      name: feed.name,
      reference: feed.reference,
      parsed: feed.parsed,
      analysed: feed.analysed,
      titlesEqual: feed.titlesEqual,
      parse: outcomeJson(feed.parse),
      analyse: outcomeJson(feed.analyse),
    })),
    referenced: report.referenced,
    equalCounts: { parse: report.equalCountsParse, analyse: report.equalCountsAnalyse },
    referenceItems: report.referenceItems,
    titlesEqual: report.titlesEqual,
    titlesEqualShare: Math.round(share(report.titlesEqual, report.referenceItems) * 1000) / 1000,
    decodedItems: report.decodedItems,
    decodedTitlesEqual: report.decodedTitlesEqual,
    decodedTitlesEqualShare: Math.round(share(report.decodedTitlesEqual, report.decodedItems) * 1000) / 1000,
  },
  feedparser: {
    cases: report.cases.length,
    parse: report.caseTally.parse,
    analyse: report.caseTally.analyse,
    threw: report.cases
      .filter((c) => c.parse.kind === 'threw' || c.analyse.kind === 'threw')
      .map((c) => ({ file: c.file, parse: outcomeJson(c.parse), analyse: outcomeJson(c.analyse) })),
  },
  elapsedMs: Math.round(report.elapsedMs),
});

const outcomeText = (outcome: Outcome) =>
  outcome.kind === 'read'
    ? ''
    : outcome.kind === 'rejected'
      ? `${outcome.reason}: ${outcome.detail}`
      : `THREW ${outcome.error}`;

const tallyText = (name: string, t: Tally) => {
  const reasons = Object.entries(t.rejected)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return `  ${name.padEnd(8)} read ${t.read} (${t.entries} entries), rejected ${Object.values(t.rejected).reduce((a, b) => a + b, 0)} (${reasons || '-'}), threw ${t.threw}`;
};

export const reportText = (report: FeedsReport): string => {
  const width = Math.max(4, ...report.feeds.map((feed) => feed.name.length));
  const lines = [
    `rss-parser: ${report.feeds.length} feeds, ${report.referenced} with a reference parse`,
    `  ${'feed'.padEnd(width)} ${'ref'.padStart(4)} ${'parse'.padStart(5)} ${'analyse'.padStart(7)} ${'titles'.padStart(9)}`,
    ...report.feeds.map((feed) => {
      const ref = feed.reference ?? '-';
      const mark = feed.reference !== null && feed.parsed !== feed.reference ? ' ≠' : '  ';
      const titles = feed.reference === null ? '-' : `${feed.titlesEqual}/${feed.reference}`;
      const why = outcomeText(feed.parse) || outcomeText(feed.analyse);
      return `  ${feed.name.padEnd(width)} ${String(ref).padStart(4)} ${String(feed.parsed).padStart(5)} ${String(feed.analysed).padStart(7)} ${titles.padStart(9)}${mark}${why ? ` ${why}` : ''}`;
    }),
    `  equal counts: parse ${report.equalCountsParse}/${report.referenced}, analyse ${report.equalCountsAnalyse}/${report.referenced}`,
    `  titles equal: ${report.titlesEqual}/${report.referenceItems} (${percent(report.titlesEqual, report.referenceItems)}); ` +
      `in the feeds that decode: ${report.decodedTitlesEqual}/${report.decodedItems} (${percent(report.decodedTitlesEqual, report.decodedItems)})`,
    '',
    `feedparser: ${report.cases.length} cases`,
    tallyText('parse', report.caseTally.parse),
    tallyText('analyse', report.caseTally.analyse),
    ...report.cases
      .filter((c) => c.parse.kind === 'threw' || c.analyse.kind === 'threw')
      .map((c) => `  ${c.file}: ${outcomeText(c.parse.kind === 'threw' ? c.parse : c.analyse)}`),
    '',
    `${Math.round(report.elapsedMs)} ms`,
  ];
  return lines.join('\n');
};

const USAGE = 'usage: npm run eval:feeds -- [dir] [--json]';

export const parseArgs = (args: string[], cwd: string): { dir: string; json: boolean } => {
  const options = { dir: DEFAULT_DIR, json: false };
  for (const arg of args) {
    if (arg === '--json') options.json = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option "${arg}"`);
    else options.dir = isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return options;
};

const main = () => {
  let options: { dir: string; json: boolean };
  try {
    // npm runs scripts from the repo root; a relative dir is meant from where npm was called.
    options = parseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    console.error(`eval:feeds: ${(error as Error).message} (${USAGE})`);
    process.exit(2);
  }
  if (!existsSync(join(options.dir, 'rss-parser')) && !existsSync(join(options.dir, 'feedparser-py'))) {
    console.error(`eval:feeds: no feeds at ${options.dir} (see ../shared/eval/README.md)`);
    process.exit(2);
  }
  const report = evaluateFeeds(options.dir);
  if (options.json) process.stdout.write(`${JSON.stringify(reportJson(report))}\n`);
  else console.log(reportText(report));
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
