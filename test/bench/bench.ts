/**
 * Performance and size figures, measured (never asserted in tests):
 *
 *     npm run bench            # human-readable
 *     npm run bench -- --json  # one JSON document
 *
 * - bundles: each function bundled with esbuild as the CDK bundles it (ESM, minified, same target,
 *   main fields, banner and linked source map); bytes, and module initialisation: the median of
 *   cold `node` processes importing the bundle minus the median of bare `node` starts, taken in
 *   turns so that a busy machine slows all alike. `initMs` is the figure the targets use;
 *   `initWithSourceMapsMs` adds the `--enable-source-maps` the functions run with (Node then
 *   reads the bundle's source map at load).
 * - analysis: the whole article analysis (parse, split, roles, summary, entities) on one core,
 *   over the BBC evaluation articles when ../shared is present, else over seeds/articles (see
 *   test/eval/bbc-corpus.ts: headline dropped, lines joined back into paragraphs); beside
 *   wink-nlp's tokeniser alone on the same text, the practical ceiling, and a peer: the `textrank`
 *   package (TextRank sentence extraction, its own regex splitter) summarising the same articles
 *   to three sentences. Rates are per second of wall-clock time; `cpuArticlesPerSecond` is per
 *   second of this process's CPU time, steadier on a shared machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { ESBUILD_TARGET, ESM_REQUIRE_BANNER } from '../../infra/constructs/newswatch-function';
import { FUNCTION_ENTRIES, PROJECT_ROOT } from '../../infra/constructs/paths';
import { analyseArticle } from '../../functions/domain/analyse-article';
import { tokenise } from '../../functions/domain/tokenise';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus as loadEvalCorpus } from '../eval/bbc-corpus';

interface TextRankSettings {
  extractAmount?: number;
  summaryType?: 'array';
}
type TextRankConstructor = new (
  article: string,
  settings?: TextRankSettings,
) => { summarizedArticle: unknown };
// CommonJS without types; its package.json names a missing main file, so the file is named here
// (requiring the bare name works too, with a deprecation warning on stderr).
const { TextRank } = createRequire(import.meta.url)('textrank/index.js') as { TextRank: TextRankConstructor };

const json = process.argv.includes('--json');
const say = (line: string) => {
  if (!json) console.log(line);
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const COLD_STARTS = 20;
const FUNCTION_ENV = {
  TABLE_NAME: 'bench',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench',
  AWS_REGION: 'us-east-1',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const nodeStartMs = (script: string, nodeOptions = '') => {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...FUNCTION_ENV, NODE_OPTIONS: nodeOptions },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`node failed: ${result.stderr.toString()}`);
  return performance.now() - start;
};

interface BundleFigures {
  bytes: number;
  initMs: number;
  initWithSourceMapsMs: number;
}

const measureBundles = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newswatch-bench-'));
  try {
    const outfiles: Record<string, string> = {};
    for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
      const outfile = path.join(dir, name, 'index.mjs');
      // The options of NewswatchFunction's `bundling` (aws-lambda-nodejs passes them to esbuild).
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: { js: ESM_REQUIRE_BANNER },
        minify: true,
        sourcemap: 'linked',
        sourcesContent: false,
        absWorkingDir: PROJECT_ROOT,
        logLevel: 'error',
      });
      outfiles[name] = outfile;
    }
    const bare: number[] = [];
    const starts: Record<string, { plain: number[]; sourceMaps: number[] }> = {};
    for (const name of Object.keys(outfiles)) starts[name] = { plain: [], sourceMaps: [] };
    for (let round = 0; round < COLD_STARTS; round += 1) {
      bare.push(nodeStartMs(''));
      for (const [name, outfile] of Object.entries(outfiles)) {
        const script = `await import(${JSON.stringify(outfile)});`;
        starts[name]?.plain.push(nodeStartMs(script));
        starts[name]?.sourceMaps.push(nodeStartMs(script, '--enable-source-maps'));
      }
    }
    const bareMs = median(bare);
    const bundles: Record<string, BundleFigures> = {};
    for (const [name, outfile] of Object.entries(outfiles)) {
      bundles[name] = {
        bytes: statSync(outfile).size,
        initMs: Math.max(0, Math.round(median(starts[name]?.plain ?? []) - bareMs)),
        initWithSourceMapsMs: Math.max(0, Math.round(median(starts[name]?.sourceMaps ?? []) - bareMs)),
      };
    }
    return bundles;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Articles in the upload format: the BBC evaluation set when present, else the seed articles. */
