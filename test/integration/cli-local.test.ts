import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statePaths } from '../../infra/local/local-stack';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { REPO_ROOT } from '../../infra/paths';

/**
 * `newswatch --local …` as an operator runs it: one process per command (node + tsx on
 * infra/cli/main.ts), all sharing one temporary state folder, so each command sees what the
 * previous ones stored. Commands that touch the table start DynamoDB Local on that folder
 * (a few seconds each); subscription commands start only the SNS sink.
 */
const TSX = createRequire(import.meta.url).resolve('tsx');
const CLI = join(REPO_ROOT, 'infra', 'cli', 'main.ts');
const SEEDS = join(REPO_ROOT, 'seeds', 'articles');
const java = checkJava();
// As for npm start: without Java these fail loudly with the install hint instead of skipping.
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let stateDir = '';
let inputDir = '';

function newswatch(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, '--local', '--state-dir', stateDir, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const json = <T>(run: Run): T => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
};

interface UploadJson {
  tally: { uploaded: number; skipped: number; failed: number };
  rejected: { key: string; reason: string }[];
  alerts: { topicId: string; certainty: string; articleKey: string; deliveredTo: { protocol: string }[] }[];
}

describe('newswatch --local', () => {
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'newswatch-cli-state-'));
    inputDir = await mkdtemp(join(tmpdir(), 'newswatch-cli-input-'));
    await writeFile(join(inputDir, 'empty.txt'), '   \n');
    await writeFile(
      join(inputDir, 'storm-topic.json'),
      JSON.stringify({
        id: 'storm-warnings',
        name: 'Storm warnings',
        actors: [{ name: 'Met Office' }],
        event: { type: 'warning', triggers: ['warning', 'warnings'] },
      }),
    );
    await writeFile(join(inputDir, 'bad-topic.json'), JSON.stringify({ id: 'Bad Id', actors: [] }));
  });

  afterAll(async () => {
    for (const folder of [stateDir, inputDir]) if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('subscribes an email address and a phone number with filter policies (no Java needed)', async () => {
    const email = json<{ action: string; pendingConfirmation: boolean }>(
      await newswatch(
        '--json',
        'subscribe',
        '--email',
        'desk@example.com',
        '--topic',
        'trump-kim-summit',
        '--min-certainty',
        'planned',
      ),
    );
    expect(email).toMatchObject({ action: 'created', pendingConfirmation: false });
    const sms = await newswatch('subscribe', '--sms', '+447700900123');
    expect(sms.code, sms.stderr).toBe(0);
    expect(sms.stdout).toMatch(/^subscribed \(sms, every topic, speculative or stronger\): arn:aws:sns:/);
    expect(sms.stdout).toMatch(/confirmed at once/);
  });

  it('uploads through the real handlers: tally, rejections, and alerts per subscriber filter', async () => {
    const report = json<UploadJson>(await newswatch('--json', 'upload', SEEDS, join(inputDir, 'empty.txt')));
    expect(report.tally.failed).toBe(0);
    expect(report.tally.skipped).toBe(0);
    expect(report.tally.uploaded).toBeGreaterThanOrEqual(7);
    expect(report.rejected).toEqual([
      expect.objectContaining({ key: 'articles/empty.txt', reason: 'empty' }),
    ]);
    const byArticle = Object.fromEntries(report.alerts.map((alert) => [alert.articleKey, alert]));
    // Planned news reaches both; speculative news only the subscriber without a minimum.
    expect(byArticle['articles/007-summit-date-announced.txt']).toMatchObject({
      topicId: 'trump-kim-summit',
      certainty: 'planned',
    });
    expect(
      byArticle['articles/007-summit-date-announced.txt']?.deliveredTo.map((d) => d.protocol).sort(),
    ).toEqual(['email', 'sms']);
    expect(byArticle['articles/001-summit-preparations.txt']?.deliveredTo.map((d) => d.protocol)).toEqual([
      'sms',
    ]);
    expect(byArticle['articles/002-near-miss-trade-talks-and-missile-test.txt']).toBeUndefined();
  });

  it('sends the daily digest of the digest-mode topic now, and only once a day', async () => {
    const first = json<{
      run: { sent: { topicId: string; stories: number }[] };
      messages: { subject: string }[];
    }>(await newswatch('--json', 'digest'));
    expect(first.run.sent).toMatchObject([{ topicId: 'fed-rate-decision', stories: 1 }]);
    expect(first.messages[0]?.subject).toMatch(/digest: Federal Reserve interest-rate decision/);
    const second = json<{ run: { sent: unknown[]; skipped: { topicId: string; reason: string }[] } }>(
      await newswatch('--json', 'digest'),
    );
    expect(second.run.sent).toEqual([]);
    expect(second.run.skipped).toContainEqual({ topicId: 'fed-rate-decision', reason: 'already-sent' });
  });

  it('uploading the same files again skips them all as unchanged', async () => {
    const again = await newswatch('upload', SEEDS);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/uploaded 0, skipped \d+ \(unchanged\), failed 0\n$/);
    expect(again.stdout).toMatch(/\(no alerts\)/);
  });

  it('lists articles as a table, filtered by entity and date', async () => {
    const table = await newswatch('articles', '--entity', 'Kim Jong Un', '--from', '2025-10-01');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/│ published +│ key +│ title/);
    expect(table.stdout).toMatch(/│ 2025-11-04 +│ articles\/007-summit-date-announced\.txt/);
    expect(table.stdout).not.toMatch(/003-council-budget/);
  });

  it('lists rejections and matches', async () => {
    const rejections = json<{ key: string; reason: string }[]>(
      await newswatch('--json', 'rejections', '--reason', 'empty'),
    );
    expect(rejections.map((r) => r.key)).toEqual(['articles/empty.txt']);
    const matches = json<{ articleKey: string; certainty: string }[]>(
      await newswatch('--json', 'matches', '--topic', 'trump-kim-summit'),
    );
    expect(matches.map((m) => m.articleKey)).toEqual(
      expect.arrayContaining([
        'articles/001-summit-preparations.txt',
        'articles/007-summit-date-announced.txt',
      ]),
    );
    expect(matches.find((m) => m.articleKey === 'articles/007-summit-date-announced.txt')?.certainty).toBe(
      'planned',
    );
  });

  it('lists the content stories of a topic, and one story with the change each article made', async () => {
    const { stories } = json<{
      stories: { storyId: string; title: string; articles: number; certainty: Record<string, string> }[];
    }>(await newswatch('--json', 'stories', '--from', '2025-10-01', '--topic', 'trump-kim-summit'));
    // Only stories with a summit match: the storm, the derby and the budget are left out.
    expect(stories.map((story) => story.title).join('\n')).not.toMatch(/Storm Fenna|Kingsmere|council tax/);
    const summit = stories.find((story) => story.certainty['trump-kim-summit'] === 'planned');
    expect(summit, JSON.stringify(stories)).toBeDefined();
    const story = json<{
      storyId: string;
      articles: { key: string; date: string; role: string; changes: Record<string, string> }[];
    }>(await newswatch('--json', 'story', summit?.storyId ?? ''));
    expect(story.storyId).toBe(summit?.storyId);
    expect(story.articles).toHaveLength(summit?.articles ?? 0);
    const keys = story.articles.map((article) => article.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'articles/001-summit-preparations.txt',
        'articles/007-summit-date-announced.txt',
      ]),
    );
    // Oldest first: the possible summit came first, the announced date escalated the story.
    expect(story.articles.map((article) => article.date)).toEqual(
      story.articles.map((article) => article.date).sort(),
    );
    expect(
      story.articles.find((article) => article.key === 'articles/007-summit-date-announced.txt')?.changes,
    ).toEqual({ 'trump-kim-summit': 'escalated' });
  });

  it('adds, lists and removes a topic; refuses an invalid one with every error', async () => {
    const bad = await newswatch('topics', 'add', join(inputDir, 'bad-topic.json'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/→ at id[\s\S]*→ at name[\s\S]*→ at actors/);
    expect((await newswatch('topics', 'add', join(inputDir, 'storm-topic.json'))).stdout).toBe(
      'added topic storm-warnings (Storm warnings)\n',
    );
    const listed = json<{ topics: { id: string; origin: string }[] }>(
      await newswatch('--json', 'topics', 'list'),
    );
    expect(listed.topics.map((t) => [t.id, t.origin])).toEqual(
      expect.arrayContaining([
        ['storm-warnings', 'stored'],
        ['trump-kim-summit', 'default'],
      ]),
    );
    const removed = await newswatch('topics', 'remove', 'storm-warnings');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe('removed topic storm-warnings\n');
  });

  it('tests an article against a topics file without starting anything', async () => {
    const run = await newswatch(
      'topics',
      'test',
      join(SEEDS, '007-summit-date-announced.txt'),
      '--topics-file',
      join(REPO_ROOT, 'seeds', 'topics.json'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/trump-kim-summit: planned, would alert/);
    expect(run.stdout).toMatch(/\[announced\] on Tuesday that Donald Trump will meet/);
    expect(run.stdout).toContain('participants: Donald Trump, Kim Jong Un\n');
    expect(run.stdout).toContain('why: lede; trigger "meet"; cues announced → planned\n');
  });

  it('lists and removes subscriptions', async () => {
    const before = json<{ endpoint: string; topics: unknown; minimumCertainty: string }[]>(
      await newswatch('--json', 'subscriptions'),
    );
    expect(before).toEqual([
      expect.objectContaining({
        endpoint: 'desk@example.com',
        topics: ['trump-kim-summit'],
        minimumCertainty: 'planned',
      }),
      expect.objectContaining({ endpoint: '+447700900123', topics: 'all', minimumCertainty: 'speculative' }),
    ]);
    const removed = await newswatch('unsubscribe', 'DESK@example.com');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/^removed 1 subscription\(s\)/);
    const after = json<{ endpoint: string }[]>(await newswatch('--json', 'subscriptions'));
    expect(after.map((s) => s.endpoint)).toEqual(['+447700900123']);
  });

  it('serves the console on the kept state on a free port, until SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, CLI, '--local', '--state-dir', stateDir, 'console', '--port', '0'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const printed = /^console: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout);
        if (printed?.[1]) resolve(printed[1]);
      });
      void closed.then(() => reject(new Error(`console exited before printing its URL: ${stderr}`)));
    });
    try {
      const stories = await fetch(new URL('/api/stories?from=2000-01-01', url));
      expect(stories.status).toBe(200);
      expect(((await stories.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGINT');
    }
    await closed;
    // Stopped cleanly: the state folder's lock is free for the next command.
    const after = await newswatch('--json', 'topics', 'list');
    expect(after.code, after.stderr).toBe(0);
  });

  it('refuses bad arguments with exit 64, and a held state folder with a clear error', async () => {
    const bad = await newswatch('articles', '--to', '31/12/2025');
    expect(bad.code).toBe(64);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^newswatch: option '--to <YYYY-MM-DD>' argument '31\/12\/2025' is invalid/);
    // This test process is alive: its pid in the lock file means "in use".
    await writeFile(statePaths(stateDir).lock, `${process.pid}\n`);
    try {
      const locked = await newswatch('subscriptions');
      expect(locked.code).toBe(1);
      expect(locked.stderr).toMatch(/^newswatch: another newswatch --local command is running \(pid \d+/);
    } finally {
      await rm(statePaths(stateDir).lock, { force: true });
    }
  });
});
