import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyScores,
  DEFAULT_DIR,
  evaluateExtraction,
  ExtractionDataError,
  main,
  normalisedAuthors,
  shingleCounts,
  shingles,
  toJson,
} from './eval-extraction';

describe('the benchmark scoring (article-extraction-benchmark evaluate.py)', () => {
  it('counts 4-token shingles of \\w+ tokens, a short text as one shingle', () => {
    expect([...shingles('One, two three four five.').keys()]).toHaveLength(2);
    expect([...shingles('Hi there').values()]).toEqual([1]);
    expect(shingles('')).toEqual(new Map());
  });

  it('scores true and false positives per shingle, with their counts', () => {
    expect(shingleCounts('a b c d e', 'a b c d e')).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(shingleCounts('a b c d e', 'a b c d x')).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(shingleCounts('a b c d', '')).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('averages precision over pages that predicted something and recall over pages with truth', () => {
    const scores = bodyScores([
      { tp: 1, fp: 0, fn: 1 },
      { tp: 0, fp: 0, fn: 1 },
    ]);
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBe(0.25);
    expect(scores.f1).toBeCloseTo(0.4);
  });

  it('compares authors as lists, whatever joins them', () => {
    expect(normalisedAuthors('David Brand and Ramsey Khalifeh')).toBe(
      normalisedAuthors('David Brand, Ramsey Khalifeh'),
    );
    expect(normalisedAuthors(['Jane Smith', 'Li Wei'])).toBe('jane smith li wei');
  });
});

describe('eval:extraction on generated data', () => {
  let dir = '';
  const page = (title: string, body: string, meta = '') =>
    `<!doctype html><html><head><title>${title} | The Daily Example</title>${meta}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${title}</h1><p class="byline">By Jane Smith</p>${body}</article><footer>Copyright</footer></body></html>`;
  const prose = [
    'The council approved a new budget for road repairs at its meeting in Leeds on Monday.',
    'Heavy rain flooded several streets near the river before engineers cleared the drains.',
    'A local school won a national science prize for its work on recycling plastic waste.',
  ];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newswatch-extraction-'));
    const bench = path.join(dir, 'article-extraction-benchmark');
    mkdirSync(path.join(bench, 'html'), { recursive: true });
    writeFileSync(
      path.join(bench, 'html', 'a1.html.gz'),
      gzipSync(page('Budget approved', prose.map((p) => `<p>${p}</p>`).join(''))),
    );
    writeFileSync(
      path.join(bench, 'ground-truth.json'),
      JSON.stringify({ a1: { articleBody: prose.join('\n\n') } }),
    );
    const traf = path.join(dir, 'trafilatura');
    mkdirSync(path.join(traf, 'html'), { recursive: true });
    writeFileSync(
      path.join(traf, 'html', 't1.html.gz'),
      gzipSync(
        page(
          'Roads reopen',
          prose.map((p) => `<p>${p}</p>`).join(''),
          '<meta property="article:published_time" content="2025-10-18T09:00:00Z">',
        ),
      ),
    );
    writeFileSync(
      path.join(traf, 'evaldata.json'),
      JSON.stringify({
        'https://example.com/t1': {
          file: 't1.html',
          html_gz: 'html/t1.html.gz',
          with: [prose[1]],
          without: ['Copyright', 'Home News'],
          title: 'Roads reopen',
          author: 'Jane Smith',
          date: '2025-10-18',
        },
      }),
    );
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scores the product and the peer on both sets', () => {
    const report = toJson(evaluateExtraction(dir));
    expect(report.product.body).toMatchObject({ pages: 1, precision: 1, recall: 1, f1: 1 });
    expect(report.product.snippets).toMatchObject({ foundRate: 1, absentRate: 1 });
    expect(report.product).toMatchObject({
      title: { scored: 1, matched: 1 },
      date: { scored: 1, matched: 1 },
      author: { scored: 1, matched: 1 },
    });
    expect(report.peer.body?.pages).toBe(1);
  });

  it('says when the folder holds neither set, and exits 2', () => {
    expect(() => evaluateExtraction(path.join(dir, 'nothing'))).toThrow(ExtractionDataError);
    expect(main([path.join(dir, 'nothing'), '--json'])).toBe(2);
  });
});

const hasData = existsSync(DEFAULT_DIR);
if (!hasData)
  console.warn(`HTML extraction data not found at ${DEFAULT_DIR}: skipping the evaluation on real pages`);

describe.skipIf(!hasData)(
  'eval:extraction on the real pages (../shared/eval/html-extraction)',
  () => {
    const report = hasData ? evaluateExtraction(DEFAULT_DIR) : undefined;

    it('extracts the body at least as well as raw Readability, and at F1 0.95 or better', () => {
      const product = report?.product.body;
      const peer = report?.peer.body;
      expect(product?.pages).toBeGreaterThan(0);
      expect(product?.f1).toBeGreaterThanOrEqual(peer?.f1 ?? 1);
      expect(product?.f1).toBeGreaterThanOrEqual(0.95);
    });

    it('keeps out more of the boilerplate snippets than raw Readability', () => {
      expect(report?.product.snippets?.absentRate).toBeGreaterThan(report?.peer.snippets?.absentRate ?? 1);
      expect(report?.product.snippets?.foundRate).toBeGreaterThanOrEqual(0.85);
    });

    it('finds the title, date and author of the pages', () => {
      expect(report?.product.title?.rate).toBeGreaterThanOrEqual(0.85);
      expect(report?.product.date?.rate).toBeGreaterThanOrEqual(0.85);
      expect(report?.product.author?.rate).toBeGreaterThanOrEqual(0.7);
    });
  },
  60_000,
);
