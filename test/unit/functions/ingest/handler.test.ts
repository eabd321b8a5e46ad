import {
  BatchGetItemCommand,
  UpdateItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, plainTextArticle, s3Body } from '../../../support/article-factories';
import { gzip, gzipBomb, singleByte } from '../../../support/charsets';
import { s3Record } from '../../../support/s3-event-factory';

const s3Event = (...records: ReturnType<typeof s3Record>[]) => ({ Records: records });

const dynamo = mockClient(DynamoDBClient);
const s3 = mockClient(S3Client);

const ARTICLE = plainTextArticle({
  date: '2025-11-02',
  paragraphs: [
    'Finance ministers from the G7 agreed on Tuesday to extend a debt relief scheme for the poorest countries by two years. The decision was announced in Rome after a day of talks.',
    'Mr. Rossi, who chaired the meeting, said the extension would cost about 3.5 billion euros. Critics said the sum was too small to matter.',
  ],
});

type Handler = typeof import('../../../../functions/ingest/handler').handler;
let handler: Handler;

/**
 * Every item written, by PutItem or as the Put of a transaction, in call order; the story states
 * the story index writes beside them are left out (test/unit/functions/adapters covers those).
 */
const putItems = () =>
  dynamo
    .calls()
    .flatMap((call) => {
      const input = call.args[0].input as {
        Item?: Parameters<typeof unmarshall>[0];
        TransactItems?: { Put?: { Item?: Parameters<typeof unmarshall>[0] } }[];
      };
      if (call.args[0] instanceof PutItemCommand) return [input.Item ?? {}];
      if (call.args[0] instanceof TransactWriteItemsCommand)
        return (input.TransactItems ?? []).flatMap((part) => (part.Put?.Item ? [part.Put.Item] : []));
      return [];
    })
    .map((item) => unmarshall(item))
    .filter((item) => item.type !== 'StoryState');

beforeAll(async () => {
  vi.stubEnv('TABLE_NAME', 'articles-table');
  vi.stubEnv('ARTICLES_PREFIX', 'articles/');
  vi.stubEnv('MAX_ARTICLE_BYTES', '1000');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../../../functions/ingest/handler'));
});