const loadCorpus = (): { name: string; texts: string[] } => {
  try {
    return {
      name: 'BBC News Summary (../shared/eval)',
      texts: loadEvalCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text),
    };
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    const dir = path.join(PROJECT_ROOT, 'seeds/articles');
    return {
      name: 'seeds/articles',
      texts: readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')),
    };
  }
};

/** Wall-clock and CPU milliseconds of `work`. */
const timed = (work: () => void) => {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
};

const ANALYSES = 2000;
// TextRank compares every pair of sentences and runs at about a tenth of our rate: fewer rounds.
const PEER_ANALYSES = 500;

const measureAnalysis = () => {
  const corpus = loadCorpus();
  const n = corpus.texts.length;
  const bytes = corpus.texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const firstPass = timed(() => {
    for (const text of corpus.texts) analyseArticle(text); // also warms the JIT
  });
  const rounds = Math.max(1, Math.ceil(ANALYSES / n));
  const perArticle: number[] = [];
  const run = timed(() => {
    for (let round = 0; round < rounds; round += 1) {
      for (const text of corpus.texts) {
        const t0 = performance.now();
        analyseArticle(text);
        perArticle.push(performance.now() - t0);
      }
    }
  });
  const ceiling = timed(() => {
    for (let round = 0; round < rounds; round += 1) {
      for (const text of corpus.texts) for (const paragraph of text.split('\n\n')) tokenise(paragraph);
    }
  });

  // The peer reads one running string (its splitter wants a space after a full stop, not a newline).
  const peerTexts = corpus.texts.map((text) => text.replace(/\s+/g, ' ').trim());
  const summariseWithPeer = (text: string) => new TextRank(text, { extractAmount: 3, summaryType: 'array' });
  for (const text of peerTexts) summariseWithPeer(text);
  const peerRounds = Math.max(1, Math.ceil(PEER_ANALYSES / n));
  const peer = timed(() => {
    for (let round = 0; round < peerRounds; round += 1) for (const text of peerTexts) summariseWithPeer(text);
  });

  const mb = (bytes * rounds) / 1e6;
  const analyses = rounds * n;
  return {
    corpus: corpus.name,
    articles: n,
    articlesPerSecond: Math.round(analyses / (run.wallMs / 1000)),
    cpuArticlesPerSecond: Math.round(analyses / (run.cpuMs / 1000)),
    mbPerSecond: Number((mb / (run.wallMs / 1000)).toFixed(2)),
    p50Ms: Number(percentile(perArticle, 50).toFixed(3)),
    p95Ms: Number(percentile(perArticle, 95).toFixed(3)),
    firstPassMs: Math.round(firstPass.wallMs),
    ceilingArticlesPerSecond: Math.round(analyses / (ceiling.wallMs / 1000)),
    ceilingMbPerSecond: Number((mb / (ceiling.wallMs / 1000)).toFixed(2)),
    peer: {
      name: 'textrank',
      articlesPerSecond: Math.round((peerRounds * n) / (peer.wallMs / 1000)),
      cpuArticlesPerSecond: Math.round((peerRounds * n) / (peer.cpuMs / 1000)),
    },
  };
};

const main = async () => {
  const analysis = measureAnalysis();
  say(`analysis on ${analysis.corpus} (${analysis.articles} articles, one core):`);
  say(
    `  analyseArticle         ${analysis.articlesPerSecond} articles/s, ${analysis.mbPerSecond} MB/s, p50 ${analysis.p50Ms} ms, p95 ${analysis.p95Ms} ms`,
  );
  say(
    `                         ${analysis.cpuArticlesPerSecond} articles per CPU second; first pass (cold JIT) ${analysis.firstPassMs} ms`,
  );
  say(
    `  wink tokeniser alone   ${analysis.ceilingArticlesPerSecond} articles/s, ${analysis.ceilingMbPerSecond} MB/s (ceiling)`,
  );
  say(
    `  peer: ${analysis.peer.name.padEnd(15)} ${analysis.peer.articlesPerSecond} articles/s (${analysis.peer.cpuArticlesPerSecond} per CPU second), 3-sentence summaries`,
  );
  const bundles = await measureBundles();
  say(
    `bundles (esbuild as the CDK bundles them; init = median of ${COLD_STARTS} cold node starts minus bare node):`,
  );
  for (const [name, { bytes, initMs, initWithSourceMapsMs }] of Object.entries(bundles)) {
    say(
      `  ${name.padEnd(8)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB   init ${initMs} ms   with --enable-source-maps ${initWithSourceMapsMs} ms`,
    );
  }
  if (json) console.log(JSON.stringify({ analysis, bundles }));
};

await main();
