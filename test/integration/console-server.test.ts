import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ArticleDetailView,
  ArticleSummaryView,
  ApiError,
  HealthView,
  Page,
  RejectionView,
  StoryDetailView,
  StorySummaryView,
  SubscriptionView,
  TopicTestView,
} from '../../functions/contracts/console-api';
import { SECURITY_HEADERS, startConsoleServer, type ConsoleServer } from '../../infra/local/console-server';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { runLocalPipeline, type PipelineLogger } from '../../infra/local/pipeline';
import { SEED_ARTICLES } from '../support/article-factories';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

const logLines: string[] = [];
const logger: PipelineLogger = { info: (line) => logLines.push(line), warn: (line) => logLines.push(line) };

/**
 * The console API through the local console server, as the browser reaches it: the seeds ingested
 * by the real handlers into DynamoDB Local, then every page's request over HTTP to 127.0.0.1.
 */
describe('the local console server and its API (DynamoDB Local, s3rver, SNS sink)', () => {
  let stack: LocalStack;
  let server: ConsoleServer;
  let inputDir = '';
  let distDir = '';

  const call = async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const response = await fetch(new URL(path, server.url), {
      method: init.method ?? 'GET',
      ...(init.json === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body:
        /json/.test(response.headers.get('content-type') ?? '') && text
          ? (JSON.parse(text) as unknown)
          : undefined,
    };
  };

  beforeAll(async () => {
    stack = await startLocalStack({ alertsFile: null });
    inputDir = await mkdtemp(join(tmpdir(), 'newswatch-console-input-'));
    distDir = await mkdtemp(join(tmpdir(), 'newswatch-console-dist-'));
    await cp(SEED_ARTICLES, inputDir, { recursive: true });
    await writeFile(join(inputDir, 'empty.txt'), '  \n');
    // A page whose title, as text, is markup: what an attacker would publish for the console to run.
    await writeFile(
      join(inputDir, 'script-title.html'),
      '<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article>' +
        '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>Kim Jong Un and Donald Trump will meet in Singapore next month, ' +
        'officials said on Monday.</p><p>The summit has been planned for weeks, and both sides have sent advance teams.</p>' +
        '</article></body></html>',
    );
    const report = await runLocalPipeline({
      inputDir,
      stack,
      logger,
      handlerOutput: (text) => logLines.push(text),
    });
    expect(report.failures, logLines.join('\n')).toEqual([]);
    await mkdir(join(distDir, 'assets'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>console</title>');
    await writeFile(join(distDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startConsoleServer({ port: 0, env: stack.env, distDir });
  });

  afterAll(async () => {
    await server?.close();
    await stack?.stop();
    for (const dir of [inputDir, distDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on the port the kernel picked, every response with the security headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['/', '/config.json', '/api/health', '/api/nothing']) {
      const response = await call(path);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers.get(name), path).toBe(value);
    }
    expect(SECURITY_HEADERS['content-security-policy']).not.toMatch(/unsafe-inline/);
  });

  it('serves /config.json, the build, index.html for app paths, and nothing beside the build', async () => {
    expect((await call('/config.json')).body).toEqual({ auth: { type: 'none' } });
    const script = await fetch(new URL('/assets/app.js', server.url));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await call('/stories/2025-11-3fa9c1d2e4')).text).toContain('<title>console</title>');
    const passwd = await readFile('/etc/hostname', 'utf8').catch(() => undefined);
    for (const path of [
      '/../../../../etc/hostname',
      '/%2e%2e/%2e%2e/etc/hostname',
      '/..%2f..%2f..%2fetc%2fhostname',
    ]) {
      const response = await call(path);
      expect(response.text, path).toContain('<title>console</title>');
      if (passwd) expect(response.text, path).not.toBe(passwd);
    }
  });

  it('answers the not-built page when there is no build', async () => {
    const bare = await startConsoleServer({ port: 0, env: stack.env, distDir: join(distDir, 'missing') });
    try {
      const response = await fetch(bare.url);
      expect(await response.text()).toContain('npm run build:console');
    } finally {
      await bare.close();
    }
  });

  it('lists the stories of the seeds and shows one with its timeline', async () => {
    const page = (await call('/api/stories?from=2000-01-01&limit=100')).body as Page<StorySummaryView>;
    const summit = page.items.find((story) => 'trump-kim-summit' in story.certainty && story.articles > 1);
    expect(summit, JSON.stringify(page.items.map((s) => s.title))).toBeDefined();
    const detail = (await call(`/api/stories/${encodeURIComponent(summit?.storyId ?? '')}`))
      .body as StoryDetailView;
    expect(detail.articles.length).toBe(summit?.articles);
    expect(
      detail.articles.some((entry) => entry.matches.some((match) => match.topicId === 'trump-kim-summit')),
    ).toBe(true);
    expect((await call('/api/stories/2025-11-0000000000')).status).toBe(404);
  });

  it('finds articles by entity, pages them and shows one, its title always a string', async () => {
    const found = (await call('/api/articles?entity=Kim%20Jong%20Un&limit=2'))
      .body as Page<ArticleSummaryView>;
    expect(found.items).toHaveLength(2);
    expect(found.cursor).toEqual(expect.any(String));
    const next = (await call(`/api/articles?entity=Kim%20Jong%20Un&limit=2&cursor=${found.cursor}`))
      .body as Page<ArticleSummaryView>;
    expect(next.items.map((a) => a.key)).not.toContain(found.items[0]?.key);
    const scripted = (await call('/api/articles/articles%2Fscript-title.html')).body as ArticleDetailView;
    expect(scripted.title).toBe('<script>alert(1)</script>');
    expect((await call('/api/articles?limit=101')).status).toBe(400);
  });

  it('refuses a topic with a mistake (400, with the field), then saves it fixed (200)', async () => {
    const topic = {
      id: 'storm-warnings',
      name: 'Storm warnings',
      actors: [],
      event: { type: 'warning', triggers: ['warning'] },
    };
    const refused = await call('/api/topics/storm-warnings', { method: 'PUT', json: topic });
    expect(refused.status).toBe(400);
    expect((refused.body as ApiError).issues?.map((issue) => issue.path)).toEqual(['actors']);
    const saved = await call('/api/topics/storm-warnings', {
      method: 'PUT',
      json: { ...topic, actors: [{ name: 'Met Office' }] },
    });
    expect(saved.status).toBe(200);
    const listed = (await call('/api/topics?limit=100')).body as Page<{ id: string; origin: string }>;
    expect(listed.items).toContainEqual(expect.objectContaining({ id: 'storm-warnings', origin: 'stored' }));
    expect((await call('/api/topics/storm-warnings', { method: 'DELETE' })).status).toBe(204);
  });

  it('tests an article against the topics in force, saving nothing', async () => {
    const text = await readFile(join(SEED_ARTICLES, '007-summit-date-announced.txt'), 'utf8');
    const before = (await call('/api/articles?limit=100')).body as Page<unknown>;
    const response = await call('/api/topics/test', { method: 'POST', json: { text } });
    expect(response.status, response.text).toBe(200);
    const result = response.body as TopicTestView;
    expect(result.entries[0]?.matches).toContainEqual(
      expect.objectContaining({ topicId: 'trump-kim-summit', certainty: 'planned' }),
    );
    expect(((await call('/api/articles?limit=100')).body as Page<unknown>).items).toHaveLength(
      before.items.length,
    );
  });

  it('adds and removes a subscription', async () => {
    const created = await call('/api/subscriptions', {
      method: 'POST',
      json: {
        protocol: 'email',
        endpoint: 'desk@example.com',
        topics: ['trump-kim-summit'],
        minimumCertainty: 'planned',
      },
    });
    expect(created.status, created.text).toBe(201);
    const view = created.body as SubscriptionView;
    const listed = (await call('/api/subscriptions')).body as Page<SubscriptionView>;
    expect(listed.items).toContainEqual(
      expect.objectContaining({ id: view.id, topics: ['trump-kim-summit'], minimumCertainty: 'planned' }),
    );
    expect(
      (await call(`/api/subscriptions/${encodeURIComponent(view.id)}`, { method: 'DELETE' })).status,
    ).toBe(204);
    const after = (await call('/api/subscriptions')).body as Page<SubscriptionView>;
    expect(after.items.map((row) => row.id)).not.toContain(view.id);
  });

  it('lists the rejections and reports health', async () => {
    const rejections = (await call('/api/rejections')).body as Page<RejectionView>;
    expect(rejections.items).toContainEqual(
      expect.objectContaining({ key: 'articles/empty.txt', reason: 'empty' }),
    );
    const health = (await call('/api/health')).body as HealthView;
    expect(health.deadLetterQueues).toEqual([]);
    expect(health.alarms).toEqual([]);
    expect(health.lastIngest).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
