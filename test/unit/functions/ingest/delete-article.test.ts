import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryStoryIndex } from '../../../support/in-memory/in-memory-story-index';
import type { Topic } from '../../../../functions/domain/topics/topic-schema';
import { createDeleteArticle, type DeleteArticle } from '../../../../functions/ingest/delete-article';
import { createIngestArticle, type IngestArticle } from '../../../../functions/ingest/ingest-article';
import { toObjectCreated, toObjectRemoved } from '../../../../functions/ingest/s3-event';
import { plainTextArticle, seedTopics } from '../../../support/article-factories';
import {
  InMemoryArticleRepository,
  InMemoryMatchRepository,
  InMemoryObjectStore,
  recordingLogger,
} from '../../../support/in-memory/in-memory-ports';
import { matchRecord } from '../../../support/match-factories';
import { s3Record, type S3RecordInput } from '../../../support/s3-event-factory';
import { rssFeed } from '../domain/documents/format-fixtures';

const BUCKET = 'newswatch-articles-test';
const CONFIG = { tableName: 'unused', articlesPrefix: 'articles/', maxArticleBytes: 5000 };
const NOW = new Date('2025-11-03T09:00:00.000Z');

const ARTICLE = plainTextArticle({
  date: '2025-11-02',
  paragraphs: [
    'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday. Neither government has confirmed the plan.',
    'Officials in Seoul said talks about a summit were at an early stage.',
  ],
});

let topics: Topic[];
let store: InMemoryObjectStore;
let matches: InMemoryMatchRepository;
let repository: InMemoryArticleRepository;
let ingest: IngestArticle;
let remove: DeleteArticle;

/** Uploads the object and ingests it; its sequencer orders it against the deletions below. */
const uploaded = async (key: string, content: string, record: Partial<S3RecordInput> = {}) => {
  store.put({ bucket: BUCKET, key, ...(record.versionId ? { versionId: record.versionId } : {}) }, content);
  const object = toObjectCreated(s3Record({ bucket: BUCKET, key, size: content.length, ...record }));
  await ingest(object);
  return object;
};

const removed = (key: string, record: Partial<S3RecordInput> = {}) =>
  toObjectRemoved(
    s3Record({ bucket: BUCKET, key, eventName: 'ObjectRemoved:DeleteMarkerCreated', ...record }),
  );

beforeAll(async () => {
  topics = await seedTopics();
});

beforeEach(() => {
  store = new InMemoryObjectStore();
  matches = new InMemoryMatchRepository();
  repository = new InMemoryArticleRepository({ matches });
  const logger = recordingLogger();
  ingest = createIngestArticle({
    stories: new InMemoryStoryIndex(),
    store,
    repository,
    config: CONFIG,
    logger,
    topics,
    now: () => NOW,
  });
  remove = createDeleteArticle({ repository, config: CONFIG, logger, now: () => NOW });
});