beforeEach(() => {
  dynamo.reset();
  s3.reset();
  dynamo.on(PutItemCommand).resolves({});
  dynamo.on(TransactWriteItemsCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(DeleteItemCommand).resolves({});
  // The story index: nothing listed yet, so every article founds a story (slots and state written).
  dynamo.on(BatchGetItemCommand).resolves({ Responses: {} });
  dynamo.on(UpdateItemCommand).resolves({});
});

/** The partial input of the Article item's put, apart from the story state put before it. */
const ARTICLE_PUT = { Item: { type: { S: 'Article' } } };

describe('ingest handler', () => {
  it('decodes the key as S3 sends it and stores one article item with a sequencer condition', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(ARTICLE) });

    await handler(
      s3Event(
        s3Record({
          key: 'articles/g7 debt+relief été.txt',
          rawKey: 'articles/g7+debt%2Brelief+%C3%A9t%C3%A9.txt',
          size: ARTICLE.length,
        }),
      ),
      lambdaContext(),
    );

    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'newswatch-articles-test',
      Key: 'articles/g7 debt+relief été.txt',
    });
    const put = dynamo.commandCalls(PutItemCommand, ARTICLE_PUT)[0]?.args[0].input;
    expect(put?.TableName).toBe('articles-table');
    expect(put?.ConditionExpression).toContain('sequencer <');
    const item = putItems()[0];
    expect(item).toMatchObject({
      pk: 'ARTICLE#articles/g7 debt+relief été.txt',
      sk: 'ARTICLE',
      type: 'Article',
      key: 'articles/g7 debt+relief été.txt',
      publishedAt: '2025-11-02',
      bucket: 'newswatch-articles-test',
    });
    expect(item?.summary.length).toBeGreaterThan(0);
    expect(item?.summary.length).toBeLessThanOrEqual(3);
    expect(item?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(item?.wordCount).toBeGreaterThan(30);
    expect(item?.sequencer).toHaveLength(32);
    // Full text stays in S3.
    expect(JSON.stringify(item)).not.toContain('Critics said the sum was too small to matter. Mr.');
  });

  it('treats a redelivered (already recorded) event as a no-op instead of failing', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(ARTICLE) });
    dynamo
      .on(PutItemCommand, ARTICLE_PUT)
      .rejects(new ConditionalCheckFailedException({ message: 'stale', $metadata: {} }));

    await expect(
      handler(s3Event(s3Record({ key: 'articles/a.txt', size: ARTICLE.length })), lambdaContext()),
    ).resolves.toBeUndefined();
  });

  it('rejects an object over the size cap from the event, without downloading it', async () => {
    await handler(s3Event(s3Record({ key: 'articles/huge.txt', size: 5000 })), lambdaContext());

    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(putItems()[0]).toMatchObject({
      pk: 'REJECTION#articles/huge.txt',
      type: 'Rejection',
      reason: 'too-large',
      size: 5000,
    });
  });

  it.each([
    ['an empty object', 'articles/empty.txt', 0, '', 'empty'],
    ['whitespace only', 'articles/blank.txt', 4, ' \n\n ', 'empty'],
    [
      'a PNG',
      'articles/photo.txt',
      8,
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      'binary',
    ],
    ['invalid UTF-8', 'articles/latin1.txt', 3, new Uint8Array([0x63, 0x61, 0xe9]), 'invalid-encoding'],
    ['a key outside the prefix', 'uploads/a.txt', 10, 'x', 'outside-prefix'],
  ])('records a rejection with a reason for %s', async (_label, key, size, body, reason) => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(body) });

    await handler(s3Event(s3Record({ key, size })), lambdaContext());

    expect(putItems()).toHaveLength(1);
    expect(putItems()[0]).toMatchObject({ type: 'Rejection', reason, key });
    expect(putItems()[0]?.detail).toEqual(expect.any(String));
  });

  it('records a rejection when the object is gone by the time it is read', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));

    await handler(s3Event(s3Record({ key: 'articles/gone.txt', size: 10 })), lambdaContext());

    expect(putItems()[0]).toMatchObject({ reason: 'not-found' });
  });

  it('throws a retryable error when S3 is unavailable, so Lambda retries the event', async () => {
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('Slow Down'), { name: 'SlowDown', $fault: 'server' }),
    );

    await expect(
      handler(s3Event(s3Record({ key: 'articles/a.txt', size: 10 })), lambdaContext()),
    ).rejects.toMatchObject({ name: 'TransientError' });
    expect(putItems()).toHaveLength(0);
  });

  it('throws when DynamoDB fails for a reason other than a stale event', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(ARTICLE) });
    dynamo
      .on(PutItemCommand, ARTICLE_PUT)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

    await expect(
      handler(s3Event(s3Record({ key: 'articles/a.txt', size: ARTICLE.length })), lambdaContext()),
    ).rejects.toThrow('throttled');
  });

  it('turns an item DynamoDB refuses for good into an unstorable rejection, in one invocation', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(ARTICLE) });
    dynamo.on(PutItemCommand, ARTICLE_PUT).rejects(
      Object.assign(new Error('Item size has exceeded the maximum allowed size'), {
        name: 'ValidationException',
        $fault: 'client',
      }),
    );

    await handler(s3Event(s3Record({ key: 'articles/a.txt', size: ARTICLE.length })), lambdaContext());

    expect(putItems().find((item) => item.type === 'Rejection')).toMatchObject({
      key: 'articles/a.txt',
      reason: 'unstorable',
      detail: expect.stringContaining('ValidationException: Item size has exceeded'),
    });
  });
});

