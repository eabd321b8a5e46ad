/**
 * Load benchmark of the whole local pipeline (a script, not a test): N synthetic articles uploaded
 * to s3rver, ingested by the real handler, streamed and alerted on, against DynamoDB Local.
 *
 *     npx tsx test/bench/load-pipeline.ts                       # 5,000 articles
 *     npx tsx test/bench/load-pipeline.ts --sizes 100,1000,5000 # linearity: one stack, reset per size
 *     npx tsx test/bench/load-pipeline.ts --json                # one JSON document on stdout
 *     npx tsx test/bench/load-pipeline.ts --concurrency 1       # ingest invocations in flight
 *
 * Per size: articles, seconds (upload to the last alert), articles/s, peak RSS of this process (the
 * handlers run in it) and of DynamoDB Local (Java), and `lost`: uploads that ended as neither an
 * article nor a rejection (0 expected), with the rejections and failed invocations beside it.
 * Figures depend on the machine; on a shared 2-core one compare rates within one run.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LOCAL_DEFAULTS, startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { seededRandom } from '../../infra/local/invocation/lambda-invocation';
import { REPO_ROOT } from '../../infra/paths';
import { runLocalPipeline } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { PROSE, htmlPage, paragraphsHtml } from '../unit/functions/domain/documents/format-fixtures';
import { plainTextArticle } from '../support/article-factories';

interface SizeResult {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  peakRssMb: number;
  dynamoDbLocalPeakRssMb: number | null;
  stored: number;
  rejected: number;
  lost: number;
  failures: number;
  alerts: number;
}

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

const PLACES = ['Leeds', 'Lyon', 'Osaka', 'Nairobi', 'Lima', 'Gdansk', 'Perth', 'Quebec'];
const SUBJECTS = [
  'The council',
  'The regional government',
  'A local charity',
  'The transport authority',
  'The university',
];
const ACTIONS = [
  'approved a new budget for road repairs',
  'opened a library in the old town hall',
  'announced longer opening hours for public pools',
  'delayed the tram extension by a year',
  'published a report on air quality near schools',
];

/** Plain-text and HTML articles of a few paragraphs, varied by a seeded PRNG; one in 50 alerts. */
export function syntheticArticles(count: number, seed = 1): { key: string; body: string }[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2025, Math.floor(random() * 12), 1 + Math.floor(random() * 28)))
      .toISOString()
      .slice(0, 10);
    const paragraphs = Array.from(
      { length: 3 + Math.floor(random() * 5) },
      () => `${pick(SUBJECTS)} in ${pick(PLACES)} ${pick(ACTIONS)} on Monday. ${pick(PROSE)}`,
    );
    if (i % 50 === 0)
      paragraphs.unshift(
        'Donald Trump could meet North Korean leader Kim Jong Un next month, officials said.',
      );
    const key = `${LOCAL_DEFAULTS.articlesPrefix}load/${String(i).padStart(6, '0')}`;
    return i % 4 === 3
      ? {
          key: `${key}.html`,
          body: htmlPage({
            title: `Report ${i}`,
            meta: { 'article:published_time': date },
            article: paragraphsHtml(paragraphs),
          }),
        }
      : { key: `${key}.txt`, body: plainTextArticle({ date, paragraphs }) };
  });
}

/** Peak resident set of a process in MB, from /proc (Linux); null elsewhere. */
function peakRssOfPid(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function runSize(stack: LocalStack, count: number, concurrency: number): Promise<SizeResult> {
  const articles = syntheticArticles(count);
  const started = performance.now();
  const report = await runLocalPipeline({
    inputDir: REPO_ROOT,
    files: [],
    objects: articles,
    stack,
    ingestConcurrency: concurrency,
    uploadConcurrency: 16,
    logger: { info: () => undefined, warn: () => undefined },
    handlerOutput: () => undefined,
  });
  const seconds = (performance.now() - started) / 1000;
  const items = await scanTable(stack.clients.dynamodb, stack.tableName);
  const outcomes = new Set(
    items
      .filter((item) => item.type === 'Article' || item.type === 'Rejection')
      .map((item) => String(item.key)),
  );
  return {
    articles: count,
    seconds: Math.round(seconds * 10) / 10,
    articlesPerSecond: Math.round(count / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    dynamoDbLocalPeakRssMb: peakRssOfPid(stack.dynamoDb.pid),
    stored: report.articles.length,
    rejected: report.rejected.length,
    lost: articles.filter((article) => !outcomes.has(article.key)).length,
    failures: report.failures.length,
    alerts: report.alerts.length,
  };
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const sizes = (argument('--sizes') ?? '5000').split(',').map((size) => Number(size.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    console.error('load-pipeline: --sizes takes positive integers, e.g. --sizes 100,1000,5000');
    process.exit(2);
  }
  const concurrency = Number(argument('--concurrency') ?? '4');
  const stack = await startLocalStack({ alertsFile: null });
  const results: SizeResult[] = [];
  try {
    // Warm-up, not reported: loads the handler modules (and the NLP model) and JIT-compiles, so
    // that the first size is not charged for it and sizes compare.
    await runSize(stack, 20, concurrency);
    for (const size of sizes) {
      const result = await runSize(stack, size, concurrency);
      results.push(result);
      if (!json) {
        console.error(
          `${String(result.articles).padStart(6)} articles  ${result.seconds.toFixed(1).padStart(7)} s  ` +
            `${String(result.articlesPerSecond).padStart(5)} articles/s  peak RSS ${result.peakRssMb} MB ` +
            `(DynamoDB Local ${result.dynamoDbLocalPeakRssMb ?? '?'} MB)  lost ${result.lost}  ` +
            `rejected ${result.rejected}  failed ${result.failures}  alerts ${result.alerts}`,
        );
      }
    }
  } finally {
    await stack.stop();
  }
  if (json) process.stdout.write(`${JSON.stringify({ ingestConcurrency: concurrency, results })}\n`);
  if (results.some((result) => result.lost > 0 || result.failures > 0)) process.exitCode = 1;
}

// Run as a script only: reprocess-scaling.ts imports syntheticArticles from here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
