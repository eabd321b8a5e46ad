import { readdirSync, readFileSync } from 'node:fs';
import { InMemoryStoryIndex } from '../../../support/in-memory/in-memory-story-index';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import topicsFile from '../../../../seeds/topics.json';
import {
  analyseUpload,
  matchUpload,
  readUpload,
  type AnalysedEntry,
  type UploadAnalysis,
} from '../../../../functions/domain/analyse-upload';
import { compileTopics } from '../../../../functions/domain/topics/match-topics';
import { parseTopics } from '../../../../functions/domain/topics/topic-schema';
import { createIngestArticle } from '../../../../functions/ingest/ingest-article';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../../functions/contracts/limits';
import type { ArticleRecord } from '../../../../functions/ports/records';
import { htmlPage } from './documents/format-fixtures';
import type { AppLogger } from '../../../../functions/runtime/logger';
import {
  SEED_ARTICLES as OWN_SEEDS,
  SHARED_SEED as SEED_FILE,
  sharedSeedAvailable as seedAvailable,
} from '../../../support/article-factories';

const topicList = parseTopics(topicsFile);
const topics = compileTopics(topicList);
const limits = { maxBytes: DEFAULT_MAX_ARTICLE_BYTES };
const encode = (text: string) => new TextEncoder().encode(text);
/** seeds/articles, sorted: a prefix picks one file whatever the file system's order. */
const ownSeedNames = readdirSync(OWN_SEEDS).sort();
const ownSeed = (prefix: string) => {
  const name = ownSeedNames.find((file) => file.startsWith(prefix));
  if (!name) throw new Error(`no seeds/articles/${prefix}*`);
  return { key: name, bytes: readFileSync(path.join(OWN_SEEDS, name)) };
};

const accepted = (analysis: UploadAnalysis) => {
  if (!analysis.ok) throw new Error(`rejected: ${analysis.reason}: ${analysis.detail}`);
  return analysis.entries;
};

if (!seedAvailable)
  console.warn(`analyse-upload seed case skipped: ${SEED_FILE} not found (../shared beside the repo).`);

