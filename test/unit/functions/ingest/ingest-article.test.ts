import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryStoryIndex } from '../../../support/in-memory/in-memory-story-index';
import { createTopicSource } from '../../../../functions/adapters/cached-topic-source';
import { MAX_ANALYSED_WORDS } from '../../../../functions/contracts/limits';
import type { Topic } from '../../../../functions/domain/topics/topic-schema';
import type { IngestConfig } from '../../../../functions/ingest/config';
import { createIngestArticle, type IngestArticle } from '../../../../functions/ingest/ingest-article';
import { toObjectCreated, type ObjectCreated } from '../../../../functions/ingest/s3-event';
import { TransientError } from '../../../../functions/ports/errors';
import { plainTextArticle, seedTopics, SPECULATIVE_SUMMIT } from '../../../support/article-factories';
import {
  InMemoryArticleRepository,
  InMemoryObjectStore,
  InMemoryTopicStore,
  recordingLogger,
} from '../../../support/in-memory/in-memory-ports';
import { gzip, gzipBomb, singleByte } from '../../../support/charsets';
import { s3Record, type S3RecordInput } from '../../../support/s3-event-factory';
import { rssFeed } from '../domain/documents/format-fixtures';

const BUCKET = 'newswatch-articles-test';
const CONFIG: IngestConfig = { tableName: 'unused', articlesPrefix: 'articles/', maxArticleBytes: 2000 };
const NOW = new Date('2025-11-02T10:00:00.000Z');

const SUMMIT = SPECULATIVE_SUMMIT;
const UNRELATED = plainTextArticle({
  date: '2025-11-01',
  paragraphs: ['The city council approved a new tram line on Monday. Work starts in spring.'],
});

let defaults: Topic[];
let store: InMemoryObjectStore;
let repository: InMemoryArticleRepository;
let clock: Date;
let ingest: IngestArticle;

const bytesOf = (content: string | Uint8Array) =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/** Puts the object in the store and returns its ObjectCreated event, as the handler decodes it. */
const upload = (key: string, content: string | Uint8Array, record: Partial<S3RecordInput> = {}) => {
  store.put({ bucket: BUCKET, key, ...(record.versionId ? { versionId: record.versionId } : {}) }, content);
  return created({ key, size: bytesOf(content).length, ...record });
};

/** The event alone: whatever is (or is not) in the store. */
const created = (record: S3RecordInput): ObjectCreated =>
  toObjectCreated(s3Record({ bucket: BUCKET, ...record }));

beforeAll(async () => {
  defaults = await seedTopics();
});

beforeEach(() => {
  store = new InMemoryObjectStore();
  repository = new InMemoryArticleRepository();
  clock = NOW;
  ingest = createIngestArticle({
    stories: new InMemoryStoryIndex(),
    store,
    repository,
    config: CONFIG,
    logger: recordingLogger(),
    topics: defaults,
    now: () => clock,
  });
});

