/**
 * Parsing and analysis throughput per document format on one core, by hand (not a test):
 *
 *     npx tsx test/bench/format-throughput.ts
 *
 * The HTML figure is for a typical 30 KB news page (format-fixtures.ts: head metadata, scripts,
 * navigation, a 900-word article with figure and quote, ads, related links, comments, footer);
 * the other formats carry the same article text, so the differences are the formats' own cost.
 */
import { performance } from 'node:perf_hooks';
import { analyseDocument } from '../../functions/domain/analyse-article';
import { parseDocument } from '../../functions/domain/documents/parse-document';
import {
  markdownDocument,
  rssFeed,
  typicalNewsPage,
} from '../unit/functions/domain/documents/format-fixtures';

const WARM_UP = 30;
const MIN_MS = 2_000;

/** Documents per second of CPU time, after a warm-up. */
const rate = (work: () => void): number => {
  for (let i = 0; i < WARM_UP; i += 1) work();
  let runs = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  while (performance.now() - wallStart < MIN_MS) {
    work();
    runs += 1;
  }
  const cpu = process.cpuUsage(cpuStart);
  return (runs * 1e6) / (cpu.user + cpu.system);
};

const page = typicalNewsPage(30);
const [parsedPage] = parseDocument(page);
if (!parsedPage) throw new Error('the bench page did not parse');
const paragraphs = parsedPage.blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text);
const documents: Record<string, string> = {
  'plain-text': ` date 2025-10-18 ${paragraphs.join('\n\n')}`,
  html: page,
  markdown: markdownDocument(paragraphs.join('\n\n'), 'title: Council approves budget\ndate: 2025-10-18'),
  json: JSON.stringify({ title: 'Council approves budget', date: '2025-10-18', body: paragraphs }),
  rss: rssFeed([
    {
      title: 'Council approves budget',
      guid: 'g1',
      contentEncoded: paragraphs.map((p) => `<p>${p}</p>`).join(''),
    },
  ]),
};

console.log(`HTML page: ${(page.length / 1024).toFixed(1)} KB, ${paragraphs.length} paragraphs`);
console.log('format       parse/s   parse+analyse/s');
for (const [format, text] of Object.entries(documents)) {
  const parse = rate(() => parseDocument(text));
  const analyse = rate(() => analyseDocument(text));
  console.log(`${format.padEnd(12)} ${parse.toFixed(0).padStart(7)}   ${analyse.toFixed(0).padStart(15)}`);
}
