/**
 * Performance and size figures, measured (never asserted in tests):
 *
 *     npm run bench            # human-readable
 *     npm run bench -- --json  # one JSON document
 *
 * - bundles: each function bundled with esbuild exactly as the CDK bundles it (ESM, minified,
 *   same target and banner); bytes, and module initialisation (median of cold `node` processes
 *   importing the bundle, minus a bare `node` start): the cold-start proxy.
 * - analysis: the whole article analysis (parse, split, roles, summary, entities) on one core,
 *   over the BBC evaluation articles when ../shared is present, else over seeds/articles; beside
 *   wink-nlp's tokeniser alone on the same text, the practical ceiling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { ESBUILD_TARGET, ESM_REQUIRE_BANNER } from '../../infra/constructs/newswatch-function';
import { FUNCTION_ENTRIES, PROJECT_ROOT } from '../../infra/constructs/paths';
import { analyseArticle } from '../../functions/domain/analyse-article';
import { tokenise } from '../../functions/domain/tokenise';

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

const nodeStartMs = (script: string) => {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...FUNCTION_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`node failed: ${result.stderr.toString()}`);
  return performance.now() - start;
};

const measureBundles = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newswatch-bench-'));
  try {
    const bare = median(Array.from({ length: COLD_STARTS }, () => nodeStartMs('')));
    const bundles: Record<string, { bytes: number; initMs: number }> = {};
    for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
      const outfile = path.join(dir, name, 'index.mjs');
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: ESBUILD_TARGET,
        banner: { js: ESM_REQUIRE_BANNER },
        minify: true,
        absWorkingDir: PROJECT_ROOT,
        logLevel: 'error',
      });
      const script = `await import(${JSON.stringify(outfile)});`;
      const starts = Array.from({ length: COLD_STARTS }, () => nodeStartMs(script));
      bundles[name] = { bytes: statSync(outfile).size, initMs: Math.max(0, median(starts) - bare) };
    }
    return bundles;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const BBC = path.resolve(PROJECT_ROOT, '../shared/eval/bbc-news-summary/article');

/** Articles in the upload format: BBC files have the headline on line 1 and a sentence a line. */
const loadCorpus = (): { name: string; texts: string[] } => {
  try {
    const texts = readdirSync(BBC).flatMap((category) =>
      readdirSync(path.join(BBC, category)).map((file) => {
        const lines = readFileSync(path.join(BBC, category, file), 'utf8')
          .split('\n')
          .slice(1);
        return lines
          .join('\n')
          .split(/\n\s*\n/)
          .map((p) => p.split('\n').join(' ').trim())
          .filter(Boolean)
          .join('\n\n');
      }),
    );
    return { name: 'BBC News Summary (../shared/eval)', texts };
  } catch {
    const dir = path.join(PROJECT_ROOT, 'seeds/articles');
    return {
      name: 'seeds/articles',
      texts: readdirSync(dir).map((file) => readFileSync(path.join(dir, file), 'utf8')),
    };
  }
};

const measureAnalysis = () => {
  const corpus = loadCorpus();
  const bytes = corpus.texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  for (const text of corpus.texts) analyseArticle(text); // warm the JIT
  const rounds = Math.max(1, Math.ceil(2000 / corpus.texts.length));
  const perArticle: number[] = [];
  const start = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const text of corpus.texts) {
      const t0 = performance.now();
      analyseArticle(text);
      perArticle.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const ceilingStart = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const text of corpus.texts) for (const paragraph of text.split('\n\n')) tokenise(paragraph);
  }
  const ceilingSeconds = (performance.now() - ceilingStart) / 1000;
  const mb = (bytes * rounds) / 1e6;
  return {
    corpus: corpus.name,
    articles: corpus.texts.length,
    articlesPerSecond: Math.round(perArticle.length / seconds),
    mbPerSecond: Number((mb / seconds).toFixed(2)),
    p50Ms: Number(percentile(perArticle, 50).toFixed(3)),
    p95Ms: Number(percentile(perArticle, 95).toFixed(3)),
    ceilingArticlesPerSecond: Math.round(perArticle.length / ceilingSeconds),
    ceilingMbPerSecond: Number((mb / ceilingSeconds).toFixed(2)),
  };
};

const main = async () => {
  const analysis = measureAnalysis();
  say(`analysis on ${analysis.corpus} (${analysis.articles} articles, one core):`);
  say(
    `  analyseArticle         ${analysis.articlesPerSecond} articles/s, ${analysis.mbPerSecond} MB/s, p50 ${analysis.p50Ms} ms, p95 ${analysis.p95Ms} ms`,
  );
  say(
    `  wink tokeniser alone   ${analysis.ceilingArticlesPerSecond} articles/s, ${analysis.ceilingMbPerSecond} MB/s (ceiling)`,
  );
  const bundles = await measureBundles();
  say(
    `bundles (esbuild as the CDK bundles them; init = median of ${COLD_STARTS} cold node starts minus bare node):`,
  );
  for (const [name, { bytes, initMs }] of Object.entries(bundles)) {
    say(`  ${name.padEnd(8)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB   init ${initMs.toFixed(0)} ms`);
  }
  if (json) console.log(JSON.stringify({ analysis, bundles }));
};

await main();