describe('analyseUpload', () => {
  it.skipIf(!seedAvailable)('matches the shared seed to trump-kim-summit, speculative, alerting', () => {
    const entries = accepted(
      analyseUpload({ bytes: readFileSync(SEED_FILE), key: 'seed.txt' }, limits, topics),
    );
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry?.article.publishedAt).toBe('2025-10-18');
    expect(entry?.article.entities.people).toEqual(expect.arrayContaining(['Donald Trump', 'Kim Jong Un']));
    expect(entry?.matches.map((m) => [m.topicId, m.certainty, m.alerts])).toEqual([
      ['trump-kim-summit', 'speculative', true],
    ]);
    expect(entry?.matches[0]?.evidence.length).toBeGreaterThan(0);
  });

  it('finds no alerting match in the near miss that names both leaders but no meeting between them', () => {
    const entries = accepted(analyseUpload(ownSeed('002-'), limits, topics));
    expect(entries[0]?.article.entities.people).toEqual(expect.arrayContaining(['Donald Trump']));
    expect(entries.flatMap((entry) => entry.matches.filter((m) => m.alerts))).toEqual([]);
  });

  it('reads the announced summit as planned', () => {
    const entries = accepted(analyseUpload(ownSeed('007-'), limits, topics));
    expect(entries[0]?.matches.map((m) => [m.topicId, m.certainty, m.alerts])).toEqual([
      ['trump-kim-summit', 'planned', true],
    ]);
  });

  it('gives each feed entry its own article, entry id and matches', () => {
    const item = (guid: string, title: string, body: string) =>
      `<item><guid>${guid}</guid><title>${title}</title><pubDate>Mon, 27 Oct 2025 09:00:00 GMT</pubDate><description>${body}</description></item>`;
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${item(
      'wire-1',
      'Trump may meet Kim',
      'President Donald Trump could meet North Korean leader Kim Jong Un during his Asia tour, officials said. Neither side has confirmed a meeting.',
    )}${item(
      'wire-2',
      'Storm closes ports',
      'A storm closed three ports on Monday. Ferries were cancelled until Wednesday.',
    )}</channel></rss>`;
    const entries = accepted(analyseUpload({ bytes: encode(rss), key: 'wire.xml' }, limits, topics));
    expect(
      entries.map((entry) => [entry.article.format, entry.article.entryId, entry.article.title]),
    ).toEqual([
      ['rss', 'wire-1', 'Trump may meet Kim'],
      ['rss', 'wire-2', 'Storm closes ports'],
    ]);
    expect(entries.map((entry) => entry.matches.map((m) => m.topicId))).toEqual([['trump-kim-summit'], []]);
  });

  describe('short items: a headline alone, or a headline and one line, is an article', () => {
    const wire = (...items: { title?: string; description?: string }[]) =>
      encode(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items
          .map(
            ({ title, description }, i) =>
              `<item><guid>flash-${i + 1}</guid><pubDate>Mon, 04 Feb 2019 09:00:00 GMT</pubDate>${
                title === undefined ? '' : `<title>${title}</title>`
              }${description === undefined ? '' : `<description>${description}</description>`}</item>`,
          )
          .join('')}</channel></rss>`,
      );
    const HEADLINE = 'Trump to meet Kim in Hanoi next month';

    /** An article read by its headline alone: the headline is its title, summary and only sentence. */
    const expectReadByHeadline = (article: AnalysedEntry['article'] | undefined) => {
      expect(article).toMatchObject({
        title: HEADLINE,
        titleGenerated: false,
        summary: [HEADLINE],
        summaryLine: HEADLINE,
        shortItem: true,
      });
      expect(article?.sentences.map((s) => [s.role, s.text])).toEqual([['body', HEADLINE]]);
    };

    it('reads a headline-only item with the headline as its text: summary, matching and certainty', () => {
      // Until short items became articles this was `no-body` (only headings or captions, no prose).
      const [entry] = accepted(
        analyseUpload({ bytes: wire({ title: HEADLINE }), key: 'wire.xml' }, limits, topics),
      );
      expectReadByHeadline(entry?.article);
      expect(entry?.matches).toMatchObject([
        {
          topicId: 'trump-kim-summit',
          certainty: expect.stringMatching(/^(planned|speculative)$/),
          evidence: [{ sentence: HEADLINE }],
        },
      ]);
    });

    it('reads an HTML page with a headline and no prose the same way: summary and matching', () => {
      const page = htmlPage({
        title: `${HEADLINE} | The Daily Example`,
        meta: { 'og:title': HEADLINE, 'article:published_time': '2019-02-04T09:00:00Z' },
        article: '',
        chrome: true,
      });
      const [entry] = accepted(analyseUpload({ bytes: encode(page), key: 'flash.html' }, limits, topics));
      expect(entry?.article.format).toBe('html');
      expectReadByHeadline(entry?.article);
      expect(entry?.matches.map((m) => [m.topicId, m.certainty])).toEqual([
        ['trump-kim-summit', expect.stringMatching(/^(planned|speculative)$/)],
      ]);
    });

    it('reads a headline with a one-line description: the summary leads with the headline, which matches', () => {
      const description = 'The two leaders last met in Singapore in June.';
      const [entry] = accepted(
        analyseUpload({ bytes: wire({ title: HEADLINE, description }), key: 'wire.xml' }, limits, topics),
      );
      expect(entry?.article.title).toBe(HEADLINE);
      expect(entry?.article.summary).toEqual([HEADLINE, description]);
      expect(entry?.article.summaryLine).toBe(HEADLINE);
      expect(entry?.matches.map((m) => [m.topicId, m.evidence.map((e) => e.sentence)])).toEqual([
        // The line refers back to the headline's meeting ("the two leaders"): a past one, as context.
        ['trump-kim-summit', [HEADLINE, description]],
      ]);
      expect(['planned', 'speculative']).toContain(entry?.matches[0]?.certainty);
    });

    it('reads a description that repeats the headline once, and a one-line plain-text flash alike', () => {
      const [repeated] = accepted(
        analyseUpload(
          { bytes: wire({ title: HEADLINE, description: HEADLINE }), key: 'wire.xml' },
          limits,
          topics,
        ),
      );
      const [flash] = accepted(
        analyseUpload({ bytes: encode(` date 2019-02-04 ${HEADLINE}`), key: 'flash.txt' }, limits, topics),
      );
      for (const entry of [repeated, flash]) {
        expect(entry?.article.sentences.map((s) => [s.role, s.text])).toEqual([['body', HEADLINE]]);
        expect(entry?.article.summary).toEqual([HEADLINE]);
        expect(entry?.matches.map((m) => m.topicId)).toEqual(['trump-kim-summit']);
      }
    });

    it('reads a Title Case wire flash, and drops only the entries with no word at all', () => {
      const flash = "Biden to Meet China's Xi in San Francisco Next Week Amid Tensions";
      const entries = accepted(
        analyseUpload(
          {
            bytes: wire({ title: flash }, { description: '&lt;p&gt; &lt;/p&gt;' }, { title: ' — ' }),
            key: 'wire.xml',
          },
          limits,
          topics,
        ),
      );
      expect(
        entries.map((entry) => [entry.article.entryId, entry.article.title, entry.article.summary]),
      ).toEqual([['flash-1', flash, [flash]]]);
      // Its capitals are a headline's, not names.
      expect(entries[0]?.article.entities.organizations).toEqual([]);
    });

    it('keeps an article of several sentences as it was: its headline is no body sentence', () => {
      const description =
        'Donald Trump will meet Kim Jong Un in Hanoi, the White House said. The date is not set.';
      const [entry] = accepted(
        analyseUpload({ bytes: wire({ title: HEADLINE, description }), key: 'wire.xml' }, limits, topics),
      );
      expect(entry?.article.shortItem).toBeUndefined();
      expect(entry?.article.sentences.map((s) => s.text)).not.toContain(HEADLINE);
    });
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'empty'],
    ['whitespace only', encode(' \n\t\n'), 'empty'],
    ['a PNG image', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary'],
    ['invalid UTF-8', Uint8Array.from([0x41, 0x42, 0xc3, 0x28, 0x43]), 'invalid-encoding'],
    ['broken JSON', encode('{"title": "Half a document", "body": "It stops'), 'malformed'],
    ['a header with no body', encode(' date 2025-10-18 '), 'no-body'],
  ] as const)('rejects %s with the reason %s, as ingest does', (_what, bytes, reason) => {
    const analysis = analyseUpload({ bytes, key: 'upload.json' }, limits, topics);
    expect(analysis).toMatchObject({ ok: false, reason });
    expect(analysis.ok ? '' : analysis.detail).not.toBe('');
  });

  it('reads a feed whose DOCTYPE declares entities, and rejects a broken DOCTYPE, never throwing', () => {
    const rdf = (doctype: string) =>
      encode(`<?xml version="1.0"?>
${doctype}
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<item rdf:about="https://example.com/1"><title>Rates</title><link>https://example.com/1</link>
<description>The central bank raised interest rates by a quarter point on Wednesday, citing inflation.</description></item>
</rdf:RDF>`);
    const read = readUpload(
      { key: 'feed.rdf', bytes: rdf('<!DOCTYPE rdf:RDF [ <!ENTITY % e SYSTEM "x.ent"> %e; ]>') },
      limits,
    );
    expect(read.ok && read.articles.map((article) => article.entryId)).toEqual(['https://example.com/1']);
    expect(
      readUpload({ key: 'feed.rdf', bytes: rdf('<!DOCTYPE rdf:RDF [ <!ENTITY a "b">') }, limits),
    ).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'malformed XML: the DOCTYPE is not closed',
    });
  });

  it('rejects more bytes than the limit with both numbers in the detail', () => {
    const bytes = encode(` date 2025-10-18 ${'A sentence of prose. '.repeat(10)}`);
    expect(analyseUpload({ bytes, key: 'big.txt' }, { maxBytes: 100 }, topics)).toEqual({
      ok: false,
      reason: 'too-large',
      detail: `${bytes.length} bytes is over the 100-byte limit`,
    });
    expect(readUpload({ bytes, key: 'big.txt' }, { maxBytes: bytes.length }).ok).toBe(true);
  });

  it('is readUpload then matchUpload', () => {
    const upload = ownSeed('001-');
    const read = readUpload(upload, limits);
    if (!read.ok) throw new Error(read.reason);
    expect(analyseUpload(upload, limits, topics)).toEqual(matchUpload(read.articles, topics));
    expect(analyseUpload(upload, limits, topics)).toMatchObject({ ok: true, entries: [{ article: {} }] });
  });
});

