/**
 * Analysis throughput of this checkout beside another (an older commit checked out with its own
 * node_modules), on the same corpus in the same process, rounds alternating so that machine load
 * falls on both alike: `npx tsx test/bench/analysis-vs-baseline.ts --baseline ../baseline [--rounds 6]`.
 * The corpus is the BBC evaluation set in ../shared/eval (else seeds/articles), as `npm run bench`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../infra/paths';
import { DEFAULT_CORPUS_DIR, loadCorpus as loadEvalCorpus } from '../eval/corpora/bbc-corpus';

type Analyse = (text: string) => unknown;
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const baselineDir = path.resolve(arg('baseline') ?? '../baseline');
const rounds = Number(arg('rounds') ?? 6);

const load = async (root: string): Promise<Analyse> => {
  const module = (await import(
    pathToFileURL(path.join(root, 'functions/domain/analyse-article.ts')).href
  )) as {
    analyseArticle: Analyse;
  };
  return module.analyseArticle;
};

const texts = loadEvalCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text);
const implementations = { current: await load(REPO_ROOT), baseline: await load(baselineDir) };
const cpuMs: Record<keyof typeof implementations, number> = { current: 0, baseline: 0 };
for (const analyse of Object.values(implementations)) for (const text of texts) analyse(text); // JIT
for (let round = 0; round < rounds; round += 1) {
  for (const name of (round % 2 === 0
    ? ['current', 'baseline']
    : ['baseline', 'current']) as (keyof typeof implementations)[]) {
    const start = process.cpuUsage();
    for (const text of texts) implementations[name](text);
    const used = process.cpuUsage(start);
    cpuMs[name] += (used.user + used.system) / 1000;
  }
}
const perCpuSecond = (name: keyof typeof implementations) =>
  Math.round((texts.length * rounds) / (cpuMs[name] / 1000));
console.log(
  `analysis on ${texts.length} BBC articles x ${rounds} rounds: current ${perCpuSecond('current')} articles per CPU second, baseline (${baselineDir}) ${perCpuSecond('baseline')}: ${((100 * perCpuSecond('current')) / perCpuSecond('baseline')).toFixed(1)}%`,
);
