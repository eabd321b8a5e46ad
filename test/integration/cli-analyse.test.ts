import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths';

/**
 * `newswatch analyse` as an operator runs it (node + tsx on infra/cli/main.ts, one process): a
 * thousand article files in four formats, and the exit code of a bad call. Needs neither Java nor
 * AWS: no DynamoDB Local is started.
 */
const TSX = createRequire(import.meta.url).resolve('tsx');
const CLI = join(REPO_ROOT, 'infra', 'cli', 'main.ts');
const SEEDS = join(REPO_ROOT, 'seeds', 'articles');
const FILES = 1_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function newswatch(...args: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: REPO_ROOT,
    // No AWS configuration at all: analyse must not need it.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) =>
    child.once('close', (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    ),
  );
}

/** A seed article (` date YYYY-MM-DD body…`, blank-line paragraphs) as date and paragraphs. */
const partsOf = (text: string) => {
  const match = /^\s*date (\d{4}-\d{2}-\d{2}) ([\s\S]*)$/.exec(text);
  if (!match) throw new Error('not in the plain-text upload format');
  const paragraphs = (match[2] ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return { date: match[1] ?? '', paragraphs };
};

const FORMATS = ['txt', 'md', 'html', 'json'] as const;

/** The same article as plain text, Markdown with front matter, an HTML page with navigation, JSON. */
const render = (format: (typeof FORMATS)[number], date: string, paragraphs: string[]) => {
  const title = (paragraphs[0] ?? '').split(/(?<=[.!?])\s/)[0] ?? '';
  switch (format) {
    case 'txt':
      return ` date ${date} ${paragraphs.join('\n\n')}`;
    case 'md':
      return `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\n---\n\n${paragraphs.join('\n\n')}\n`;
    case 'html':
      return `<!doctype html><html><head><title>${title}</title><meta property="article:published_time" content="${date}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>Copyright Example News</footer></body></html>`;
    case 'json':
      return JSON.stringify({ title, date, body: paragraphs.join('\n\n') });
  }
};

interface Line {
  file: string;
  format: string;
  publishedAt: string | null;
  rejected?: unknown;
  matches: { topicId: string; certainty: string; alerts: boolean }[];
}

describe('newswatch analyse (one process)', () => {
  let dir = '';
  /** For each generated file, the seed it was made from. */
  const seedOf = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-analyse-1000-'));
    const seeds = (await readdir(SEEDS)).sort();
    const texts = await Promise.all(seeds.map((name) => readFile(join(SEEDS, name), 'utf8')));
    for (let i = 0; i < FILES; i += 1) {
      const seed = i % seeds.length;
      const format = FORMATS[Math.floor(i / seeds.length) % FORMATS.length] ?? 'txt';
      const { date, paragraphs } = partsOf(texts[seed] ?? '');
      // Every file different: a closing line of its own, which names nobody and nothing tracked.
      const variant = [...paragraphs, `This is copy number ${i + 1} for the archive.`];
      const folder = join(dir, `batch-${String(Math.floor(i / 100)).padStart(2, '0')}`);
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${String(i).padStart(4, '0')}-${seeds[seed]}.${format}`);
      await writeFile(file, render(format, date, variant));
      seedOf.set(file, seeds[seed] ?? '');
    }
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`analyses ${FILES.toLocaleString('en')} files in four formats: one JSON line each, the matches the same in every format`, async () => {
    const result = await newswatch('analyse', dir, '--json');
    console.log(
      `newswatch analyse: ${FILES.toLocaleString('en')} files in ${result.seconds.toFixed(1)} s (one process, start-up included)`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
    expect(lines).toHaveLength(FILES);
    // Sorted and complete: the walk's order is the files' sorted paths.
    expect(lines.map((line) => line.file)).toEqual([...seedOf.keys()].sort());
    expect(lines.filter((line) => line.rejected !== undefined)).toEqual([]);
    expect(new Set(lines.map((line) => line.format))).toEqual(
      new Set(['plain-text', 'markdown', 'html', 'json']),
    );

    const matchesBySeed = new Map<string, Set<string>>();
    for (const line of lines) {
      const seed = seedOf.get(line.file) ?? '';
      const matches = line.matches.map((m) => `${m.topicId} ${m.certainty} ${m.alerts}`).join(', ');
      matchesBySeed.set(seed, (matchesBySeed.get(seed) ?? new Set()).add(matches));
    }
    const seen = (prefix: string) => [...matchesBySeed].find(([seed]) => seed.startsWith(prefix))?.[1];
    // Every copy of an article, whatever its format, matches as the original does.
    for (const [seed, variants] of matchesBySeed) expect([seed, variants.size]).toEqual([seed, 1]);
    expect(seen('001-')).toEqual(new Set(['trump-kim-summit speculative true']));
    expect(seen('002-')).toEqual(new Set(['']));
    expect(seen('007-')).toEqual(new Set(['trump-kim-summit planned true']));
    expect(seen('009-')).toEqual(new Set(['fed-rate-decision speculative true']));
  });

  it('exits 64 on a bad call, with one line on stderr and nothing on stdout', async () => {
    const result = await newswatch('analyse', join(dir, 'no-such-file.txt'), '--json');
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^newswatch: .*no-such-file\.txt: no such file or folder \(see newswatch --help\)\n$/,
    );
  });
});