describe('ingest handler: object deletion', () => {
  const removed = (key: string, sequencer: string, extra: { versionId?: string; eventName?: string } = {}) =>
    s3Record({ key, sequencer, eventName: extra.eventName ?? 'ObjectRemoved:DeleteMarkerCreated', ...extra });

  it('replaces the article with a tombstone conditional on the sequencer, and never reads S3', async () => {
    await handler(s3Event(removed('articles/summit notes.txt', '0000000000000000A0')), lambdaContext());

    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    const put = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toBe('attribute_not_exists(pk) OR sequencer < :sequencer');
    expect(unmarshall(put?.Item ?? {})).toMatchObject({
      pk: 'ARTICLE#articles/summit notes.txt',
      sk: 'ARTICLE',
      type: 'DeletedArticle',
      key: 'articles/summit notes.txt',
      gsi1pk: 'DELETIONS',
      sequencer: `${'0'.repeat(30)}A0`,
      eventName: 'ObjectRemoved:DeleteMarkerCreated',
    });
    expect(unmarshall(put?.Item ?? {}).deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('removes the feed entries and topic matches under the key, and an older rejection', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        marshall({
          pk: 'ARTICLE#articles/wire.xml',
          sk: 'ARTICLE',
          type: 'DeletedArticle',
          sequencer: '0'.repeat(30) + 'B0',
        }),
        marshall({
          pk: 'ARTICLE#articles/wire.xml',
          sk: 'ENTRY#aaa',
          type: 'Article',
          sequencer: '0'.repeat(30) + 'A0',
        }),
        marshall({ pk: 'ARTICLE#articles/wire.xml', sk: 'MATCH#trump-kim-summit', type: 'Match' }),
      ],
    });
    dynamo.on(DeleteItemCommand).resolves({ Attributes: marshall({ pk: 'x' }) });

    await handler(s3Event(removed('articles/wire.xml', 'B0')), lambdaContext());

    const deletes = dynamo.commandCalls(DeleteItemCommand).map((call) => call.args[0].input);
    expect(deletes.map((input) => unmarshall(input.Key ?? {}))).toEqual([
      { pk: 'ARTICLE#articles/wire.xml', sk: 'ENTRY#aaa' },
      { pk: 'ARTICLE#articles/wire.xml', sk: 'MATCH#trump-kim-summit' },
      { pk: 'REJECTION#articles/wire.xml', sk: 'REJECTION' },
    ]);
    // An entry is only removed if it is older than the deletion; a match goes with its article.
    expect(deletes[0]?.ConditionExpression).toContain('sequencer < :sequencer');
    expect(deletes[1]?.ConditionExpression).toBeUndefined();
  });

  it('changes nothing when a newer upload of the key is already stored (a late delete)', async () => {
    dynamo.on(PutItemCommand).rejects(
      Object.assign(new ConditionalCheckFailedException({ message: 'newer', $metadata: {} }), {
        Item: marshall({ type: 'Article', sequencer: '0'.repeat(30) + 'C0' }),
      }),
    );

    await handler(s3Event(removed('articles/a.txt', 'B0')), lambdaContext());

    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(0);
  });

  it('finishes the clean-up when the tombstone is already its own (redelivery or a lost response)', async () => {
    dynamo.on(PutItemCommand).rejects(
      Object.assign(new ConditionalCheckFailedException({ message: 'same', $metadata: {} }), {
        Item: marshall({ type: 'DeletedArticle', sequencer: '0'.repeat(30) + 'B0' }),
      }),
    );

    await handler(s3Event(removed('articles/a.txt', 'B0')), lambdaContext());

    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('withdraws its tombstone when a newer feed entry of the key exists', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        marshall({
          pk: 'ARTICLE#articles/wire.xml',
          sk: 'ENTRY#new',
          type: 'Article',
          sequencer: '0'.repeat(30) + 'C0',
        }),
      ],
    });

    await handler(s3Event(removed('articles/wire.xml', 'B0')), lambdaContext());

    const deletes = dynamo.commandCalls(DeleteItemCommand).map((call) => call.args[0].input);
    expect(deletes.map((input) => unmarshall(input.Key ?? {}))).toEqual([
      { pk: 'ARTICLE#articles/wire.xml', sk: 'ARTICLE' },
    ]);
    expect(deletes[0]?.ConditionExpression).toContain('sequencer = :sequencer AND #type = :deleted');
  });

  it('only lets a permanent version delete remove the version that is stored', async () => {
    await handler(
      s3Event(removed('articles/a.txt', 'B0', { eventName: 'ObjectRemoved:Delete', versionId: 'v1' })),
      lambdaContext(),
    );

    const put = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toContain('versionId = :versionId');
    expect(unmarshall(put?.ExpressionAttributeValues ?? {})).toMatchObject({ ':versionId': 'v1' });
  });

  it.each([
    ['outside the prefix', 'uploads/a.txt', undefined],
    ['with a key that is not valid URL encoding', 'articles/x.txt', 'articles/%E0%A4%A.txt'],
  ])('ignores a deletion %s without writing anything', async (_label, key, rawKey) => {
    await handler(
      s3Event(s3Record({ key, ...(rawKey ? { rawKey } : {}), eventName: 'ObjectRemoved:Delete' })),
      lambdaContext(),
    );

    expect(dynamo.calls()).toHaveLength(0);
  });

  it('skips an event type it does not handle', async () => {
    await handler(
      s3Event(s3Record({ key: 'articles/a.txt', eventName: 'ObjectRestore:Completed' })),
      lambdaContext(),
    );

    expect(dynamo.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('ingest handler: writes an old event cannot win', () => {
  it('writes a rejection only if the key holds nothing newer (a transaction with a condition check)', async () => {
    await handler(s3Event(s3Record({ key: 'articles/empty.txt', size: 0 })), lambdaContext());

    const transaction = dynamo.commandCalls(TransactWriteItemsCommand)[0]?.args[0].input;
    expect(transaction?.TransactItems?.[1]?.ConditionCheck).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk) OR sequencer < :sequencer',
    });
    expect(unmarshall(transaction?.TransactItems?.[1]?.ConditionCheck?.Key ?? {})).toEqual({
      pk: 'ARTICLE#articles/empty.txt',
      sk: 'ARTICLE',
    });
  });

  it('treats a cancelled transaction whose condition failed as a stale event, not an error', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      }),
    );

    await expect(
      handler(s3Event(s3Record({ key: 'articles/empty.txt', size: 0 })), lambdaContext()),
    ).resolves.toBeUndefined();
  });

  it('throws (so Lambda retries) when a transaction is cancelled by a conflict', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(
      Object.assign(new Error('conflict'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      }),
    );

    await expect(
      handler(s3Event(s3Record({ key: 'articles/empty.txt', size: 0 })), lambdaContext()),
    ).rejects.toThrow('conflict');
  });

  it.each([5000, 5 * 1024 * 1024 * 1024])(
    'rejects an over-size object of %i bytes from the event alone: GetObject is never called',
    async (size) => {
      await handler(s3Event(s3Record({ key: 'articles/huge.bin', size })), lambdaContext());

      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
      expect(putItems()).toEqual([expect.objectContaining({ reason: 'too-large', size })]);
    },
  );
});