describe('delete article', () => {
  it('replaces the article with a tombstone that records the deletion', async () => {
    await uploaded('articles/summit notes.txt', ARTICLE);
    const deletion = removed('articles/summit notes.txt');

    const outcome = await remove(deletion);

    expect(outcome).toEqual({
      status: 'deleted',
      key: 'articles/summit notes.txt',
      write: 'written',
      removedItems: 0,
    });
    expect(repository.article('articles/summit notes.txt')).toBeUndefined();
    expect(repository.tombstone('articles/summit notes.txt')).toEqual({
      key: 'articles/summit notes.txt',
      bucket: BUCKET,
      eventName: 'ObjectRemoved:DeleteMarkerCreated',
      sequencer: deletion.sequencer,
      deletedAt: NOW.toISOString(),
    });
  });

  it('leaves a tombstone for a key it never stored, so a late create cannot bring it back', async () => {
    store.put({ bucket: BUCKET, key: 'articles/late.txt' }, ARTICLE);
    const create = toObjectCreated(
      s3Record({ bucket: BUCKET, key: 'articles/late.txt', size: ARTICLE.length }),
    );
    const deletion = removed('articles/late.txt');

    expect(await remove(deletion)).toMatchObject({ status: 'deleted', write: 'written' });
    const late = await ingest(create);

    expect(late).toMatchObject({ status: 'stored', entries: [{ write: 'stale' }] });
    expect(repository.article('articles/late.txt')).toBeUndefined();
    expect(repository.tombstone('articles/late.txt')?.sequencer).toBe(deletion.sequencer);
  });

  it('is replaced by a newer upload of the key', async () => {
    await uploaded('articles/summit.txt', ARTICLE);
    await remove(removed('articles/summit.txt'));
    const again = await uploaded('articles/summit.txt', ARTICLE);

    expect(repository.tombstone('articles/summit.txt')).toBeUndefined();
    expect(repository.article('articles/summit.txt')?.sequencer).toBe(again.sequencer);
  });

  it('removes the feed entries, the topic matches and an older rejection of the key, and counts them', async () => {
    const feed = rssFeed([
      { guid: 'wire-1', title: 'Storm closes ports', description: 'A storm closed three ports on Monday.' },
      { guid: 'wire-2', title: 'Ferries cancelled', description: 'Ferries were cancelled until Wednesday.' },
    ]);
    // A rejected upload of the key first, then the feed (a rejection stays beside a newer entry).
    await uploaded('articles/wire.xml', '');
    await uploaded('articles/wire.xml', feed);
    await matches.saveMatch(matchRecord({ articleKey: 'articles/wire.xml', entryId: 'wire-1' }));
    await matches.saveMatch(matchRecord({ articleKey: 'articles/other.txt' }));
    expect(repository.entries('articles/wire.xml')).toHaveLength(2);
    expect(repository.rejection('articles/wire.xml')?.reason).toBe('empty');

    const outcome = await remove(removed('articles/wire.xml'));

    expect(outcome).toMatchObject({ status: 'deleted', write: 'written', removedItems: 4 });
    expect(repository.entries('articles/wire.xml')).toEqual([]);
    expect(repository.rejection('articles/wire.xml')).toBeUndefined();
    expect(matches.all().map((match) => match.articleKey)).toEqual(['articles/other.txt']);
    expect(repository.tombstone('articles/wire.xml')).toBeDefined();
  });

  it('changes nothing when a newer upload of the key is already stored (a late delete)', async () => {
    const deletion = removed('articles/summit.txt');
    const upload = await uploaded('articles/summit.txt', ARTICLE);

    const outcome = await remove(deletion);

    expect(outcome).toEqual({
      status: 'deleted',
      key: 'articles/summit.txt',
      write: 'stale',
      removedItems: 0,
    });
    expect(repository.tombstone('articles/summit.txt')).toBeUndefined();
    expect(repository.article('articles/summit.txt')?.sequencer).toBe(upload.sequencer);
  });

  it('withdraws its tombstone when a feed of the key was uploaded after the deletion', async () => {
    const deletion = removed('articles/wire.xml');
    await uploaded(
      'articles/wire.xml',
      rssFeed([
        { guid: 'wire-1', title: 'Storm closes ports', description: 'A storm closed three ports on Monday.' },
      ]),
    );

    const outcome = await remove(deletion);

    expect(outcome).toMatchObject({ write: 'stale', removedItems: 0 });
    expect(repository.tombstone('articles/wire.xml')).toBeUndefined();
    expect(repository.entries('articles/wire.xml').map((entry) => entry.entryId)).toEqual(['wire-1']);
  });

  it('treats a redelivered deletion as stale, leaving the same tombstone', async () => {
    await uploaded('articles/summit.txt', ARTICLE);
    const deletion = removed('articles/summit.txt');
    await remove(deletion);

    const again = await remove(deletion);

    expect(again).toMatchObject({ status: 'deleted', write: 'stale', removedItems: 0 });
    expect(repository.tombstone('articles/summit.txt')?.sequencer).toBe(deletion.sequencer);
  });

  it('lets a permanent version delete remove only the version that is stored', async () => {
    await uploaded('articles/summit.txt', ARTICLE, { versionId: 'v2' });

    const otherVersion = await remove(
      removed('articles/summit.txt', { eventName: 'ObjectRemoved:Delete', versionId: 'v1' }),
    );
    expect(otherVersion).toMatchObject({ write: 'stale' });
    expect(repository.article('articles/summit.txt')?.versionId).toBe('v2');

    const storedVersion = await remove(
      removed('articles/summit.txt', { eventName: 'ObjectRemoved:Delete', versionId: 'v2' }),
    );
    expect(storedVersion).toMatchObject({ write: 'written' });
    expect(repository.tombstone('articles/summit.txt')).toMatchObject({
      versionId: 'v2',
      eventName: 'ObjectRemoved:Delete',
    });
  });

  it.each([
    ['outside the prefix', { key: 'uploads/a.txt' }, 'outside-prefix', 'uploads/a.txt'],
    [
      'of a key that is not valid URL encoding',
      { key: 'articles/x.txt', rawKey: 'articles/%E0%A4%A.txt' },
      'malformed-key',
      'articles/%E0%A4%A.txt',
    ],
  ] as const)('ignores a deletion %s and records nothing', async (_label, record, reason, key) => {
    const outcome = await remove(removed(record.key, record));

    expect(outcome).toEqual({ status: 'ignored', key, reason });
    expect(repository.tombstone(key)).toBeUndefined();
    expect(repository.tombstone(record.key)).toBeUndefined();
  });
});
