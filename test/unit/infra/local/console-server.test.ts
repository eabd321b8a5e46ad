import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS, staticFile } from '../../../../infra/local/console-server';

describe('the local console', () => {
  let root = '';
  let dist = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'newswatch-console-'));
    dist = join(root, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html>');
    await writeFile(join(dist, 'assets', 'app.js'), '');
    await writeFile(join(root, 'secret.txt'), 'not for the browser');
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('finds the files of the build, and a folder by its index.html', async () => {
    expect(await staticFile(dist, '/assets/app.js')).toBe(join(dist, 'assets', 'app.js'));
    expect(await staticFile(dist, '/')).toBe(join(dist, 'index.html'));
    expect(await staticFile(dist, '/stories/2025-11-3fa9c1d2e4')).toBeUndefined();
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/secret.txt%00.js',
    '/%E0%A4%A',
  ])('names nothing outside the build: %s', async (path) => {
    expect(await staticFile(dist, path)).toBeUndefined();
  });

  it('sends a CSP that allows no inline script or style', () => {
    const csp = SECURITY_HEADERS['content-security-policy'];
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(SECURITY_HEADERS).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });
});
