import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { REPO_ROOT } from '../../infra/paths';

/**
 * `npm start` as a user runs it (node + tsx on infra/local/run-local.ts, in a child process): the
 * `--json` contract on stdout, Ctrl-C, and the missing-Java message. Each run starts its own
 * DynamoDB Local; the runs here are sequential.
 */
const TSX = createRequire(import.meta.url).resolve('tsx');
const CLI = join(REPO_ROOT, 'infra', 'local', 'run-local.ts');
const SEED = join(REPO_ROOT, '..', 'shared', 'seeds', '000_b24041950b01e9b9.txt');
const java = checkJava();
// Java is a documented prerequisite (README, .ci/run installs it): without it these tests fail
// loudly instead of skipping, so a green run always means the pipeline really ran.
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The DynamoDB Local pid the runner reports with --verbose. */
const dynamoPid = (stderr: string) => {
  const match = /DynamoDB Local on \S+ \(pid (\d+)\)/.exec(stderr);
  return match ? Number(match[1]) : undefined;
};

let alertsFile = '';

function startCli(
  args: string[],
  // Its own state folder: the developer's .local/state (and a `newswatch --local` command holding
  // its lock) stays out of the test.
  env: NodeJS.ProcessEnv = {
    ...process.env,
    NEWSWATCH_LOCAL_ALERTS_FILE: alertsFile,
    NEWSWATCH_LOCAL_STATE_DIR: join(dirname(alertsFile), 'state'),
  },
) {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<Run>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}

describe('npm start', () => {
  let dir: string;
  let outDir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-cli-'));
    outDir = await mkdtemp(join(tmpdir(), 'newswatch-cli-out-'));
    // Never the developer's .local/alerts.jsonl.
    alertsFile = join(outDir, 'alerts.jsonl');
    await writeFile(
      join(dir, 'library budget.txt'),
      ' date 2025-10-20 The city council approved a new budget for public libraries on Monday. ' +
        'The plan adds evening opening hours at five branches.\n\nCouncil members said the change follows requests from students.',
    );
    await writeFile(join(dir, 'empty.txt'), '');
    // A third input that alerts, when the seed is there: the alerts file must get its line.
    if (existsSync(SEED)) await copyFile(SEED, join(dir, 'seed.txt'));
  });

  afterAll(async () => {
    for (const folder of [dir, outDir]) if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('--json prints exactly one JSON document on stdout and stops DynamoDB Local', async () => {
    const run = await startCli([dir, '--json', '--verbose']).done;
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['articles', 'alerts', 'rejected', 'stories']);
    const { articles, alerts, rejected, stories } = report as {
      articles: Record<string, unknown>[];
      alerts: Record<string, unknown>[];
      rejected: Record<string, unknown>[];
      stories: { storyId: string; title: string; articles: string[] }[];
    };
    expect(articles.find((article) => article.key === 'articles/library budget.txt')).toEqual({
      key: 'articles/library budget.txt',
      title: expect.any(String),
      publishedAt: '2025-10-20',
      summary: expect.any(Array),
      entities: {
        people: expect.any(Array),
        organizations: expect.any(Array),
        places: expect.any(Array),
      },
      storyId: expect.stringMatching(/^2025-10-[0-9a-f]{10}$/),
      storyRole: 'original',
    });
    // Every article is in exactly one story; the budget founded its own, titled after it.
    expect(stories.flatMap((story) => story.articles).sort()).toEqual(
      articles.map((article) => article.key).sort(),
    );
    const budget = articles.find((article) => article.key === 'articles/library budget.txt');
    expect(stories.find((story) => story.storyId === budget?.storyId)).toEqual({
      storyId: budget?.storyId,
      title: budget?.title,
      articles: ['articles/library budget.txt'],
    });
    expect(rejected).toEqual([{ key: 'articles/empty.txt', reason: 'empty' }]);
    const seedAlerts = existsSync(SEED) ? 1 : 0;
    expect(alerts.map((alert) => alert.articleKey)).toEqual(Array(seedAlerts).fill('articles/seed.txt'));
    // The SNS sink wrote one JSON line per alert to the file it was given.
    const lines = (await readFile(alertsFile, 'utf8')).split('\n').filter(Boolean);
    // Alerts are published with one body per protocol (MessageStructure json); the report shows
    // the email body.
    const emailBody = (line: string) => {
      const published = JSON.parse(line) as { message: string; messageStructure?: string };
      return published.messageStructure === 'json'
        ? (JSON.parse(published.message) as { email: string }).email
        : published.message;
    };
    expect(lines.map(emailBody)).toEqual(alerts.map((alert) => alert.message));
    // --verbose: the handlers logged at INFO, and all of it went to stderr.
    expect(run.stderr).toMatch(/"level":"INFO"/);
    const pid = dynamoPid(run.stderr);
    expect(pid).toBeDefined();
    expect(isAlive(pid as number)).toBe(false);
  });

  it('stops DynamoDB Local on SIGINT and exits 130', async () => {
    const cli = startCli([dir, '--verbose']);
    const deadline = Date.now() + 60_000;
    while (dynamoPid(cli.stderr()) === undefined && Date.now() < deadline && cli.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = dynamoPid(cli.stderr());
    expect(pid, cli.stderr()).toBeDefined();
    cli.child.kill('SIGINT');
    const run = await cli.done;
    expect(run.code, run.stderr).toBe(130);
    expect(isAlive(pid as number)).toBe(false);
    expect(
      spawnSync('pgrep', ['-f', 'DynamoDBLocal'], { encoding: 'utf8' }).stdout.split('\n'),
    ).not.toContain(String(pid));
  });

  it('exits 2 with one line on stderr when Java is missing', async () => {
    const emptyBin = await mkdtemp(join(tmpdir(), 'newswatch-nojava-'));
    try {
      const run = await startCli([dir], { ...process.env, PATH: emptyBin, JAVA_HOME: '' }).done;
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${JAVA_MISSING_MESSAGE}\n`);
    } finally {
      await rm(emptyBin, { recursive: true, force: true });
    }
  });

  it('refuses a missing input folder with one line and exit 64, before starting anything', async () => {
    const run = await startCli([join(outDir, 'no-such-folder')]).done;
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^newswatch: .*no-such-folder is not a folder of articles\n/);
  });

  it('refuses unknown options with exit 64', async () => {
    const run = await startCli(['--nope']).done;
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/unknown option --nope/);
    expect(existsSync(CLI)).toBe(true);
  });
});
