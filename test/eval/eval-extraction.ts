/**
 * HTML extraction quality on real pages, the product beside raw Readability on the same run:
 *
 *     npm run eval:extraction                   # ../shared/eval/html-extraction
 *     npm run eval:extraction -- <dir> [--json [--pages]] [--only <id>]
 *
 * `--pages` adds every page's extraction to the JSON; `--only` scores the pages whose id contains
 * the text given (to look at one page).
 *
 * `<dir>` holds either set or both:
 * - `article-extraction-benchmark/`: `html/<id>.html.gz` and `ground-truth.json` (`articleBody`);
 *   scored as that benchmark scores (its evaluate.py): 4-word shingles of `\w+` tokens, true and
 *   false positives and negatives per page, precision and recall averaged over pages, F1 of the
 *   two averages.
 * - `trafilatura/`: `html/*.gz` and `evaldata.json`: snippets that must (`with`) and must not
 *   (`without`) be in the main text, whitespace-normalised substring match; and gold `title`,
 *   `author`, `date`, compared normalised (case, whitespace and punctuation; "and" between
 *   authors as a comma; dates as YYYY-MM-DD) over the pages whose gold value is not empty; a
 *   value given where the gold one is empty is counted apart.
 *
 * The product is the ingest function's own path for an upload (readUpload: decoding, format
 * detection, parseDocument and analyseDocument); its text is the article's main text as
 * `newswatch analyse --text` prints it (body and quotes: `mainText`). The peer is Mozilla's
 * Readability run directly on linkedom's DOM of the same decoded page: its `textContent`, `title`,
 * `byline` and `publishedTime`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../functions/contracts/limits';
import { readUpload } from '../../functions/domain/analyse-upload';
import { decodeArticleBytes } from '../../functions/domain/documents/bytes/decode-bytes';
import { isoDateFrom } from '../../functions/domain/documents/document-dates';
import { mainText } from '../../infra/cli/commands/analyse';
import { REPO_ROOT } from '../../infra/paths';
import { f1Of } from './scoring/metrics';

export const DEFAULT_DIR = path.resolve(REPO_ROOT, '../shared/eval/html-extraction');
export const BENCHMARK = 'article-extraction-benchmark';
export const TRAFILATURA = 'trafilatura';

/** What an extractor makes of a page. */
export interface Extraction {
  text: string;
  title: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
  author: string | null;
}

export type Extractor = (bytes: Uint8Array, file: string) => Extraction;

const NOTHING: Extraction = { text: '', title: null, date: null, author: null };

/** The product: the upload through the ingest function's analysis; rejected pages give nothing. */
export const productExtractor: Extractor = (bytes, file) => {
  const read = readUpload({ bytes, key: file }, { maxBytes: DEFAULT_MAX_ARTICLE_BYTES });
  const article = read.ok ? read.articles[0] : undefined;
  if (!article) return NOTHING;
  return {
    text: mainText(article),
    title: article.titleGenerated ? null : article.title,
    date: article.publishedAt,
    author: article.author ?? null,
  };
};

const textOf = (bytes: Uint8Array) => {
  const decoded = decodeArticleBytes(bytes);
  return decoded.ok ? decoded.text : new TextDecoder().decode(bytes);
};

interface ReadabilityArticle {
  textContent?: string | null;
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

/** The peer: Readability.js on linkedom, as a user of the two libraries would run them. */
export const readabilityExtractor: Extractor = (bytes) => {
  const { document } = parseHTML(textOf(bytes));
  let article: ReadabilityArticle | null;
  try {
    article = new Readability(document as never).parse() as ReadabilityArticle | null;
  } catch {
    article = null;
  }
  if (!article) return NOTHING;
  return {
    text: article.textContent ?? '',
    title: article.title?.trim() || null,
    date: isoDateFrom(article.publishedTime ?? undefined),
    author: article.byline?.trim() || null,
  };
};

// ---- the article-extraction-benchmark's scoring --------------------------------------------

/** Python's `\w+` with re.UNICODE: letters, digits and the underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

/** The text's 4-token shingles with their counts (a shorter text is one shingle of all its tokens). */
export const shingles = (text: string, n = SHINGLE): Map<string, number> => {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i += 1) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** True and false positives and negatives over shingles, as evaluate.py counts them. */
export const shingleCounts = (truth: string, predicted: string): Counts => {
  const want = shingles(truth);
  const got = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    tp += Math.min(w, g);
    fp += Math.max(0, g - w);
    fn += Math.max(0, w - g);
  }
  return { tp, fp, fn };
};

