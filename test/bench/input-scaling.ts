/**
 * Is analysis linear in input size on every path? Time per MB of the same ordinary paragraphs as
 * plain text, Markdown, HTML and an RSS feed, from 1,000 to 10,000 paragraphs (feeds: 100 to 1,000
 * items, the most one upload may hold), through the ingest's own pure path (readUpload), with the
 * analysis word budget lifted so that every word is analysed (the budget would make the larger
 * inputs cheaper per MB and hide a rise); and the largest accepted input (5 MB) of each format,
 * as ingest reads it (within MAX_ANALYSED_WORDS) and read whole, against the function's time budget.
 * `npx tsx test/bench/input-scaling.ts [--json]`; `npm run bench` prints the same lines.
 */
import {
  DEFAULT_MAX_ARTICLE_BYTES,
  MAX_ANALYSED_WORDS,
  MAX_ENTRIES_PER_UPLOAD,
} from '../../functions/contracts/limits';
import { readUpload } from '../../functions/domain/analyse-upload';

const PARAGRAPHS = [
  'The council approved a new budget for road repairs at its meeting in Leeds on Monday, after a debate that lasted most of the afternoon.',
  'Heavy rain flooded several streets near the river before engineers cleared the drains, the city said in a statement.',
  'A local school won a national science prize for its work on recycling plastic waste, beating forty other entrants.',
  'Bus fares will rise by ten pence from January, the transport operator confirmed, citing higher fuel and staff costs.',
];
const paragraph = (i: number) => `${PARAGRAPHS[i % PARAGRAPHS.length]} Item ${i}.`;

export type Format = 'plain-text' | 'markdown' | 'html' | 'rss';

const documentOf = (format: Format, n: number): { key: string; text: string } => {
  const body = Array.from({ length: n }, (_, i) => paragraph(i));
  switch (format) {
    case 'plain-text':
      return { key: 'a.txt', text: ` date 2025-11-02 ${body.join('\n\n')}` };
    case 'markdown':
      return {
        key: 'a.md',
        text: `---\ntitle: Council notes\ndate: 2025-11-02\n---\n\n${body.join('\n\n')}`,
      };
    case 'html':
      return {
        key: 'a.html',
        text: `<!doctype html><html><head><title>Council notes</title></head><body><nav><a href="/">Home</a></nav><article><h1>Council notes</h1>${body.map((p) => `<p>${p}</p>`).join('\n')}</article><footer>© Example</footer></body></html>`,
      };
    case 'rss':
      return {
        key: 'a.xml',
        text: `<?xml version="1.0"?><rss version="2.0"><channel><title>Notes</title>${body
          .map(
            (p, i) =>
              `<item><guid>n-${i}</guid><title>Notice ${i}</title><description>${p}</description></item>`,
          )
          .join('\n')}</channel></rss>`,
      };
  }
};

const SIZES: Record<Format, number[]> = {
  'plain-text': [1000, 2000, 5000, 10000],
  markdown: [1000, 2000, 5000, 10000],
  html: [1000, 2000, 5000, 10000],
  rss: [100, 200, 500, MAX_ENTRIES_PER_UPLOAD],
};

/** Every word analysed: the analyser's own scaling, without the word budget. */
const WHOLE = Number.POSITIVE_INFINITY;

const timeOf = (doc: { key: string; text: string }, maxAnalysedWords = WHOLE) => {
  const bytes = new TextEncoder().encode(doc.text);
  const started = performance.now();
  const read = readUpload(
    { bytes, key: doc.key },
    { maxBytes: DEFAULT_MAX_ARTICLE_BYTES * 2, maxAnalysedWords },
  );
  const ms = performance.now() - started;
  if (!read.ok) throw new Error(`${doc.key}: ${read.reason} ${read.detail}`);
  return { mb: bytes.length / 1e6, ms };
};

