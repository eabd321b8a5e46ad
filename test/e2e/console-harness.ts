import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CONSOLE_APP, REPO_ROOT } from '../../infra/paths';
import { findFreePort } from '../../infra/local/free-port';

/**
 * What the console e2e test runs against: the app built by `npm run build:console`, the seed
 * articles (plus one titled `<script>alert(1)</script>`) through the local pipeline (`npm start`),
 * and `newswatch --local console --port N` on a free port, all on a temporary state folder
 * (NEWSWATCH_LOCAL_STATE_DIR) so a developer's `.local/state` is left alone.
 *
 * E2E_CONSOLE_URL=http://127.0.0.1:8080 tests a console that is already running instead.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = join(REPO_ROOT, '.local', 'e2e');
export const SCRIPT_TITLE = '<script>alert(1)</script>';

/**
 * The hostile article, as Markdown with front matter: its title is markup (literal, as an upload
 * can carry it), its URL a javascript: link, and its body has tags ingest strips.
 */
export const SCRIPT_ARTICLE = [
  '---',
  `title: "${SCRIPT_TITLE}"`,
  'date: 2025-11-06',
  'source: Hostile Daily',
  'url: "javascript:alert(2)"',
  '---',
  '',
  'Donald Trump could meet Kim Jong Un in Hanoi next month, officials said on <img src=x onerror=alert(3)> Thursday.',
  'The White House said no decision had been made about a summit.',
  '',
  'Analysts said <b onmouseover=alert(4)>any meeting</b> would follow months of letters between the two leaders.',
  '',
].join('\n');

const NPM_BIN = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

const run = (command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${label} exited ${code}:\n${stderr.slice(-4000)}`)),
    );
  });

export interface LocalConsole {
  url: string;
  stop: () => Promise<void>;
}

async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`newswatch --local console exited ${child.exitCode}:\n${output().slice(-4000)}`);
    }
    const ok = await fetch(new URL('/config.json', url))
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the local console did not answer on ${url} within 90 s:\n${output().slice(-4000)}`);
}

/** Builds the app, seeds a fresh local stack and starts the local console on it. */
export async function startLocalConsole(): Promise<LocalConsole> {
  if (process.env.E2E_CONSOLE_URL) return { url: process.env.E2E_CONSOLE_URL, stop: async () => {} };
  const work = await mkdtemp(join(tmpdir(), 'newswatch-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEWSWATCH_LOCAL_STATE_DIR: join(work, 'state'),
    NEWSWATCH_LOCAL_ALERTS_FILE: join(work, 'alerts.jsonl'),
  };
  await run(NPM_BIN('vite'), ['build', CONSOLE_APP.root, '--logLevel', 'warn'], env, 'npm run build:console');

  const articles = join(work, 'articles');
  await mkdir(articles);
  const seeds = join(REPO_ROOT, 'seeds', 'articles');
  for (const name of await readdir(seeds)) await copyFile(join(seeds, name), join(articles, name));
  await writeFile(join(articles, '010-script-title.md'), SCRIPT_ARTICLE);
  await run(
    NPM_BIN('tsx'),
    [join(REPO_ROOT, 'infra', 'local', 'run-local.ts'), articles, '--json'],
    env,
    'npm start',
  );

  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'infra', 'cli', 'newswatch.mjs'), '--local', 'console', '--port', String(port)],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(url, child, () => output);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** What went wrong in the page: console errors, uncaught exceptions and any dialog (alert…). */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Failed-resource log lines the test provoked on purpose (a 400 for a topic with a mistake). */
  expected: RegExp[];
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close: () => Promise<void>;
}

/** Debian's Chromium, headless, on a fresh profile, with the background traffic turned off. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'newswatch-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      '--disable-domain-reliability',
      '--disable-breakpad',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], dialogs: [], expected: [] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    if (problems.expected.some((pattern) => pattern.test(text))) return;
    problems.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