const precisionOf = ({ tp, fp, fn }: Counts) =>
  fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
const recallOf = ({ tp, fp, fn }: Counts) =>
  fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

export interface BodyScores {
  precision: number;
  recall: number;
  /** F1 of the mean precision and mean recall, as the benchmark reports it. */
  f1: number;
}

/** The benchmark's metrics: precision over pages that predicted something, recall over pages with truth. */
export const bodyScores = (pages: readonly Counts[]): BodyScores => {
  const precision = mean(pages.filter((c) => c.tp + c.fp > 0).map(precisionOf));
  const recall = mean(pages.filter((c) => c.tp + c.fn > 0).map(recallOf));
  return { precision, recall, f1: f1Of(precision, recall) };
};

// ---- trafilatura's snippets and metadata ----------------------------------------------------

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Comparable metadata: lower case, punctuation and runs of spaces as one space. */
export const normalised = (text: string): string =>
  collapse(
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' '),
  );

/** Authors compared as a list: "A and B", "A, B", "A; B" and ["A", "B"] are the same. */
export const normalisedAuthors = (value: string | readonly string[]): string =>
  normalised(Array.isArray(value) ? value.join(', ') : (value as string))
    .split(' ')
    .filter((word) => word !== 'and')
    .join(' ');

export interface MetadataScore {
  /** Pages whose gold value is not empty. */
  scored: number;
  matched: number;
  rate: number;
  /** Pages annotated with an empty value (there is none) for which the extractor gave one. */
  spurious: number;
}

export interface SnippetScores {
  /** `with` snippets found in the text. */
  found: number;
  expected: number;
  foundRate: number;
  /** `without` snippets absent from the text. */
  absent: number;
  unwanted: number;
  absentRate: number;
}

export interface SystemReport {
  body?: BodyScores & { pages: number };
  snippets?: SnippetScores;
  title?: MetadataScore;
  date?: MetadataScore;
  author?: MetadataScore;
}

export interface PageResult {
  set: string;
  id: string;
  product: Extraction;
  peer: Extraction;
  counts?: { product: Counts; peer: Counts };
}

export interface ExtractionReport {
  dir: string;
  product: SystemReport;
  peer: SystemReport;
  pages: PageResult[];
}

interface TrafilaturaEntry {
  file: string;
  html_gz: string;
  with?: string[];
  without?: string[];
  title?: string | null;
  author?: string | string[] | null;
  date?: string | null;
}

export class ExtractionDataError extends Error {}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const metadataScore = (
  entries: readonly { gold: string | readonly string[] | null | undefined; got: string | null }[],
  same: (gold: string | readonly string[], got: string) => boolean,
): MetadataScore => {
  let scored = 0;
  let matched = 0;
  let spurious = 0;
  for (const { gold, got } of entries) {
    // A page without the field was not annotated for it; an empty value says there is none.
    if (gold === undefined) continue;
    const empty = gold === null || (typeof gold === 'string' ? gold.trim() === '' : gold.length === 0);
    if (empty) {
      if (got) spurious += 1;
      continue;
    }
    scored += 1;
    if (got && same(gold, got)) matched += 1;
  }
  return { scored, matched, rate: scored === 0 ? 0 : matched / scored, spurious };
};

const sameTitle = (gold: string | readonly string[], got: string) =>
  normalised(typeof gold === 'string' ? gold : gold.join(' ')) === normalised(got);
const sameAuthor = (gold: string | readonly string[], got: string) =>
  normalisedAuthors(gold) === normalisedAuthors(got);
const sameDate = (gold: string | readonly string[], got: string) =>
  typeof gold === 'string' && isoDateFrom(gold) === isoDateFrom(got);

