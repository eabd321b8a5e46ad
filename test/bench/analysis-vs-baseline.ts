/**
 * Analysis throughput of this checkout beside another (an older commit checked out with its own
 * node_modules), on the same corpus in the same process, rounds alternating so that machine load
 * falls on both alike:
 *
 *     npx tsx test/bench/analysis-vs-baseline.ts --baseline ../baseline [--rounds 6]
 *         [--with-topics] [--corpus bbc|news-events] [--topics-file f]
 *
 * - default: `analyseArticle(text)` alone.
 * - `--with-topics`: the ingest path instead: `analyseArticle(text)`, then
 *   `articleTopicMatches(article, compiled)` with `compileTopics(parseTopics(seeds/topics.json))`;
 *   each checkout with its own modules and its own seeds/topics.json (compiled once, outside the
 *   clock, as the ingest function compiles them at cold start).
 * - `--corpus bbc` (default): the BBC evaluation set in ../shared/eval (else seeds/articles), as
 *   `npm run bench`. `--corpus news-events`: the articles of
 *   ../shared/eval/news-events/other-pairs.dev.jsonl (headline, blank line, text), about leader
 *   meetings, so that the matcher does reach its parsing.
 *
 * Prints articles per CPU second of each and the ratio current/baseline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../infra/paths';
import { DEFAULT_CORPUS_DIR, loadCorpus as loadEvalCorpus } from '../eval/corpora/bbc-corpus';

type Work = (text: string) => unknown;
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const baselineDir = path.resolve(arg('baseline') ?? '../baseline');
const rounds = Number(arg('rounds') ?? 6);
const withTopics = process.argv.includes('--with-topics');
/** `--topics-file f`: these topics for both checkouts (in a format both read) instead of their seeds. */
const topicsFile = arg('topics-file') === undefined ? undefined : path.resolve(arg('topics-file') as string);
const corpusName = arg('corpus') ?? 'bbc';

const NEWS_EVENTS_FILE = path.resolve(REPO_ROOT, '../shared/eval/news-events/other-pairs.dev.jsonl');

const loadTexts = (): { label: string; texts: string[] } => {
  if (corpusName === 'bbc') {
    return {
      label: 'BBC articles',
      texts: loadEvalCorpus(DEFAULT_CORPUS_DIR).map((article) => article.text),
    };
  }
  if (corpusName === 'news-events') {
    const texts = readFileSync(NEWS_EVENTS_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const record = JSON.parse(line) as { headline?: string; text?: string };
        return `${record.headline ?? ''}\n\n${record.text ?? ''}`;
      });
    return { label: `news-events articles (${path.basename(NEWS_EVENTS_FILE)})`, texts };
  }
  console.error(`analysis-vs-baseline: --corpus wants bbc or news-events, got "${corpusName}"`);
  process.exit(2);
};

const importFrom = async <T>(root: string, file: string) =>
  (await import(pathToFileURL(path.join(root, file)).href)) as T;

const load = async (root: string): Promise<Work> => {
  const { analyseArticle } = await importFrom<{ analyseArticle: (text: string) => unknown }>(
    root,
    'functions/domain/analyse-article.ts',
  );
  if (!withTopics) return analyseArticle;
  const { articleTopicMatches } = await importFrom<{
    articleTopicMatches: (article: unknown, topics: unknown) => unknown;
  }>(root, 'functions/domain/article-matches.ts');
  const { compileTopics } = await importFrom<{ compileTopics: (topics: unknown) => unknown }>(
    root,
    'functions/domain/topics/match-topics.ts',
  );
  const { parseTopics } = await importFrom<{ parseTopics: (input: unknown) => unknown }>(
    root,
    'functions/domain/topics/topic-schema.ts',
  );
  const compiled = compileTopics(
    parseTopics(
      JSON.parse(readFileSync(topicsFile ?? path.join(root, 'seeds/topics.json'), 'utf8')) as unknown,
    ),
  );
  return (text) => articleTopicMatches(analyseArticle(text), compiled);
};

const { label, texts } = loadTexts();
const implementations = { current: await load(REPO_ROOT), baseline: await load(baselineDir) };
type Name = keyof typeof implementations;
const cpuMs: Record<Name, number> = { current: 0, baseline: 0 };
const matches: Record<Name, number> = { current: 0, baseline: 0 };
for (const [name, work] of Object.entries(implementations) as [Name, Work][]) {
  for (const text of texts) {
    const result = work(text); // JIT
    if (Array.isArray(result)) matches[name] += result.length;
  }
}
for (let round = 0; round < rounds; round += 1) {
  for (const name of (round % 2 === 0 ? ['current', 'baseline'] : ['baseline', 'current']) as Name[]) {
    const start = process.cpuUsage();
    for (const text of texts) implementations[name](text);
    const used = process.cpuUsage(start);
    cpuMs[name] += (used.user + used.system) / 1000;
  }
}
const perCpuSecond = (name: Name) => Math.round((texts.length * rounds) / (cpuMs[name] / 1000));
const what = withTopics ? 'analysis + topic matching (ingest path)' : 'analysis';
console.log(
  `${what} on ${texts.length} ${label} x ${rounds} rounds: current ${perCpuSecond('current')} articles per CPU second, baseline (${baselineDir}) ${perCpuSecond('baseline')}: ${((100 * perCpuSecond('current')) / perCpuSecond('baseline')).toFixed(1)}%`,
);
console.log(
  `  ms per article: current ${(cpuMs.current / (texts.length * rounds)).toFixed(3)}, baseline ${(cpuMs.baseline / (texts.length * rounds)).toFixed(3)}; ratio current/baseline throughput ${(perCpuSecond('current') / perCpuSecond('baseline')).toFixed(3)}`,
);
if (withTopics) {
  console.log(
    `  topic matches over the corpus (one pass): current ${matches.current}, baseline ${matches.baseline}`,
  );
}