describe('the ingest use case stores what analyseUpload says', () => {
  const silent = { debug() {}, info() {}, warn() {}, error() {}, appendKeys() {} } as unknown as AppLogger;

  const ingest = async (key: string, bytes: Uint8Array) => {
    const saved: ArticleRecord[] = [];
    const rejections: { reason: string; detail: string }[] = [];
    const run = createIngestArticle({
      stories: new InMemoryStoryIndex(),
      store: { getObject: async () => ({ bytes }) },
      repository: {
        saveArticle: async (article) => (saved.push(article), 'written'),
        saveRejection: async (rejection) => (rejections.push(rejection), 'written'),
      },
      config: { tableName: 'table', articlesPrefix: 'articles/', maxArticleBytes: limits.maxBytes },
      logger: silent,
      topics: topicList,
      now: () => new Date('2025-10-28T10:00:00Z'),
    });
    await run({ bucket: 'b', key, rawKey: key, size: Math.max(bytes.length, 1), sequencer: '01' });
    return { saved, rejections };
  };

  const files = ownSeedNames.filter((name) => name.endsWith('.txt'));

  it.each(files)('%s', async (name) => {
    const bytes = readFileSync(path.join(OWN_SEEDS, name));
    const { saved } = await ingest(`articles/${name}`, bytes);
    const entries = accepted(analyseUpload({ bytes, key: `articles/${name}` }, limits, topics));
    expect(
      saved.map((item) => [item.title, item.publishedAt, item.summary, item.entities, item.matches]),
    ).toEqual(
      entries.map(({ article, matches }) => [
        article.title,
        article.publishedAt,
        article.summary,
        article.entities,
        matches,
      ]),
    );
  });

  it('and rejects what analyseUpload rejects, with the same reason and detail', async () => {
    const bytes = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
    const { rejections } = await ingest('articles/report.pdf', bytes);
    const analysis = analyseUpload({ bytes, key: 'articles/report.pdf' }, limits, topics);
    expect(analysis.ok).toBe(false);
    expect(rejections.map(({ reason, detail }) => ({ ok: false, reason, detail }))).toEqual([analysis]);
  });
});
