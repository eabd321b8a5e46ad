import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { REPO_ROOT } from '../../infra/paths';
import { runLocalPipeline, type PipelineLogger, type PipelineReport } from '../../infra/local/pipeline';
import { SHARED_SEED } from '../support/article-factories';
import { copySeedArticles } from '../support/pipeline-fixtures';

/**
 * The whole local pipeline, in-process, with no mocks: DynamoDB Local, s3rver, the SNS sink and the
 * real ingest and alert handlers. One stack for the file (the handlers bind to it at import); each
 * run resets it.
 */
const SEED = SHARED_SEED;
const SEED_KEY = `articles/${basename(SEED)}`;
const hasSharedSeed = existsSync(SEED);
if (!hasSharedSeed) {
  console.warn(
    `local pipeline: seed-article tests skipped, ${SEED} is absent (../shared is not beside the checkout)`,
  );
}
const java = checkJava();
// Java is a documented prerequisite (README, .ci/run installs it): without it these tests fail
// loudly instead of skipping, so a green run always means the pipeline really ran.
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const summitTopicId = async () => {
  const { topics } = JSON.parse(await readFile(join(REPO_ROOT, 'seeds', 'topics.json'), 'utf8')) as {
    topics: { id: string; name: string }[];
  };
  const topic = topics.find((candidate) => /summit/i.test(`${candidate.id} ${candidate.name}`));
  if (!topic) throw new Error('seeds/topics.json has no summit topic');
  return topic.id;
};

/** Lines the runner logs, kept for failure messages instead of cluttering the test output. */
const logLines: string[] = [];
const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

