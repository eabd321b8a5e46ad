/**
 * How HTML analysis scales with page size, by hand (not a test):
 *
 *     npx tsx test/bench/html-scaling.ts [--json] [--runs 2]
 *
 * Pages of 1k, 2k, 5k and 10k generated paragraphs of ordinary news prose (about 450 bytes a
 * paragraph, so 10k is about 4.5 MB) through analyseDocument, the ingest function's path: parse
 * (linkedom, junk removal, Readability, the block walk) and the language analysis. Prints the
 * parse and total CPU time per MB (the fastest of `--runs` runs) with every word analysed (the
 * analysis word budget lifted: it would make the larger pages cheaper per MB and hide a rise), and
 * the same for a 5 MB page, the largest upload ingest reads, analysed as ingest does (within
 * MAX_ANALYSED_WORDS) and whole; linear work keeps the times per MB flat as the page grows.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseDocument } from '../../functions/domain/analyse-article';
import { parseDocument } from '../../functions/domain/documents/parse-document';
import { MAX_ANALYSED_WORDS } from '../../functions/contracts/limits';

const SIZES = [1_000, 2_000, 5_000, 10_000];

const SENTENCES = [
  'The council approved a new budget for road repairs at its meeting in Leeds on Monday',
  'Heavy rain flooded several streets near the river before engineers cleared the drains',
  'A local school won a national science prize for its work on recycling plastic waste',
  'Bus fares will rise by ten pence from January, the transport operator confirmed',
  'Residents said the changes had been discussed for years without any firm decision',
  'Officials expect the work to finish before the end of the summer if the weather holds',
];

/** A news page whose article has `count` paragraphs of five sentences each. */
export const scalingPage = (count: number): string => {
  const paragraphs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const pick = (k: number) => SENTENCES[(i + k) % SENTENCES.length] ?? '';
    paragraphs.push(
      `<p>${pick(0)} (item ${i}). ${pick(1)}, <a href="/n/${i}">a spokesman</a> said. ${pick(3)}. ${pick(4)}, according to the minutes. ${pick(5)}.</p>`,
    );
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council budget | The Daily Example</title>
<meta property="article:published_time" content="2025-10-18T09:30:00Z"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Council budget</h1><p class="byline">By Jane Smith</p>
${paragraphs.join('\n')}
</article></main><footer><p>Copyright 2025 The Daily Example</p></footer></body></html>`;
};

const MB = 1024 * 1024;
const FIVE_MB = 5 * MB;

/** CPU milliseconds (user + system) of the fastest of `runs` runs: the machine may be shared. */
const timed = (work: () => unknown, runs: number): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const start = process.cpuUsage();
    work();
    const { user, system } = process.cpuUsage(start);
    best = Math.min(best, (user + system) / 1000);
  }
  return best;
};

interface Row {
  paragraphs: number;
  mb: number;
  parseMs: number;
  analyseMs: number;
  parseMsPerMb: number;
  analyseMsPerMb: number;
}

/** Every word analysed: the analyser's own scaling, without the word budget. */
const WHOLE = Number.POSITIVE_INFINITY;

const measure = (paragraphs: number, runs: number, maxAnalysedWords = WHOLE): Row => {
  const page = scalingPage(paragraphs);
  const mb = Buffer.byteLength(page) / MB;
  const parseMs = timed(() => parseDocument(page), runs);
  const analyseMs = timed(() => analyseDocument(page, { maxAnalysedWords }), runs);
  return { paragraphs, mb, parseMs, analyseMs, parseMsPerMb: parseMs / mb, analyseMsPerMb: analyseMs / mb };
};

const seconds = (ms: number, width: number) => (ms / 1000).toFixed(2).padStart(width);
const line = (label: string, r: Row) =>
  `${label.padStart(10)} ${r.mb.toFixed(2).padStart(7)} ${seconds(r.parseMs, 9)} ${seconds(r.parseMsPerMb, 12)} ${seconds(r.analyseMs, 11)} ${seconds(r.analyseMsPerMb, 14)}`;

const main = () => {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, runs: { type: 'string' } } });
  const runs = Math.max(1, Number(values.runs ?? 2));
  // Warm up the code paths (JIT, wink-nlp's model) on a small page first.
  for (let i = 0; i < 3; i += 1) analyseDocument(scalingPage(500));
  const rows = SIZES.map((paragraphs) => measure(paragraphs, runs));
  // The largest upload the ingest function reads (DEFAULT_MAX_ARTICLE_BYTES), all of it prose.
  const perParagraph = Buffer.byteLength(scalingPage(1_000)) / 1_000;
  const fiveMbParagraphs = Math.floor(FIVE_MB / perParagraph) - 10;
  const fiveMb = measure(fiveMbParagraphs, runs, MAX_ANALYSED_WORDS);
  const fiveMbWhole = measure(fiveMbParagraphs, runs);
  const perMb = rows.map((r) => r.analyseMsPerMb);
  const spread = Math.max(...perMb) / Math.min(...perMb);
  if (values.json) {
    console.log(JSON.stringify({ runs, rows, fiveMb, fiveMbWhole, analysePerMbSpread: spread }));
    return;
  }
  console.log(`CPU time, fastest of ${runs} run(s); analyse = parse + language analysis`);
  console.log('paragraphs      MB   parse s   parse s/MB   analyse s   analyse s/MB');
  for (const r of rows) console.log(line(String(r.paragraphs), r));
  console.log(line(`5 MB`, fiveMb));
  console.log(line(`5 MB whole`, fiveMbWhole));
  console.log(
    `5 MB: as ingest analyses it (the first ${MAX_ANALYSED_WORDS.toLocaleString('en')} words), then every word; rows above: every word`,
  );
  console.log(`analyse time per MB, largest / smallest (1k to 10k): ${spread.toFixed(2)}x`);
};

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) main();
