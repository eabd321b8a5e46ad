/**
 * Local reprocess at scale (`npm run bench -- --only reprocess [--sizes 1000,5000] [--json]`, or
 * `npx tsx test/bench/reprocess-scaling.ts`): per size, synthetic articles put in the local bucket
 * without their S3 events (so nothing is ingested first), then `runLocalReprocess` over them, the
 * same reprocess handler and batches as the deployed Distributed Map. Reports seconds and ms per
 * article; linear growth shows as a flat ms per article from size to size. One stack, reset per size.
 */
import { pathToFileURL } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../../infra/local/local-stack';
import { mapWithConcurrency } from '../../infra/local/invocation/lambda-invocation';
import { runLocalReprocess } from '../../infra/local/reprocess-local';
import { syntheticArticles } from './load-pipeline';

export interface ReprocessSizeResult {
  articles: number;
  seconds: number;
  msPerArticle: number;
  stored: number;
  failed: number;
  batches: number;
}

export async function measureReprocessScaling(sizes: readonly number[]): Promise<ReprocessSizeResult[]> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const stack = await startLocalStack({ alertsFile: null, logLevel: 'ERROR' });
  const logger = { info: () => undefined, warn: (line: string) => process.stderr.write(`${line}\n`) };
  const results: ReprocessSizeResult[] = [];
  try {
    for (const size of sizes) {
      // A folder per size rather than a reset: emptying thousands of objects upsets s3rver.
      const prefix = `${stack.articlesPrefix}load-${size}/`;
      await mapWithConcurrency(syntheticArticles(size), 4, async ({ key, body }) => {
        await stack.clients.s3.send(
          new PutObjectCommand({
            Bucket: stack.bucketName,
            Key: key.replace(`${stack.articlesPrefix}load/`, prefix),
            Body: body,
            ContentType: 'text/plain',
          }),
        );
      });
      stack.s3Local.takeRecords();
      const summary = await runLocalReprocess(stack, { prefix, topicsOnly: false, dryRun: false }, logger);
      results.push({
        articles: size,
        seconds: Math.round(summary.wallTimeMs / 100) / 10,
        msPerArticle: Math.round((summary.wallTimeMs / size) * 100) / 100,
        stored: summary.counts.stored,
        failed: summary.counts.failed,
        batches: summary.batches,
      });
      process.stderr.write(`${reprocessLines(results.slice(-1))[1] ?? ''}\n`);
    }
  } finally {
    await stack.stop();
  }
  return results;
}

export const reprocessLines = (results: readonly ReprocessSizeResult[]): string[] => [
  'local reprocess (reprocess handler in batches of 20, 4 at once in one process; DynamoDB Local, s3rver):',
  ...results.map(
    (r) =>
      `  ${String(r.articles).padStart(6)} articles: ${r.seconds.toFixed(1)} s, ${r.msPerArticle.toFixed(2)} ms/article, ` +
      `stored ${r.stored}, failed ${r.failed}, ${r.batches} batches`,
  ),
];

/** `--sizes 1000,5000` (default), from the argument list. */
export const reprocessSizes = (argv: readonly string[]): number[] => {
  const at = argv.indexOf('--sizes');
  const sizes = (at >= 0 ? (argv[at + 1] ?? '') : '1000,5000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--sizes wants whole numbers, e.g. 1000,5000');
  return sizes;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measureReprocessScaling(reprocessSizes(process.argv));
  console.log(
    process.argv.includes('--json')
      ? JSON.stringify({ reprocess: results })
      : reprocessLines(results).join('\n'),
  );
}
