import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { LOCAL_DEFAULTS, startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { REPO_ROOT } from '../../infra/paths';
import { runLocalPipeline, type PipelineLogger, type PipelineReport } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { badInputCorpus, type BadInput } from '../support/bad-input-corpus';

/**
 * Over a thousand bad and odd uploads through the whole local pipeline (real handlers, DynamoDB
 * Local, s3rver): every one must end as exactly one outcome, its Article item(s) or one Rejection
 * item with key, size, reason and time, and no invocation may fail. The bucket notification is
 * widened to every key so that keys outside the prefix reach the handler's own check.
 */
const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const logLines: string[] = [];
const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

describe('bad-input corpus through the local pipeline', () => {
  let stack: LocalStack;
  let corpus: BadInput[];
  let report: PipelineReport;
  let items: Record<string, unknown>[];

  beforeAll(async () => {
    const seeds = join(REPO_ROOT, 'seeds', 'articles');
    const goodArticles = await Promise.all(
      (await readdir(seeds))
        .filter((name) => !name.startsWith('.'))
        .map((name) => readFile(join(seeds, name), 'utf8')),
    );
    corpus = badInputCorpus({ seed: 5, goodArticles, maxArticleBytes: LOCAL_DEFAULTS.maxArticleBytes });
    stack = await startLocalStack({ alertsFile: null });
    report = await runLocalPipeline({
      inputDir: REPO_ROOT,
      files: [],
      objects: corpus.map((input) => ({ key: input.key, body: input.body })),
      notifyOutsidePrefix: true,
      stack,
      logger,
      uploadConcurrency: 16,
      // Each invocation mostly waits on DynamoDB Local and s3rver; overlapping four halves the run.
      ingestConcurrency: 4,
      handlerOutput: (text) => logLines.push(text.trimEnd()),
    });
    items = await scanTable(stack.clients.dynamodb, stack.tableName);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('is over a thousand distinct inputs in every category, the same for the same seed', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(corpus.map((input) => input.key)).size).toBe(corpus.length);
    expect(new Set(corpus.map((input) => input.category)).size).toBe(16);
    const again = badInputCorpus({ seed: 5, goodArticles: ['x'], maxArticleBytes: 10 });
    expect(again.map((input) => input.key)).toEqual(
      badInputCorpus({ seed: 5, goodArticles: ['x'], maxArticleBytes: 10 }).map((input) => input.key),
    );
  });

  it('fails no invocation and delivers one S3 event per upload', () => {
    expect(report.failures, logLines.slice(-50).join('\n')).toEqual([]);
    expect(report.stats.s3Events).toBe(corpus.length);
    expect(report.stats.ingestInvocations).toBe(corpus.length);
  });

  it('ends every input as its article item(s) or exactly one rejection with key, size, reason and time', () => {
    const articlesByKey = new Map<string, Record<string, unknown>[]>();
    const rejectionsByKey = new Map<string, Record<string, unknown>[]>();
    for (const item of items) {
      const target =
        item.type === 'Article' ? articlesByKey : item.type === 'Rejection' ? rejectionsByKey : undefined;
      if (!target) continue;
      const key = String(item.key);
      target.set(key, [...(target.get(key) ?? []), item]);
    }
    const problems: string[] = [];
    const outcomes: Record<string, Record<string, number>> = {};
    for (const input of corpus) {
      const articles = articlesByKey.get(input.key) ?? [];
      const rejections = rejectionsByKey.get(input.key) ?? [];
      const outcome = articles.length > 0 ? 'article' : String(rejections[0]?.reason ?? 'nothing');
      (outcomes[input.category] ??= {})[outcome] = (outcomes[input.category]?.[outcome] ?? 0) + 1;
      if (articles.length > 0 === rejections.length > 0) {
        problems.push(
          `${input.id} ${JSON.stringify(input.key)}: ${articles.length} article items, ${rejections.length} rejections`,
        );
        continue;
      }
      if (input.expect === 'article' && articles.length === 0)
        problems.push(`${input.id}: rejected ${outcome}, expected an article`);
      if (input.expect === 'rejection' && rejections.length === 0)
        problems.push(`${input.id}: stored, expected a rejection`);
      const [rejection] = rejections;
      if (rejection) {
        if (input.reasons && !input.reasons.includes(rejection.reason as never))
          problems.push(
            `${input.id}: reason ${String(rejection.reason)}, expected ${input.reasons.join('/')}`,
          );
        if (rejection.size !== input.body.length)
          problems.push(`${input.id}: size ${String(rejection.size)} != ${input.body.length}`);
        if (typeof rejection.detail !== 'string' || rejection.detail === '')
          problems.push(`${input.id}: no detail`);
        if (Number.isNaN(Date.parse(String(rejection.rejectedAt))))
          problems.push(`${input.id}: no rejectedAt`);
      }
    }
    expect(problems, JSON.stringify(outcomes, null, 1)).toEqual([]);
    // Nothing stored or rejected that was not uploaded.
    const uploaded = new Set(corpus.map((input) => input.key));
    expect([...articlesByKey.keys(), ...rejectionsByKey.keys()].filter((key) => !uploaded.has(key))).toEqual(
      [],
    );
    console.info(
      `bad-input corpus: ${corpus.length} inputs, outcomes per category ${JSON.stringify(outcomes)}`,
    );
  });
});
