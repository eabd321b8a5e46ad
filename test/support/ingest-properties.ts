import { readdirSync, readFileSync } from 'node:fs';
import { InMemoryStoryIndex } from './in-memory/in-memory-story-index';
import { join } from 'node:path';
import fc from 'fast-check';
import { REJECTION_REASONS } from '../../functions/contracts/vocabulary';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../functions/contracts/limits';
import type { Topic } from '../../functions/domain/topics/topic-schema';
import { createIngestArticle, type IngestOutcome } from '../../functions/ingest/ingest-article';
import { ITEM_BUDGET_BYTES, itemBytes } from '../../functions/ingest/item-budget';
import { toObjectCreated } from '../../functions/ingest/s3-event';
import { SEED_ARTICLES, SHARED_SEED, sharedSeedAvailable } from './article-factories';
import { InMemoryArticleRepository, InMemoryObjectStore, recordingLogger } from './in-memory/in-memory-ports';
import { s3Record } from './s3-event-factory';

/**
 * Property tests of the ingest use case on hostile input, shared by `npm test` (a bounded number
 * of runs) and `test/fuzz/fuzz-ingest.ts` (as many as asked). The property: whatever the bytes,
 * one invocation ends as stored articles or one rejection with a known reason, nothing throws,
 * and every stored item is within its budget.
 */

const BUCKET = 'fuzz-bucket';
const encode = (text: string) => new TextEncoder().encode(text);

/** Real text to mutate: our seed articles and, when present, the article the project began from. */
const realDocuments = (): string[] => [
  ...readdirSync(SEED_ARTICLES)
    .sort()
    .map((name) => readFileSync(join(SEED_ARTICLES, name), 'utf8')),
  ...(sharedSeedAvailable ? [readFileSync(SHARED_SEED, 'utf8')] : []),
];

const words = fc.array(
  fc.constantFrom('Trump', 'met', 'Kim', 'the', 'summit', 'in', 'Hanoi', 'will', 'not', 'said'),
  {
    minLength: 1,
    maxLength: 40,
  },
);
const sentence = words.map((w) => `${w.join(' ')}.`);

const asHtml = (body: string) =>
  `<!doctype html><html><head><title>T</title></head><body><article>${body}</article></body></html>`;
const asRss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${items
    .map(
      (text, i) =>
        `<item><guid>${i % 3}</guid><title>${text.slice(0, 60)}</title><description>${text}</description></item>`,
    )
    .join('')}</channel></rss>`;

/** A mutation of a real document: cut, spliced with junk, a span repeated, truncated. */
const mutated = (documents: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...documents),
      fc.array(
        fc.tuple(
          fc.constantFrom('delete', 'insert', 'repeat', 'truncate'),
          fc.nat(),
          fc.nat(),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        { maxLength: 6 },
      ),
    )
    .map(([text, ops]) =>
      ops.reduce((doc, [op, a, b, junk]) => {
        const at = doc.length === 0 ? 0 : a % doc.length;
        const span = b % 200;
        if (op === 'delete') return doc.slice(0, at) + doc.slice(at + span);
        if (op === 'insert') return doc.slice(0, at) + junk + doc.slice(at);
        if (op === 'repeat')
          return doc.slice(0, at + span) + doc.slice(at, at + span).repeat(5) + doc.slice(at + span);
        return doc.slice(0, at);
      }, text),
    )
    .map(encode);

/** Inputs of every shape the issue names, as bytes. */
export const hostileUploads = (): fc.Arbitrary<{ key: string; bytes: Uint8Array }> => {
  const documents = realDocuments();
  const named = (key: string) => (bytes: Uint8Array) => ({ key, bytes });
  return fc.oneof(
    fc.uint8Array({ maxLength: 2048 }).map(named('articles/random.bin')),
    fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => named('articles/random.txt')(encode(s))),
    mutated(documents).map(named('articles/mutated.txt')),
    mutated(documents.map(asHtml)).map(named('articles/mutated.html')),
    fc
      .integer({ min: 1_000, max: 300_000 })
      .map((n) => named('articles/token.txt')(encode(` date 2025-01-02 ${'x'.repeat(n)}`))),
    fc
      .integer({ min: 1_000, max: 40_000 })
      .map((n) => named('articles/line.txt')(encode(` date 2025-01-02 ${'Trump met Kim and '.repeat(n)}`))),
    fc
      .integer({ min: 10, max: 3_000 })
      .map((n) =>
        named('articles/deep.html')(
          encode(asHtml(`${'<div>'.repeat(n)}<p>Trump met Kim in Hanoi.</p>${'</div>'.repeat(n)}`)),
        ),
      ),
    fc
      .tuple(fc.integer({ min: 1, max: 1_500 }), sentence)
      .map(([n, s]) => named('articles/many.html')(encode(asHtml(`<p>${s}</p>`.repeat(n))))),
    fc
      .array(fc.oneof(sentence, fc.string({ maxLength: 80 })), { maxLength: 60 })
      .map((items) => named('articles/feed.xml')(encode(asRss(items)))),
    fc
      .array(fc.record({ title: fc.string({ maxLength: 50 }), body: fc.oneof(sentence, fc.string()) }), {
        maxLength: 30,
      })
      .map((list) => named('articles/list.json')(encode(JSON.stringify(list)))),
  );
};

const REASONS: readonly string[] = REJECTION_REASONS;

/** Ingests one upload through the use case with in-memory ports; throws if the property fails. */
export const ingestsToADefinedOutcome = async (
  topics: Topic[],
  upload: { key: string; bytes: Uint8Array },
): Promise<IngestOutcome> => {
  const store = new InMemoryObjectStore();
  const repository = new InMemoryArticleRepository();
  const ingest = createIngestArticle({
    stories: new InMemoryStoryIndex(),
    store,
    repository,
    topics,
    logger: recordingLogger(),
    config: { tableName: 'unused', articlesPrefix: 'articles/', maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES },
    now: () => new Date('2025-11-02T10:00:00.000Z'),
  });
  store.put({ bucket: BUCKET, key: upload.key }, upload.bytes);
  const outcome = await ingest(
    toObjectCreated(s3Record({ bucket: BUCKET, key: upload.key, size: upload.bytes.length })),
  );
  if (outcome.status === 'rejected') {
    if (!REASONS.includes(outcome.reason)) throw new Error(`unknown reason ${outcome.reason}`);
    if (!repository.rejection(upload.key)) throw new Error('rejected without a Rejection item');
    return outcome;
  }
  const stored = [repository.article(upload.key), ...repository.entries(upload.key)].filter(
    (r) => r !== undefined,
  );
  if (stored.length === 0) throw new Error('stored nothing');
  for (const record of stored) {
    const bytes = itemBytes(record);
    if (bytes > ITEM_BUDGET_BYTES) throw new Error(`an item of ${bytes} bytes is over its budget`);
  }
  return outcome;
};