describe('ingest article: stored', () => {
  it('stores the analysed article, read at the event’s version, with the topics it matches', async () => {
    store.put({ bucket: BUCKET, key: 'articles/summit.txt', versionId: 'v1' }, UNRELATED);
    const object = upload('articles/summit.txt', SUMMIT, { versionId: 'v2', eTag: 'etag-2' });
    store.put({ bucket: BUCKET, key: 'articles/summit.txt', versionId: 'v3' }, UNRELATED);

    const outcome = await ingest(object);

    expect(outcome).toEqual({
      status: 'stored',
      key: 'articles/summit.txt',
      entries: [
        {
          write: 'written',
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          storyId: expect.stringMatching(/^2025-11-[0-9a-f]{10}$/),
          storyRole: 'original',
        },
      ],
    });
    expect(store.reads).toEqual([{ bucket: BUCKET, key: 'articles/summit.txt', versionId: 'v2' }]);
    const article = repository.article('articles/summit.txt');
    expect(article).toMatchObject({
      key: 'articles/summit.txt',
      bucket: BUCKET,
      versionId: 'v2',
      eTag: 'etag-2',
      size: bytesOf(SUMMIT).length,
      sequencer: object.sequencer,
      format: 'plain-text',
      publishedAt: '2025-11-02',
      ingestedAt: NOW.toISOString(),
    });
    expect(article?.entryId).toBeUndefined();
    expect(article?.contentHash).toBe(outcome.status === 'stored' ? outcome.entries[0]?.contentHash : '');
    expect(article?.summary.length).toBeGreaterThan(0);
    expect(article?.matches).toEqual([
      expect.objectContaining({
        topicId: 'trump-kim-summit',
        certainty: 'speculative',
        alerts: true,
        delivery: 'instant',
      }),
    ]);
  });

  it('stores an article that matches no topic with no matches', async () => {
    await ingest(upload('articles/tram.txt', UNRELATED));

    expect(repository.article('articles/tram.txt')).toMatchObject({ publishedAt: '2025-11-01', matches: [] });
  });

  it('gives the same article under another key, with other line endings, the same content hash', async () => {
    const crlf = plainTextArticle({
      date: '2025-11-02',
      paragraphs: [
        'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday. Neither government has confirmed the plan.',
        'Trump and Kim last met in 2019 at Panmunjom.',
      ],
      eol: '\r\n',
      finalNewline: true,
    });

    const first = await ingest(upload('articles/a.txt', SUMMIT));
    const second = await ingest(upload('articles/b.txt', crlf));
    const third = await ingest(upload('articles/c.txt', UNRELATED));

    const hashOf = (outcome: typeof first) =>
      outcome.status === 'stored' ? outcome.entries[0]?.contentHash : '';
    expect(hashOf(second)).toBe(hashOf(first));
    expect(hashOf(third)).not.toBe(hashOf(first));
  });

  it('stores one entry per feed entry under the object’s key, each with its entry id', async () => {
    const feed = rssFeed([
      {
        guid: 'wire-1',
        title: 'Ministers agree debt relief',
        pubDate: 'Sun, 02 Nov 2025 09:00:00 GMT',
        description:
          'Finance ministers agreed on Tuesday to extend debt relief. The deal covers forty countries.',
      },
      {
        guid: 'wire-2',
        title: 'Storm closes ports',
        pubDate: 'Sun, 02 Nov 2025 09:00:00 GMT',
        description: 'A storm closed three ports on Monday. Ferries were cancelled until Wednesday.',
      },
    ]);

    const outcome = await ingest(upload('articles/wire.xml', feed));

    expect(outcome).toMatchObject({
      status: 'stored',
      entries: [
        { entryId: 'wire-1', write: 'written' },
        { entryId: 'wire-2', write: 'written' },
      ],
    });
    expect(repository.article('articles/wire.xml')).toBeUndefined();
    expect(repository.entries('articles/wire.xml').map((e) => [e.entryId, e.title, e.format])).toEqual([
      ['wire-1', 'Ministers agree debt relief', 'rss'],
      ['wire-2', 'Storm closes ports', 'rss'],
    ]);
  });

  it('matches against the topic source as it is when each article arrives', async () => {
    const topicStore = new InMemoryTopicStore();
    const ingestWithSource = createIngestArticle({
      stories: new InMemoryStoryIndex(),
      store,
      repository,
      config: CONFIG,
      logger: recordingLogger(),
      topics: createTopicSource({ defaults, store: topicStore, logger: recordingLogger(), ttlSeconds: 0 }),
      now: () => clock,
    });

    await ingestWithSource(upload('articles/before.txt', SUMMIT));
    await topicStore.remove('trump-kim-summit', NOW.toISOString());
    await topicStore.put(
      'border-meeting',
      {
        id: 'border-meeting',
        name: 'Leaders meet at the border',
        actors: [{ name: 'Donald Trump' }, { name: 'Kim Jong Un' }],
        event: { type: 'meeting', triggers: ['meet'] },
        delivery: 'digest',
      },
      NOW.toISOString(),
    );
    await ingestWithSource(upload('articles/after.txt', SUMMIT));

    const topicsOf = (key: string) =>
      repository.article(key)?.matches.map((match) => [match.topicId, match.delivery]);
    expect(topicsOf('articles/before.txt')).toEqual([['trump-kim-summit', 'instant']]);
    expect(topicsOf('articles/after.txt')).toEqual([['border-meeting', 'digest']]);
  });
});

describe('ingest article: the object’s Content-Type and Content-Encoding', () => {
  const stored = (
    key: string,
    bytes: Uint8Array,
    metadata: { contentType?: string; contentEncoding?: string },
  ) => {
    store.put({ bucket: BUCKET, key }, bytes, metadata);
    return created({ key, size: bytes.length });
  };

  it('decodes by the Content-Type charset the store returns, and inflates a gzip Content-Encoding', async () => {
    const latin = singleByte(SUMMIT.replace('Trump', 'Trump’s envoy said Trump'), 'windows-1252');
    await ingest(stored('articles/latin.txt', latin, { contentType: 'text/plain; charset=windows-1252' }));
    await ingest(
      stored('articles/packed.txt', gzip(latin), {
        contentType: 'text/plain; charset=cp1252',
        contentEncoding: 'gzip',
      }),
    );
    const [plain, packed] = [
      repository.article('articles/latin.txt'),
      repository.article('articles/packed.txt'),
    ];
    expect(plain?.summary.join(' ')).toContain('Trump’s envoy');
    expect(packed?.contentHash).toBe(plain?.contentHash);
    expect(packed?.size).toBeLessThan(latin.length);
  });

  it('rejects a gzip that inflates beyond maxArticleBytes as too-large', async () => {
    const outcome = await ingest(stored('articles/bomb.txt', gzipBomb(100_000), { contentEncoding: 'gzip' }));
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: 'too-large',
      detail: expect.stringContaining('2000-byte limit'),
    });
  });
});

