import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths';
import {
  SCREENSHOTS,
  SCRIPT_TITLE,
  launchBrowser,
  startLocalConsole,
  type Browser,
  type LocalConsole,
} from './console-harness';

/**
 * The console in a real browser (issue 16): Debian's Chromium, headless, against the local console
 * on the seed articles. Every test fails on a console error, an uncaught exception or a dialog.
 */

let server: LocalConsole;
let browser: Browser;
let page: Page;
const started = performance.now();

const visit = async (path: string) => {
  await page.goto(new URL(path, server.url).toString());
  await page.locator('main h1').first().waitFor();
};

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Before the seed articles' dates: the story and article lists default to the last 90 days. */
const SEED_FROM = '2025-10-01';
const TOPIC_ID = 'e2e-hanoi-summit';
const topicWith = (actors: unknown) =>
  JSON.stringify(
    {
      id: TOPIC_ID,
      name: 'E2E: a summit in Hanoi',
      actors,
      event: { type: 'meeting', triggers: ['summit'] },
      minimumCertainty: 'speculative',
    },
    null,
    2,
  );

beforeAll(async () => {
  server = await startLocalConsole();
  browser = await launchBrowser();
  page = browser.page;
});

afterEach(() => {
  const { consoleErrors, pageErrors, dialogs } = browser.problems;
  const problems = { consoleErrors: [...consoleErrors], pageErrors: [...pageErrors], dialogs: [...dialogs] };
  consoleErrors.length = 0;
  pageErrors.length = 0;
  dialogs.length = 0;
  expect(problems).toEqual({ consoleErrors: [], pageErrors: [], dialogs: [] });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`console e2e: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
});

describe('the console in headless Chromium', () => {
  it('serves the app with a CSP that needs no unsafe-inline, and index.html for app paths', async () => {
    const response = await fetch(new URL('/stories/some-story', server.url));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain('<div id="app">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('lists the stories', async () => {
    await visit('/');
    await page.waitForURL(/\/stories$/);
    // The seed articles are from 2025: without From, stories shows the last 90 days only.
    await page.getByLabel('From').fill(SEED_FROM);
    await page.getByRole('button', { name: 'Show stories' }).click();
    await page.waitForURL(/from=2025-10-01/);
    const stories = page.getByRole('list', { name: 'Stories' }).getByRole('listitem');
    await stories.first().waitFor();
    expect(await stories.count()).toBeGreaterThanOrEqual(3);
    await expect(
      page
        .getByRole('link', { name: /Trump.*Kim|Kim.*Trump/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await shot('stories');
  });

  it('opens a story and shows its timeline with evidence and cue words marked', async () => {
    await visit(`/stories?from=${SEED_FROM}`);
    await page
      .getByRole('link', { name: /Trump.*Kim|Kim.*Trump/ })
      .first()
      .click();
    await page.waitForURL(/\/stories\/[^/]+$/);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const chart = page.locator('figure.timeline svg');
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBeGreaterThanOrEqual(2);
    expect(await chart.locator('path').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.entry').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.entry .outlet').first().textContent()).toBeTruthy();
    expect(await page.locator('.evidence mark').count()).toBeGreaterThanOrEqual(1);
    await shot('story');
  });

  it('searches articles by entity', async () => {
    await visit('/articles');
    await page.getByLabel('Entity').fill('Kim Jong Un');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/entity=Kim/);
    const results = page.getByRole('list', { name: 'Articles' }).getByRole('listitem');
    await results.first().waitFor();
    const titles = await results.locator('h2').allTextContents();
    expect(titles.some((title) => /Kim Jong Un|Trump/.test(title))).toBe(true);
    expect(titles.join('\n')).not.toMatch(/storm|derby|foldable|council/i);
    await results.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Entities' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Matches' }).isVisible()).toBe(true);
    await shot('articles');
  });

  it('adds a topic: a mistake is shown beside its path, then the fixed topic saves', async () => {
    // The API answers the mistake with a 400, which Chromium logs: expected here, nowhere else.
    browser.problems.expected.push(/status of 400.*\/api\/topics\//);
    await visit('/topics/new');
    const editor = page.getByLabel('Topic definition (JSON)');
    await editor.fill(topicWith([{ name: '' }]));
    await page.getByRole('button', { name: 'Save topic' }).click();
    const issues = page.locator('#topic-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toContain('actors.0.name');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    await shot('topic-mistake');

    await editor.fill(topicWith([{ name: 'Donald Trump', shortNames: ['Trump'] }, { name: 'Kim Jong Un' }]));
    await page.getByRole('button', { name: 'Save topic' }).click();
    await page.getByText(`Saved ${TOPIC_ID}.`).waitFor();
    expect(await issues.count()).toBe(0);
    await visit('/topics');
    await page.getByRole('link', { name: 'E2E: a summit in Hanoi' }).waitFor();
    browser.problems.expected.pop();
  });

  it('tries an article against the stored topics and against a draft, saving nothing', async () => {
    const text = await readFile(
      join(REPO_ROOT, 'seeds', 'articles', '007-summit-date-announced.txt'),
      'utf8',
    );
    await visit('/topics/try');
    await page.getByLabel('Article text').fill(text);
    await page.getByRole('button', { name: 'Try the article' }).click();
    const result = page.locator('.try-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('trump-kim-summit');
    expect(await result.locator('.certainty').count()).toBeGreaterThanOrEqual(1);
    expect(await result.getByText('participants').count()).toBeGreaterThanOrEqual(1);
    await shot('try-article');

    await visit(`/topics/edit/${TOPIC_ID}`);
    await page.getByLabel('Topic definition (JSON)').waitFor();
    await page.getByLabel('Article text').fill(text);
    await page.getByRole('button', { name: 'Try the draft' }).click();
    await page.locator('.try-result').waitFor();
    expect(await page.locator('.try-result').textContent()).toContain(TOPIC_ID);
  });

  it('adds and removes a subscription', async () => {
    const address = 'e2e-desk@example.com';
    await visit('/subscriptions');
    await page.getByLabel('Send by').selectOption('email');
    await page.getByLabel('Email address').fill(address);
    await page.getByRole('checkbox').first().check();
    await page.getByLabel('Minimum certainty').selectOption('planned');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const row = page.getByRole('row').filter({ hasText: address });
    await row.waitFor();
    expect(await row.textContent()).toContain('planned');
    await shot('subscriptions');
    await row.getByRole('button', { name: `Remove ${address}` }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText(`Removed ${address}.`).waitFor();
  });

  it('shows an article titled <script>alert(1)</script> as text, with no dialog', async () => {
    await visit('/articles');
    const link = page.getByRole('link', { name: SCRIPT_TITLE, exact: true });
    await link.waitFor();
    await link.click();
    const title = page.locator('main h1');
    await title.filter({ hasText: SCRIPT_TITLE }).waitFor();
    expect(await title.textContent()).toBe(SCRIPT_TITLE);
    // Its address works on its own (a reload, a bookmark): the server answers the app for it.
    expect(new URL(page.url()).pathname).toBe('/article');
    await page.reload();
    await title.filter({ hasText: SCRIPT_TITLE }).waitFor();
    // Rendered as text: no element came out of the title, the summary or the evidence.
    expect(await page.locator('main script, main img, main b').count()).toBe(0);
    // The javascript: URL is shown, never linked.
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(browser.problems.dialogs).toEqual([]);
    await shot('script-title');
  });

  it('shows rejections and health, starts with the skip link, and labels every field', async () => {
    await visit('/rejections');
    await visit('/health');
    await page.getByRole('heading', { name: 'Dead-letter queues' }).waitFor();
    await visit('/stories');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to the content');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Stories');
    // Every field on every page has a <label for> of its own.
    const unlabelled: string[] = [];
    for (const path of [
      '/stories',
      '/articles',
      '/topics/new',
      '/topics/try',
      '/subscriptions',
      '/rejections',
    ]) {
      await visit(path);
      for (const field of await page.locator('main input, main select, main textarea').all()) {
        const id = await field.getAttribute('id');
        if (!id || (await page.locator(`label[for="${id}"]`).count()) === 0) {
          unlabelled.push(`${path}: ${id ?? '(no id)'}`);
        }
      }
    }
    expect(unlabelled).toEqual([]);
  });
});