const snippetScores = (entries: readonly { entry: TrafilaturaEntry; text: string }[]): SnippetScores => {
  let found = 0;
  let expected = 0;
  let absent = 0;
  let unwanted = 0;
  for (const { entry, text } of entries) {
    const haystack = collapse(text);
    for (const snippet of entry.with ?? []) {
      expected += 1;
      if (haystack.includes(collapse(snippet))) found += 1;
    }
    for (const snippet of entry.without ?? []) {
      unwanted += 1;
      if (!haystack.includes(collapse(snippet))) absent += 1;
    }
  }
  return {
    found,
    expected,
    foundRate: expected === 0 ? 0 : found / expected,
    absent,
    unwanted,
    absentRate: unwanted === 0 ? 0 : absent / unwanted,
  };
};

export interface EvaluateOptions {
  product?: Extractor;
  peer?: Extractor;
  /** Only pages whose id contains this (for a look at one page). */
  only?: string;
}

/**
 * Scores the product and the peer on every page of the sets found in `dir`.
 * @throws ExtractionDataError when `dir` holds neither set.
 */
export const evaluateExtraction = (dir: string, options: EvaluateOptions = {}): ExtractionReport => {
  const product = options.product ?? productExtractor;
  const peer = options.peer ?? readabilityExtractor;
  const benchmarkDir = path.join(dir, BENCHMARK);
  const trafilaturaDir = path.join(dir, TRAFILATURA);
  const hasBenchmark = existsSync(path.join(benchmarkDir, 'ground-truth.json'));
  const hasTrafilatura = existsSync(path.join(trafilaturaDir, 'evaldata.json'));
  if (!hasBenchmark && !hasTrafilatura) {
    throw new ExtractionDataError(
      `no ${BENCHMARK}/ground-truth.json or ${TRAFILATURA}/evaldata.json under ${dir}`,
    );
  }
  const pages: PageResult[] = [];
  const report: ExtractionReport = { dir, product: {}, peer: {}, pages };
  const wanted = (id: string) => options.only === undefined || id.includes(options.only);

  if (hasBenchmark) {
    const truth = readJson<Record<string, { articleBody?: string }>>(
      path.join(benchmarkDir, 'ground-truth.json'),
    );
    const available = new Set(readdirSync(path.join(benchmarkDir, 'html')));
    const counted: { product: Counts; peer: Counts }[] = [];
    for (const [id, { articleBody = '' }] of Object.entries(truth)) {
      const name = `${id}.html.gz`;
      if (!available.has(name) || !wanted(id)) continue;
      const bytes = gunzipSync(readFileSync(path.join(benchmarkDir, 'html', name)));
      const result: PageResult = {
        set: BENCHMARK,
        id,
        product: product(bytes, `${id}.html`),
        peer: peer(bytes, `${id}.html`),
      };
      result.counts = {
        product: shingleCounts(articleBody, result.product.text),
        peer: shingleCounts(articleBody, result.peer.text),
      };
      counted.push(result.counts);
      pages.push(result);
    }
    report.product.body = { ...bodyScores(counted.map((c) => c.product)), pages: counted.length };
    report.peer.body = { ...bodyScores(counted.map((c) => c.peer)), pages: counted.length };
  }

  if (hasTrafilatura) {
    const data = readJson<Record<string, TrafilaturaEntry>>(path.join(trafilaturaDir, 'evaldata.json'));
    const scored: { entry: TrafilaturaEntry; result: PageResult }[] = [];
    for (const [id, entry] of Object.entries(data)) {
      const file = path.join(trafilaturaDir, entry.html_gz);
      if (!existsSync(file) || !wanted(id)) continue;
      const bytes = gunzipSync(readFileSync(file));
      const html = entry.file.endsWith('.html') ? entry.file : `${entry.file}.html`;
      const result: PageResult = {
        set: TRAFILATURA,
        id,
        product: product(bytes, html),
        peer: peer(bytes, html),
      };
      scored.push({ entry, result });
      pages.push(result);
    }
    for (const side of ['product', 'peer'] as const) {
      const system = report[side];
      system.snippets = snippetScores(
        scored.map(({ entry, result }) => ({ entry, text: result[side].text })),
      );
      const pairs = (field: 'title' | 'author' | 'date') =>
        scored.map(({ entry, result }) => ({ gold: entry[field], got: result[side][field] }));
      system.title = metadataScore(pairs('title'), sameTitle);
      system.date = metadataScore(pairs('date'), sameDate);
      system.author = metadataScore(pairs('author'), sameAuthor);
    }
  }
  return report;
};