describe('ingest article: rejected', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const LATIN1 = new Uint8Array([0x63, 0x61, 0xe9]);

  it.each([
    ['an empty object', 'articles/empty.txt', new Uint8Array(), 'empty'],
    ['whitespace only', 'articles/blank.txt', ' \n\n ', 'empty'],
    ['a PNG', 'articles/photo.txt', PNG, 'binary'],
    ['invalid UTF-8', 'articles/latin1.txt', LATIN1, 'invalid-encoding'],
    [
      'malformed JSON',
      'articles/budget.json',
      '{"title": "Budget", "body": "The council met.",}',
      'malformed',
    ],
    ['a key outside the prefix', 'uploads/a.txt', SUMMIT, 'outside-prefix'],
  ] as const)('records a rejection, with its reason, for %s', async (_label, key, content, reason) => {
    const outcome = await ingest(upload(key, content));

    expect(outcome).toEqual({
      status: 'rejected',
      key,
      write: 'written',
      reason,
      detail: expect.stringMatching(/\S/),
    });
    expect(repository.rejection(key)).toMatchObject({
      key,
      bucket: BUCKET,
      reason,
      size: bytesOf(content).length,
      rejectedAt: NOW.toISOString(),
    });
    expect(repository.allArticles()).toEqual([]);
  });

  it('decides from the event alone, without reading S3: outside the prefix, too large, empty', async () => {
    await ingest(upload('uploads/a.txt', SUMMIT));
    await ingest(created({ key: 'articles/huge.txt', size: 5 * 1024 * 1024 * 1024 }));
    await ingest(created({ key: 'articles/none.txt', size: 0 }));

    expect(store.reads).toEqual([]);
    expect(repository.rejection('articles/huge.txt')).toMatchObject({
      reason: 'too-large',
      size: 5 * 1024 * 1024 * 1024,
      detail: expect.stringContaining('2000-byte limit'),
    });
    expect(repository.rejection('articles/none.txt')?.reason).toBe('empty');
  });

  it('rejects what the read returns when it is over the limit though the event said less', async () => {
    // A versionless read may return a newer, larger object than the one the event is about.
    store.put({ bucket: BUCKET, key: 'articles/grown.txt' }, 'x'.repeat(3000));

    const outcome = await ingest(created({ key: 'articles/grown.txt', size: 10 }));

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'too-large' });
    expect(repository.rejection('articles/grown.txt')?.detail).toContain('3000 bytes');
  });

  it('rejects an object gone by the time it is read as not-found', async () => {
    const outcome = await ingest(created({ key: 'articles/gone.txt', size: 100, versionId: 'v9' }));

    expect(outcome).toMatchObject({ status: 'rejected', reason: 'not-found', write: 'written' });
    expect(store.reads).toEqual([{ bucket: BUCKET, key: 'articles/gone.txt', versionId: 'v9' }]);
  });

  it('rejects a key that is not valid URL encoding, under the key as it came', async () => {
    const outcome = await ingest(
      created({ key: 'articles/x.txt', rawKey: 'articles/%E0%A4%A.txt', size: 10 }),
    );

    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: 'malformed-key',
      key: 'articles/%E0%A4%A.txt',
    });
    expect(repository.rejection('articles/%E0%A4%A.txt')?.reason).toBe('malformed-key');
    expect(store.reads).toEqual([]);
  });
});

