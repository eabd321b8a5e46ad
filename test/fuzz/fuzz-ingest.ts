/**
 * Long fuzzing runs of the ingest use case: `npx tsx test/fuzz/fuzz-ingest.ts [--runs 5000] [--seed n]`.
 * The same property and generators as `npm test` (test/support/ingest-properties.ts), with as
 * many runs as asked; a failure prints the counterexample and the seed and path to replay it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseTopics } from '../../functions/domain/topics/topic-schema';
import { REPO_ROOT } from '../../infra/paths';
import { hostileUploads, ingestsToADefinedOutcome } from '../support/ingest-properties';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const runs = Number(arg('runs') ?? 2000);
const seed = arg('seed') === undefined ? Date.now() % 2 ** 31 : Number(arg('seed'));
const topics = parseTopics(JSON.parse(readFileSync(`${REPO_ROOT}/seeds/topics.json`, 'utf8')));

const started = Date.now();
const tally = new Map<string, number>();
const result = await fc.check(
  fc.asyncProperty(hostileUploads(), async (upload) => {
    const outcome = await ingestsToADefinedOutcome(topics, upload);
    const label = outcome.status === 'stored' ? 'stored' : `rejected ${outcome.reason}`;
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }),
  { numRuns: runs, seed },
);
console.log(`fuzz-ingest: ${runs} runs, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [label, count] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${label}: ${count}`);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exit(1);
}
