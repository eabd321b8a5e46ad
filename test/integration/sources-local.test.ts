import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFeedFolder, type FeedServer } from '../../infra/local/feed-server';
import { JAVA_MISSING_MESSAGE, checkJava } from '../../infra/local/java-check';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { runLocalPipeline } from '../../infra/local/pipeline';
import { scanTable } from '../../infra/local/report';
import { followLocalSources, pollLocalSources } from '../../infra/local/sources-local';

const java = checkJava();
if (!java.ok) throw new Error(`${JAVA_MISSING_MESSAGE} (${java.detail ?? 'java not found'})`);

// Real feeds (rss-parser's test inputs, MIT; see ../shared/eval/README.md), served on 127.0.0.1.
const FEEDS = '../shared/eval/feeds/rss-parser/input';
const haveFeeds = existsSync(FEEDS);
if (!haveFeeds) process.stderr.write(`sources-local: ${FEEDS} is absent, skipping the real-feed tests\n`);
const CHOSEN = ['guardian.rss', 'heise.atom', 'reddit.rss', 'narro.rss', 'content-encoded.rss'];
const logger = { info: () => undefined, warn: (line: string) => process.stderr.write(`${line}\n`) };

const objectKeys = async (stack: LocalStack, prefix: string) =>
  (
    (await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.bucketName, Prefix: prefix })))
      .Contents ?? []
  )
    .map((object) => object.Key ?? '')
    .sort();

const sourceItems = async (stack: LocalStack) =>
  (await scanTable(stack.clients.dynamodb, stack.tableName)).filter((item) => item.type === 'Source');

describe.skipIf(!haveFeeds)(
  'feed sources in the local twin (the real poller, DynamoDB Local, s3rver)',
  () => {
    let stack: LocalStack;
    let dir: string;
    let feeds: FeedServer;
    const ids = CHOSEN.map((file) => file.replace(/\W+/g, '-'));

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'newswatch-feeds-'));
      for (const file of CHOSEN) await copyFile(join(FEEDS, file), join(dir, file));
      feeds = await serveFeedFolder(dir);
      stack = await startLocalStack({ alertsFile: null, logLevel: 'ERROR' });
      await followLocalSources(
        stack,
        feeds.feeds.map(({ file, url }) => ({ id: file.replace(/\W+/g, '-'), url, name: file })),
      );
    }, 120_000);

    afterAll(async () => {
      await stack?.stop();
      await feeds?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('writes every entry of each feed once, as an object under articles/feeds/<source>/', async () => {
      const run = await pollLocalSources(stack);
      expect(run.sources.map((s) => s.id).sort()).toEqual([...ids].sort());
      expect(run.sources.every((s) => s.status === 'ok')).toBe(true);
      const total = run.sources.reduce((sum, s) => sum + s.new, 0);
      expect(total).toBeGreaterThan(20);
      expect(await objectKeys(stack, 'articles/feeds/')).toEqual(
        run.sources.flatMap((s) => s.written).sort(),
      );
      for (const source of run.sources) {
        expect(source.written.every((key) => key.startsWith(`articles/feeds/${source.id}/`))).toBe(true);
      }
      const items = await sourceItems(stack);
      expect(items.map((item) => (item.health as { status: string }).status)).toEqual(ids.map(() => 'ok'));
      expect(items.every((item) => typeof item.etag === 'string')).toBe(true);
    }, 60_000);

    it('a second poll is answered 304, parses nothing and writes nothing', async () => {
      const before = await objectKeys(stack, 'articles/feeds/');
      const notModified = feeds.answered[304] ?? 0;
      const run = await pollLocalSources(stack, ids);
      expect(run.sources.map((s) => [s.status, s.new])).toEqual(ids.map(() => ['not-modified', 0]));
      expect((feeds.answered[304] ?? 0) - notModified).toBe(ids.length);
      expect(await objectKeys(stack, 'articles/feeds/')).toEqual(before);
    }, 60_000);

    it('a changed feed writes only its new entry, whatever it repeats', async () => {
      const file = join(dir, 'guardian.rss');
      const xml = await readFile(file, 'utf8');
      const item =
        '<item><title>A new entry</title><link>https://example.org/new-entry</link><description>Leaders met on Tuesday.</description></item>';
      await writeFile(file, xml.replace('<item>', `${item}<item>`));
      const before = await objectKeys(stack, 'articles/feeds/');
      const run = await pollLocalSources(stack, ['guardian-rss']);
      expect(run.sources[0]).toMatchObject({ status: 'ok', new: 1 });
      expect(run.sources[0]?.unchanged).toBeGreaterThan(5);
      expect((await objectKeys(stack, 'articles/feeds/')).length).toBe(before.length + 1);
    }, 60_000);

    it('a source that fails reads failing, backs off and is not due at the next run', async () => {
      await followLocalSources(stack, [
        { id: 'gone', url: `${feeds.baseUrl}no-such-feed.rss`, name: 'gone' },
      ]);
      const run = await pollLocalSources(stack, ['gone']);
      expect(run.sources[0]).toMatchObject({ id: 'gone', status: 'failing', error: 'HTTP 404' });
      const gone = (await sourceItems(stack)).find((item) => item.id === 'gone');
      expect(gone?.health).toMatchObject({ status: 'failing', failures: 1 });
      expect(Date.parse(String((gone?.health as { nextPollAt: string }).nextPollAt))).toBeGreaterThan(
        Date.now() + 10 * 60_000,
      );
      const due = await pollLocalSources(stack);
      expect(due.sources.map((s) => s.id)).not.toContain('gone');
    }, 60_000);

    it('an oversize feed is cut at the cap and recorded as cut', async () => {
      const huge = `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><item><guid>h1</guid><title>Huge</title><description>${'word '.repeat(1_200_000)}</description></item></channel></rss>`;
      await writeFile(join(dir, 'huge.rss'), huge);
      const server = await serveFeedFolder(dir);
      try {
        await followLocalSources(stack, [{ id: 'huge', url: `${server.baseUrl}huge.rss`, name: 'huge' }]);
        const run = await pollLocalSources(stack, ['huge']);
        expect(run.sources[0]?.truncated).toBe(true);
        const item = (await sourceItems(stack)).find((source) => source.id === 'huge');
        expect(item?.lastTruncated).toBe(true);
      } finally {
        await server.stop();
      }
    }, 60_000);

    it('through the pipeline, the entries become articles', async () => {
      await stack.reset();
      await followLocalSources(stack, [
        { id: 'heise-atom', url: `${feeds.baseUrl}heise.atom`, name: 'heise' },
      ]);
      let written: string[] = [];
      const report = await runLocalPipeline({
        inputDir: dir,
        files: [],
        stack,
        reset: false,
        logger,
        handlerOutput: () => undefined,
        writeObjects: async (local) => {
          written = (await pollLocalSources(local)).sources.flatMap((s) => s.written);
          return written;
        },
      });
      expect(written.length).toBeGreaterThan(5);
      const articles = (await scanTable(stack.clients.dynamodb, stack.tableName)).filter(
        (item) => item.type === 'Article',
      );
      expect(articles.map((item) => item.key).sort()).toEqual([...written].sort());
      expect(report.failures).toEqual([]);
    }, 120_000);
  },
);