describe('ingest article: events out of order and redelivered', () => {
  it('treats a redelivered event as stale and keeps what the first delivery wrote', async () => {
    const object = upload('articles/summit.txt', SUMMIT);
    await ingest(object);
    clock = new Date('2025-11-02T11:00:00.000Z');

    const again = await ingest(object);

    expect(again).toMatchObject({ status: 'stored', entries: [{ write: 'stale' }] });
    expect(repository.article('articles/summit.txt')?.ingestedAt).toBe(NOW.toISOString());
  });

  it('lets the newer upload of a key win when the older event arrives after it', async () => {
    const older = upload('articles/summit.txt', UNRELATED, { versionId: 'v1' });
    const newer = upload('articles/summit.txt', SUMMIT, { versionId: 'v2' });

    await ingest(newer);
    const late = await ingest(older);

    expect(late).toMatchObject({ status: 'stored', entries: [{ write: 'stale' }] });
    expect(repository.article('articles/summit.txt')).toMatchObject({
      versionId: 'v2',
      sequencer: newer.sequencer,
      publishedAt: '2025-11-02',
    });
  });

  it('does not record a late rejection beside a newer article of the key', async () => {
    const older = upload('articles/summit.txt', new Uint8Array(), { versionId: 'v1' });
    const newer = upload('articles/summit.txt', SUMMIT, { versionId: 'v2' });

    await ingest(newer);
    const late = await ingest(older);

    expect(late).toMatchObject({ status: 'rejected', reason: 'empty', write: 'stale' });
    expect(repository.rejection('articles/summit.txt')).toBeUndefined();
    expect(repository.article('articles/summit.txt')?.versionId).toBe('v2');
  });
});

describe('ingest article: failures worth retrying', () => {
  it('throws a TransientError when the object cannot be read, and writes nothing', async () => {
    const object = upload('articles/summit.txt', SUMMIT);
    store.failNext(Object.assign(new Error('Slow Down'), { name: 'SlowDown' }));

    await expect(ingest(object)).rejects.toBeInstanceOf(TransientError);
    expect(repository.allArticles()).toEqual([]);
    expect(repository.rejection('articles/summit.txt')).toBeUndefined();
    // The retry succeeds.
    await expect(ingest(object)).resolves.toMatchObject({ status: 'stored' });
  });

  it('lets a repository failure propagate, so the event is retried', async () => {
    const object = upload('articles/summit.txt', SUMMIT);
    repository.failNext(new Error('throttled'));

    await expect(ingest(object)).rejects.toThrow('throttled');
    expect(repository.allArticles()).toEqual([]);
  });
});

describe('ingest article: bounded work per upload', () => {
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      guid: `item-${i}`,
      title: `Council notice ${i}`,
      description: `The council published notice number ${i} on Monday. It concerns road works.`,
    }));
  const roomy = () =>
    createIngestArticle({
      stories: new InMemoryStoryIndex(),
      store,
      repository,
      config: { ...CONFIG, maxArticleBytes: 5 * 1024 * 1024 },
      logger: recordingLogger(),
      topics: defaults,
      now: () => clock,
    });

  it('writes every entry of a long feed, in order, ten at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const save = repository.saveArticle.bind(repository);
    repository.saveArticle = async (record) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return save(record);
    };
    const outcome = await roomy()(upload('articles/notices.xml', rssFeed(items(35))));
    expect(outcome.status).toBe('stored');
    expect(repository.entries('articles/notices.xml').map((e) => e.entryId)).toEqual(
      items(35).map((item) => item.guid),
    );
    expect(most).toBe(10);
  });

  it('stores an article over the analysis word budget with the words analysed, and says so in the log', async () => {
    const paragraphs = Array.from(
      { length: 6000 },
      (_, i) =>
        `The city council approved repairs worth ${i} pounds on Monday. Engineers said the new work would start within two weeks.`,
    );
    const logger = recordingLogger();
    const outcome = await createIngestArticle({
      stories: new InMemoryStoryIndex(),
      store,
      repository,
      config: { ...CONFIG, maxArticleBytes: 5 * 1024 * 1024 },
      logger,
      topics: defaults,
      now: () => clock,
    })(upload('articles/report.txt', plainTextArticle({ date: '2025-11-01', paragraphs })));
    expect(outcome.status).toBe('stored');
    expect(repository.article('articles/report.txt')).toMatchObject({
      wordCount: 120_000,
      analysedWords: MAX_ANALYSED_WORDS,
    });
    expect(logger.entries).toContainEqual({
      level: 'warn',
      message: 'Article analysed in part: its body is over the analysis word budget',
      extra: [{ key: 'articles/report.txt', wordCount: 120_000, analysedWords: MAX_ANALYSED_WORDS }],
    });
    // An ordinary article has no such field.
    await ingest(upload('articles/tram.txt', UNRELATED));
    expect(repository.article('articles/tram.txt')).not.toHaveProperty('analysedWords');
  });

  it('rejects an upload of more entries than one invocation handles, before analysing any', async () => {
    const outcome = await roomy()(upload('articles/dump.xml', rssFeed(items(1001))));
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: 'too-large',
      detail: '1001 entries is over the 1000-entry limit of one upload; split it',
    });
    expect(repository.entries('articles/dump.xml')).toEqual([]);
  });
});