// ---- output ---------------------------------------------------------------------------------

const round = (value: number) => Number(value.toFixed(4));

/** The JSON document: rates as fractions to 4 places, no per-page detail. */
export const toJson = (report: ExtractionReport) => {
  const system = (s: SystemReport) => ({
    ...(s.body
      ? {
          body: {
            pages: s.body.pages,
            precision: round(s.body.precision),
            recall: round(s.body.recall),
            f1: round(s.body.f1),
          },
        }
      : {}),
    ...(s.snippets
      ? {
          snippets: {
            found: s.snippets.found,
            expected: s.snippets.expected,
            foundRate: round(s.snippets.foundRate),
            absent: s.snippets.absent,
            unwanted: s.snippets.unwanted,
            absentRate: round(s.snippets.absentRate),
          },
        }
      : {}),
    ...Object.fromEntries(
      (['title', 'date', 'author'] as const)
        .filter((field) => s[field] !== undefined)
        .map((field) => {
          const score = s[field] as MetadataScore;
          return [field, { ...score, rate: round(score.rate) }];
        }),
    ),
  });
  return { dir: report.dir, product: system(report.product), peer: system(report.peer) };
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

export const formatReport = (report: ExtractionReport): string[] => {
  const lines = [`HTML extraction on ${report.dir}: product (ingest's path) vs raw Readability on linkedom`];
  const { product, peer } = report;
  lines.push(`                                      product     peer`);
  if (product.body && peer.body) {
    lines.push(`${BENCHMARK} (${product.body.pages} pages), 4-word shingles:`);
    for (const key of ['precision', 'recall', 'f1'] as const) {
      lines.push(`  ${key.padEnd(34)}${pct(product.body[key])}  ${pct(peer.body[key])}`);
    }
  }
  if (product.snippets && peer.snippets) {
    const pages = report.pages.filter((p) => p.set === TRAFILATURA).length;
    lines.push(`${TRAFILATURA} (${pages} pages):`);
    lines.push(
      `  ${`snippets found (of ${product.snippets.expected})`.padEnd(34)}${pct(product.snippets.foundRate)}  ${pct(peer.snippets.foundRate)}`,
    );
    lines.push(
      `  ${`snippets absent (of ${product.snippets.unwanted})`.padEnd(34)}${pct(product.snippets.absentRate)}  ${pct(peer.snippets.absentRate)}`,
    );
    for (const field of ['title', 'date', 'author'] as const) {
      const p = product[field];
      const q = peer[field];
      if (!p || !q) continue;
      lines.push(
        `  ${`${field} matches (of ${p.scored})`.padEnd(34)}${pct(p.rate)}  ${pct(q.rate)}   (given where gold is empty: ${p.spurious} / ${q.spurious})`,
      );
    }
  }
  return lines;
};

const USAGE = 'usage: npm run eval:extraction -- [<dir>] [--json [--pages]] [--only <id>]';

/** The command line; returns the exit code (2 for a usage error or missing data). */
export const main = (argv: readonly string[]): number => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, only: { type: 'string' }, pages: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`eval:extraction: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.positionals.length > 1) {
    console.error(`eval:extraction: one data folder at most\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(parsed.positionals[0] ?? DEFAULT_DIR);
  let report: ExtractionReport;
  try {
    report = evaluateExtraction(dir, parsed.values.only === undefined ? {} : { only: parsed.values.only });
  } catch (error) {
    if (!(error instanceof ExtractionDataError)) throw error;
    console.error(`eval:extraction: ${error.message}`);
    return 2;
  }
  if (parsed.values.json) {
    console.log(
      JSON.stringify(parsed.values.pages ? { ...toJson(report), pages: report.pages } : toJson(report)),
    );
  } else {
    for (const line of formatReport(report)) console.log(line);
  }
  return 0;
};

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = main(process.argv.slice(2));
}