/** The document of this format that is as close under the 5 MB cap as whole paragraphs allow. */
export const largestAccepted = (format: Format) => {
  if (format === 'rss') return documentOf(format, MAX_ENTRIES_PER_UPLOAD);
  const perParagraph = documentOf(format, 1000).text.length / 1000;
  let n = Math.floor(DEFAULT_MAX_ARTICLE_BYTES / perParagraph);
  while (new TextEncoder().encode(documentOf(format, n).text).length > DEFAULT_MAX_ARTICLE_BYTES) n -= 50;
  return documentOf(format, n);
};

export interface ScalingFigures {
  byFormat: Record<Format, { units: number; mb: number; ms: number; msPerMb: number }[]>;
  /** Largest over smallest time per MB, per format: 1 is perfectly linear. */
  spread: Record<Format, number>;
  /** The largest accepted input as ingest reads it (`ms`) and with every word analysed (`wholeMs`). */
  largest: Record<Format, { mb: number; ms: number; wholeMs: number }>;
}

/** A row's runs go on until they have taken this long (at least three, at most MAX_ROW_RUNS). */
const ROW_MS = 500;
const MAX_ROW_RUNS = 50;

export const measureInputScaling = (): ScalingFigures => {
  const byFormat = {} as ScalingFigures['byFormat'];
  const spread = {} as ScalingFigures['spread'];
  const largest = {} as ScalingFigures['largest'];
  for (const format of Object.keys(SIZES) as Format[]) {
    // Warm the JIT on this path with the largest and a mid-sized input (one mid-sized run left the
    // feed path still compiling in the first rows), then take the best of at least three runs, and
    // of as many as fit in ROW_MS for the small inputs, so that the small inputs do not carry the
    // compilation and a GC pause or another process on this shared machine does not decide a row.
    timeOf(documentOf(format, SIZES[format][SIZES[format].length - 1] ?? 1000));
    timeOf(documentOf(format, SIZES[format][1] ?? 200));
    byFormat[format] = SIZES[format].map((units) => {
      const doc = documentOf(format, units);
      const runs = [timeOf(doc)];
      let spent = runs[0]?.ms ?? 0;
      while (runs.length < 3 || (spent < ROW_MS && runs.length < MAX_ROW_RUNS)) {
        const run = timeOf(doc);
        runs.push(run);
        spent += run.ms;
      }
      const { mb, ms } = runs.reduce((best, run) => (run.ms < best.ms ? run : best));
      return { units, mb: Number(mb.toFixed(2)), ms: Math.round(ms), msPerMb: Math.round(ms / mb) };
    });
    const perMb = byFormat[format].map((row) => row.msPerMb);
    spread[format] = Number((Math.max(...perMb) / Math.min(...perMb)).toFixed(2));
  }
  // The 5 MB inputs after every format's rows: the garbage of a whole 5 MB analysis (hundreds of MB)
  // is still being collected when the next rows start, and would decide their small inputs' times.
  for (const format of Object.keys(SIZES) as Format[]) {
    const biggest = largestAccepted(format);
    // As ingest reads it: the better of two runs, as the rows are taken.
    const [first, second] = [timeOf(biggest, MAX_ANALYSED_WORDS), timeOf(biggest, MAX_ANALYSED_WORDS)];
    const { mb, ms } = first.ms <= second.ms ? first : second;
    const whole = timeOf(biggest);
    largest[format] = { mb: Number(mb.toFixed(2)), ms: Math.round(ms), wholeMs: Math.round(whole.ms) };
  }
  return { byFormat, spread, largest };
};

export const scalingLines = (figures: ScalingFigures): string[] => [
  `input scaling (readUpload, one core; ms per MB from the smallest to the largest input, every word analysed; the largest accepted input within the ${MAX_ANALYSED_WORDS.toLocaleString('en')}-word analysis budget, and whole):`,
  ...(Object.keys(figures.byFormat) as Format[]).map(
    (format) =>
      `  ${format.padEnd(10)} ${figures.byFormat[format].map((r) => `${r.units}: ${r.msPerMb}`).join('  ')}   spread ${figures.spread[format]}x   largest accepted ${figures.largest[format].mb} MB in ${figures.largest[format].ms} ms (whole: ${figures.largest[format].wholeMs} ms)`,
  ),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = measureInputScaling();
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else for (const line of scalingLines(figures)) console.log(line);
}
