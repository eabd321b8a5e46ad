/**
 * Throughput of analyseArticle on one core, by hand (not a test):
 *
 *     npx tsx test/unit/domain/bench/analyse-throughput.ts
 *
 * Reports the module's cold-start cost (loading the wink model) and articles per second over the
 * 100 BBC evaluation articles, after a warm-up pass so that the JIT has settled. Rates are given
 * per second of CPU time as well as of wall-clock time: on a shared machine the wall clock counts
 * other processes' turns too.
 */
import { performance } from 'node:perf_hooks';
import { loadBbcArticles } from './bbc-corpus';

const ROUNDS = 20;

const measure = (work: () => void) => {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
};

const rate = (articles: number, ms: number) => ((articles * 1000) / ms).toFixed(0);

const main = async () => {
  const articles = loadBbcArticles();
  const paragraphs = articles.map((a) => a.text.split('\n\n'));

  const init = measure(() => undefined);
  const initStart = performance.now();
  const { analyseArticle } = await import('../../../../functions/domain/analyse-article');
  const { tokenise } = await import('../../../../functions/domain/tokenise');
  const initMs = performance.now() - initStart + init.wallMs;

  const cold = measure(() => {
    for (const article of articles) analyseArticle(article.text);
  });
  const warm = measure(() => {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const article of articles) analyseArticle(article.text);
    }
  });
  // wink alone on the same paragraphs: the floor under everything else.
  const wink = measure(() => {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const article of paragraphs) for (const paragraph of article) tokenise(paragraph);
    }
  });

  const n = ROUNDS * articles.length;
  const words = articles.reduce((sum, a) => sum + a.text.split(/\s+/).length, 0) / articles.length;
  console.log(`module init (imports + wink model load): ${initMs.toFixed(0)} ms`);
  console.log(`first pass (cold JIT), ${articles.length} articles: ${cold.wallMs.toFixed(0)} ms`);
  console.log(`warm, ${n} analyses of ~${words.toFixed(0)}-word articles:`);
  console.log(
    `  analyseArticle:       ${rate(n, warm.cpuMs)} articles/s of CPU (${((warm.cpuMs / n) * 1000).toFixed(0)} µs each), ${rate(n, warm.wallMs)} articles/s wall`,
  );
  console.log(
    `  wink tokenise alone:  ${rate(n, wink.cpuMs)} articles/s of CPU, ${rate(n, wink.wallMs)} articles/s wall`,
  );
};

await main();