describe('ingest handler with other formats', () => {
  const feed = (...items: { guid: string; title: string; body: string }[]) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items
      .map(
        (item) =>
          `<item><guid>${item.guid}</guid><title>${item.title}</title><pubDate>Sun, 02 Nov 2025 09:00:00 GMT</pubDate><description>${item.body}</description></item>`,
      )
      .join('')}</channel></rss>`;

  it('stores one item per feed entry under the object, each with its own sort key and entry id', async () => {
    const xml = feed(
      {
        guid: 'wire-1',
        title: 'Ministers agree debt relief',
        body: 'Finance ministers agreed on Tuesday to extend debt relief. The deal covers forty countries.',
      },
      {
        guid: 'wire-2',
        title: 'Storm closes ports',
        body: 'A storm closed three ports on Monday. Ferries were cancelled until Wednesday.',
      },
    );
    s3.on(GetObjectCommand).resolves({ Body: s3Body(xml) });

    await handler(s3Event(s3Record({ key: 'articles/wire.txt', size: xml.length })), lambdaContext());

    const items = putItems();
    expect(items).toHaveLength(2);
    expect(new Set(items.map((item) => item.pk))).toEqual(new Set(['ARTICLE#articles/wire.txt']));
    expect(new Set(items.map((item) => item.sk)).size).toBe(2);
    expect(items.map((item) => item.sk)).toEqual([
      expect.stringMatching(/^ENTRY#/),
      expect.stringMatching(/^ENTRY#/),
    ]);
    expect(items.map((item) => [item.entryId, item.title, item.format])).toEqual([
      ['wire-1', 'Ministers agree debt relief', 'rss'],
      ['wire-2', 'Storm closes ports', 'rss'],
    ]);
    expect(items[0]?.contentHash).not.toBe(items[1]?.contentHash);
  });

  it('rejects malformed JSON with the reason "malformed" and where it broke', async () => {
    const json = '{"title": "Budget", "body": "The council met.",}';
    s3.on(GetObjectCommand).resolves({ Body: s3Body(json) });

    await handler(s3Event(s3Record({ key: 'articles/budget.json', size: json.length })), lambdaContext());

    expect(putItems()[0]).toMatchObject({ type: 'Rejection', reason: 'malformed' });
    expect(putItems()[0]?.detail).toMatch(/JSON/);
  });

  it('gives the same content hash to the same article as plain text and as HTML', async () => {
    const html = `<html><head><title>G7 ministers extend debt relief</title><meta property="article:published_time" content="2025-11-02"></head><body><article><p>Finance ministers from the G7 agreed on Tuesday to extend a debt relief scheme for the poorest countries by two years. The decision was announced in Rome after a day of talks.</p><p>Mr. Rossi, who chaired the meeting, said the extension would cost about 3.5 billion euros. Critics said the sum was too small to matter.</p></article></body></html>`;
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body: s3Body(ARTICLE) })
      .resolvesOnce({ Body: s3Body(html) });

    await handler(s3Event(s3Record({ key: 'articles/a.txt', size: ARTICLE.length })), lambdaContext());
    await handler(s3Event(s3Record({ key: 'articles/a.html', size: html.length })), lambdaContext());

    const [text, page] = putItems();
    expect(page?.format).toBe('html');
    expect(page?.contentHash).toBe(text?.contentHash);
  });
});

describe('ingest handler: what the object says of its bytes (Content-Type, Content-Encoding)', () => {
  const CYRILLIC = plainTextArticle({
    date: '2025-11-02',
    paragraphs: [
      'Министры финансов «Большой семёрки» договорились во вторник продлить программу помощи беднейшим странам на два года.',
      'Решение объявили в Риме после дня переговоров.',
    ],
  });
  const WESTERN = plainTextArticle({
    date: '2025-11-02',
    paragraphs: [
      'Finance ministers met in Zürich on Tuesday and agreed to extend a debt relief scheme by two years. The extension will cost about 3.5 billion €, the chair said.',
      '“It is a start,” said Ms. Gonçalves, who spoke for the poorest countries – and for São Tomé.',
    ],
  });

  it('decodes by the charset of the Content-Type GetObject returns', async () => {
    const bytes = singleByte(CYRILLIC, 'windows-1251');
    s3.on(GetObjectCommand).resolves({
      Body: s3Body(bytes),
      ContentType: 'text/plain; charset=windows-1251',
    });

    await handler(s3Event(s3Record({ key: 'articles/g7.txt', size: bytes.length })), lambdaContext());

    const [item] = putItems();
    expect(item).toMatchObject({ type: 'Article', publishedAt: '2025-11-02' });
    expect(item?.summary[0]).toMatch(/^Министры финансов «Большой семёрки» договорились/);
  });

  it('reads windows-1252 curly quotes, dashes and the euro sign as the characters they are', async () => {
    const bytes = singleByte(WESTERN, 'windows-1252');
    s3.on(GetObjectCommand).resolves({ Body: s3Body(bytes), ContentType: 'text/plain; charset=ISO-8859-1' });

    await handler(s3Event(s3Record({ key: 'articles/zurich.txt', size: bytes.length })), lambdaContext());

    const text = putItems()[0]?.summary.join(' ');
    expect(text).toContain('Zürich');
    expect(text).toContain('3.5 billion €');
    expect(text).toContain('“It is a start,” said Ms. Gonçalves');
    expect(text).toContain('– and for São Tomé');
  });

  it('rejects the same bytes without the charset: undeclared and not UTF-8', async () => {
    const bytes = singleByte(WESTERN, 'windows-1252');
    s3.on(GetObjectCommand).resolves({ Body: s3Body(bytes), ContentType: 'text/plain' });

    await handler(s3Event(s3Record({ key: 'articles/zurich.txt', size: bytes.length })), lambdaContext());

    expect(putItems()[0]).toMatchObject({ type: 'Rejection', reason: 'invalid-encoding' });
  });

  it('inflates a body whose Content-Encoding is gzip (and one that only starts like gzip)', async () => {
    const compressed = gzip(ARTICLE);
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body: s3Body(compressed), ContentType: 'text/plain', ContentEncoding: 'gzip' })
      .resolvesOnce({ Body: s3Body(compressed) });

    await handler(s3Event(s3Record({ key: 'articles/a.txt', size: compressed.length })), lambdaContext());
    await handler(s3Event(s3Record({ key: 'articles/a.txt.gz', size: compressed.length })), lambdaContext());

    const [declared, magic] = putItems();
    expect(declared).toMatchObject({ type: 'Article', publishedAt: '2025-11-02', size: compressed.length });
    expect(magic?.contentHash).toBe(declared?.contentHash);
  });

  it('rejects a gzip that inflates beyond the size limit as too-large, and a corrupt one as malformed', async () => {
    const bomb = gzipBomb(500_000);
    const corrupt = gzip(ARTICLE).subarray(0, 40);
    s3.on(GetObjectCommand)
      .resolvesOnce({ Body: s3Body(bomb), ContentEncoding: 'gzip' })
      .resolvesOnce({ Body: s3Body(corrupt) });

    await handler(s3Event(s3Record({ key: 'articles/bomb.txt', size: bomb.length })), lambdaContext());
    await handler(s3Event(s3Record({ key: 'articles/cut.txt', size: corrupt.length })), lambdaContext());

    const [tooLarge, malformed] = putItems();
    expect(bomb.length).toBeLessThan(1000);
    expect(tooLarge).toMatchObject({ type: 'Rejection', reason: 'too-large' });
    expect(tooLarge?.detail).toBe(
      `gzip content (${bomb.length} bytes) inflates to over the 1000-byte limit; not read further`,
    );
    expect(malformed).toMatchObject({ type: 'Rejection', reason: 'malformed' });
    expect(malformed?.detail).toMatch(/^malformed gzip/);
  });
});

describe('ingest configuration', () => {
  it('fails at cold start with a clear message when TABLE_NAME is missing', async () => {
    vi.resetModules();
    vi.stubEnv('TABLE_NAME', '');
    await expect(import('../../../../functions/ingest/handler')).rejects.toThrow(/TABLE_NAME/);
    vi.stubEnv('TABLE_NAME', 'articles-table');
  });
});

describe('ingest handler: topic matching', () => {
  // Our own text: a possible meeting, then a past one.
  const SUMMIT = plainTextArticle({
    date: '2025-11-02',
    paragraphs: [
      'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday. Neither government has confirmed the plan.',
      'Trump and Kim last met in 2019 at Panmunjom.',
    ],
  });

  it('stores the topics an article matches on its item, with certainty, its content story and evidence', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(SUMMIT) });

    await handler(s3Event(s3Record({ key: 'articles/summit.txt', size: SUMMIT.length })), lambdaContext());

    const item = putItems()[0];
    expect(item?.matches).toEqual([
      {
        topicId: 'trump-kim-summit',
        topicName: expect.any(String),
        certainty: 'speculative',
        alerts: true,
        reported: true,
        delivery: 'instant',
        // "next week" from 2025-11-02: the November story.
        evidence: [expect.objectContaining({ certainty: 'speculative', cues: ['could'] }), expect.anything()],
      },
    ]);
  });

  it('keeps entity details only for entities named in more than one form; the rest stay in entities', async () => {
    s3.on(GetObjectCommand).resolves({ Body: s3Body(SUMMIT) });

    await handler(s3Event(s3Record({ key: 'articles/summit.txt', size: SUMMIT.length })), lambdaContext());

    const item = putItems()[0];
    const details = item?.entityDetails as { name: string; aliases: string[] }[];
    expect(details.map((d) => d.name).sort()).toEqual(['Donald Trump', 'Kim Jong Un']);
    for (const detail of details) expect(detail.aliases.length).toBeGreaterThan(0);
    expect(item?.entities.places).toContain('Panmunjom');
    expect(item?.storyId).toMatch(/^2025-11-[0-9a-f]{10}$/);
    expect(item?.storyRole).toBe('original');
  });

  it('matches topics added at run time and leaves out a stored topic that fails validation', async () => {
    const borderMeeting = {
      id: 'border-meeting',
      name: 'Leaders meet at the border',
      actors: [{ name: 'Donald Trump' }, { name: 'Kim Jong Un' }],
      event: { type: 'meeting', triggers: ['meet'] },
      delivery: 'digest',
    };
    dynamo.on(QueryCommand, { IndexName: 'gsi1' }).resolves({
      Items: [
        marshall({ topicId: 'border-meeting', definition: JSON.stringify(borderMeeting) }),
        marshall({ topicId: 'broken', definition: JSON.stringify({ id: 'broken', actors: [] }) }),
        marshall({ topicId: 'trump-kim-summit', removed: true }),
      ],
    });
    s3.on(GetObjectCommand).resolves({ Body: s3Body(SUMMIT) });
    // A fresh cold start: topics are cached for a minute per execution environment.
    vi.resetModules();
    const fresh = (await import('../../../../functions/ingest/handler')).handler;

    await fresh(s3Event(s3Record({ key: 'articles/summit.txt', size: SUMMIT.length })), lambdaContext());

    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi1',
      ExpressionAttributeValues: { ':pk': { S: 'TOPICS' } },
    });
    expect(
      (putItems()[0]?.matches as { topicId: string; delivery: string }[]).map((m) => [m.topicId, m.delivery]),
    ).toEqual([['border-meeting', 'digest']]);
  });
});