describe('local pipeline (real handlers, DynamoDB Local, s3rver, SNS sink)', () => {
  let stack: LocalStack;
  const dirs: string[] = [];

  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(join(tmpdir(), `newswatch-${prefix}-`));
    dirs.push(dir);
    return dir;
  };

  /** A folder with the shared seed (when present) and every file of seeds/articles. */
  const seedFolder = async () => {
    const dir = await tempDir('seeds');
    await copySeedArticles(dir);
    return dir;
  };

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const run = async (
    inputDir: string,
    deliveries = 1,
    uploadConcurrency?: number,
  ): Promise<PipelineReport> => {
    logLines.length = 0;
    return runLocalPipeline({
      inputDir,
      stack,
      logger,
      deliveries,
      ...(uploadConcurrency === undefined ? {} : { uploadConcurrency }),
      handlerOutput: (text) => logLines.push(text.trimEnd()),
    });
  };

  describe.skipIf(!hasSharedSeed)('(a) the seed article with seeds/articles', () => {
    let report: PipelineReport;
    let files: string[];

    beforeAll(async () => {
      const dir = await seedFolder();
      files = (await readdir(dir)).sort();
      report = await run(dir);
    });

    it('runs without failures or rejections', () => {
      expect(report.failures, logLines.join('\n')).toEqual([]);
      expect(report.rejected).toEqual([]);
    });

    it('stores every article with a title, a date and one to three summary sentences', () => {
      expect(report.articles.map((article) => article.key)).toEqual(files.map((name) => `articles/${name}`));
      for (const article of report.articles) {
        expect(article.title.trim(), article.key).not.toBe('');
        expect(article.publishedAt, article.key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(article.summary.length, article.key).toBeGreaterThanOrEqual(1);
        expect(article.summary.length, article.key).toBeLessThanOrEqual(3);
        for (const sentence of article.summary) expect(sentence.trim(), article.key).not.toBe('');
      }
      const seed = report.articles.find((article) => article.key === SEED_KEY);
      expect(seed?.publishedAt).toBe('2025-10-18');
      expect(seed?.entities.people).toEqual(expect.arrayContaining(['Donald Trump', 'Kim Jong Un']));
    });

    it('sends exactly one alert for the seed article, on the summit topic, naming Trump and Kim', async () => {
      const alerts = report.alerts.filter((alert) => alert.articleKey === SEED_KEY);
      expect(alerts, JSON.stringify(report.alerts, null, 2)).toHaveLength(1);
      const [alert] = alerts;
      expect(alert?.topicId).toBe(await summitTopicId());
      // "likely to meet", "no confirmation yet": a possible summit, not a planned one.
      expect(alert?.certainty).toBe('speculative');
      expect(alert?.message).toMatch(/\[likely\] to meet/);
      expect(alert?.message).toMatch(/Trump/);
      expect(alert?.message).toMatch(/Kim/);
      expect(alert?.subject).toBeTruthy();
    });

    it('alerts once per story: a later report raising the certainty escalates, another outlet repeating it does not', () => {
      const seedAlert = report.alerts.find((alert) => alert.articleKey === SEED_KEY);
      const escalation = report.alerts.filter(
        (alert) => alert.articleKey === 'articles/007-summit-date-announced.txt',
      );
      expect(escalation).toHaveLength(1);
      expect(escalation[0]).toMatchObject({
        certainty: 'planned',
        change: 'escalated',
        storyId: seedAlert?.storyId,
      });
      expect(escalation[0]?.subject).toMatch(/now planned, was speculative/);
      expect(
        report.alerts.filter((alert) => alert.articleKey === 'articles/008-summit-report-other-outlet.txt'),
      ).toEqual([]);
      for (const alert of report.alerts) expect(String(alert.sms).length).toBeLessThanOrEqual(160);
    });

    it('sends no alert for the near-miss article', () => {
      const nearMiss = files.filter((name) => name.includes('near-miss')).map((name) => `articles/${name}`);
      expect(nearMiss.length).toBeGreaterThan(0);
      for (const key of nearMiss) {
        expect(report.articles.map((article) => article.key)).toContain(key);
        expect(report.alerts.filter((alert) => alert.articleKey === key)).toEqual([]);
      }
    });

    it('only sends alerts that carry a topic and an article key', () => {
      for (const alert of report.alerts) {
        expect(alert.topicId).toEqual(expect.any(String));
        expect(report.articles.map((article) => article.key)).toContain(alert.articleKey);
      }
    });
  });

  describe('(b) bad inputs', () => {
    let report: PipelineReport;

    beforeAll(async () => {
      const dir = await tempDir('bad');
      await writeFile(join(dir, 'empty.txt'), '');
      // A PNG: signature, IHDR chunk header and some binary payload with NUL bytes.
      await writeFile(
        join(dir, 'image.png'),
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.from([
            0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
          ]),
          Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        ]),
      );
      await writeFile(
        join(dir, 'my article+1.txt'),
        ' date 2025-10-20 The city council approved a new budget for public libraries on Monday. ' +
          'The plan adds evening opening hours at five branches across the city.\n\n' +
          'Council members said the change follows a year of requests from students and workers. ' +
          'Library staff will be hired over the next three months to cover the extra hours.\n\n' +
          'The budget also funds repairs to the roof of the central library, which has leaked since last winter.',
      );
      report = await run(dir);
    });

    it('rejects the empty and the binary file with reasons', () => {
      expect(report.failures, logLines.join('\n')).toEqual([]);
      const byKey = new Map(report.rejected.map((rejection) => [rejection.key, rejection]));
      expect([...byKey.keys()].sort()).toEqual(['articles/empty.txt', 'articles/image.png']);
      expect(byKey.get('articles/empty.txt')?.reason).toBe('empty');
      expect(byKey.get('articles/image.png')?.reason).toBe('binary');
      for (const rejection of report.rejected) expect(rejection.detail).toBeTruthy();
    });

    it('stores the file whose name has a space and a plus under its decoded key', () => {
      expect(report.articles.map((article) => article.key)).toEqual(['articles/my article+1.txt']);
      const [article] = report.articles;
      expect(article?.publishedAt).toBe('2025-10-20');
      expect(article?.summary.length).toBeGreaterThanOrEqual(1);
      expect(report.alerts).toEqual([]);
    });
  });

  describe('(c) duplicate delivery of every S3 event', () => {
    it('yields the same items and no extra alert', async () => {
      const dir = await seedFolder();
      if ((await readdir(dir)).length === 0) {
        await writeFile(
          join(dir, 'solo.txt'),
          ' date 2025-10-18 Donald Trump said on Saturday he would meet North Korean leader Kim Jong Un next month. ' +
            'The two leaders last met in 2019.',
        );
      }
      const once = await run(dir, 1);
      const twice = await run(dir, 2);
      expect(twice.failures, logLines.join('\n')).toEqual([]);
      expect(twice.stats.ingestInvocations).toBe(2 * once.stats.ingestInvocations);
      expect(twice.stats.itemsInTable).toBe(once.stats.itemsInTable);
      expect(twice.articles).toEqual(once.articles);
      expect(twice.rejected).toEqual(once.rejected);
      const strip = (report: PipelineReport) =>
        report.alerts.map(({ topicId, articleKey, subject }) => ({ topicId, articleKey, subject }));
      expect(strip(twice)).toEqual(strip(once));
      if (hasSharedSeed)
        expect(twice.alerts.filter((alert) => alert.articleKey === SEED_KEY)).toHaveLength(1);
    });
  });

  describe('(d) upload order', () => {
    it('ingests in the order of the files whatever order the concurrent uploads finish in', async () => {
      const dir = await seedFolder();
      const alertsOf = (report: PipelineReport) =>
        report.alerts.map(({ topicId, articleKey, change, certainty }) => ({
          topicId,
          articleKey,
          change,
          certainty,
        }));
      const oneByOne = await run(dir, 1, 1);
      for (const concurrency of [8, 8]) {
        const concurrent = await run(dir, 1, concurrency);
        expect(concurrent.failures, logLines.join('\n')).toEqual([]);
        expect(alertsOf(concurrent)).toEqual(alertsOf(oneByOne));
      }
      // The escalation is only an escalation if the speculative report came first.
      expect(alertsOf(oneByOne).map((alert) => alert.change)).toContain('new');
    });
  });
});
