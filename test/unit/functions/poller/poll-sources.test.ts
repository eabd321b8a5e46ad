import { describe, expect, it } from 'vitest';
import { createPollSources } from '../../../../functions/poller/poll-sources';
import {
  InMemoryObjectWriter,
  InMemorySourceRepository,
  feedResponse,
  scriptedFetcher,
  sourceRecord,
} from '../../../support/in-memory/in-memory-source-ports';

const rss = (items: { guid?: string; link?: string; title: string; body: string }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>${items
    .map(
      (item) =>
        `<item>${item.guid ? `<guid>${item.guid}</guid>` : ''}${item.link ? `<link>${item.link}</link>` : ''}<title>${item.title}</title><description>${item.body}</description><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate></item>`,
    )
    .join('')}</channel></rss>`;

const ITEMS = [
  {
    guid: 'a-1',
    title: 'Leaders meet in Geneva',
    body: 'The two leaders met in Geneva on Tuesday for talks.',
  },
  {
    link: 'https://wire.example/b',
    title: 'Summit planned',
    body: 'A summit is planned for next month, officials said.',
  },
  { title: 'No id at all', body: 'An item with neither guid nor link is known by its content.' },
];

const setup = (answers: Parameters<typeof scriptedFetcher>[0], now = new Date('2026-12-01T10:00:00Z')) => {
  const sources = new InMemorySourceRepository();
  const objects = new InMemoryObjectWriter();
  const fetcher = scriptedFetcher(answers);
  let clock = now;
  const poll = createPollSources({
    sources,
    objects,
    fetch: fetcher.fetch,
    articlesPrefix: 'articles/',
    now: () => clock,
  });
  return {
    sources,
    objects,
    fetcher,
    poll,
    advance: (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000)),
  };
};

describe('pollSources', () => {
  it('writes each new entry once as a JSON article under articles/feeds/<source>/, and nothing on a second poll', async () => {
    const { sources, objects, poll } = setup({ 'https://wire.example/feed': feedResponse(rss(ITEMS)) });
    await sources.add(sourceRecord({ id: 'wire', url: 'https://wire.example/feed', name: 'Wire' }));
    const first = await poll();
    expect(first.sources).toEqual([
      expect.objectContaining({ id: 'wire', status: 'ok', new: 3, unchanged: 0 }),
    ]);
    expect(
      [...objects.objects.keys()].every((key) => /^articles\/feeds\/wire\/[0-9a-f]{32}\.json$/.test(key)),
    ).toBe(true);
    const bodies = [...objects.objects.values()].map(
      ({ body }) => JSON.parse(body) as Record<string, unknown>,
    );
    expect(bodies.map((body) => body.title)).toEqual(ITEMS.map((item) => item.title));
    expect(bodies[0]).toMatchObject({
      source: 'Wire',
      guid: 'a-1',
      publishedAt: '2026-12-01',
      feed: 'https://wire.example/feed',
    });
    const second = await poll({ ids: ['wire'] });
    expect(second.sources[0]).toMatchObject({ status: 'ok', new: 0, unchanged: 3 });
    expect(objects.objects.size).toBe(3);
  });

  it('an entry the feed adds later is the only one written, wherever it appears', async () => {
    let items = ITEMS;
    const { sources, objects, poll } = setup({ 'https://wire.example/feed': () => feedResponse(rss(items)) });
    await sources.add(sourceRecord({ id: 'wire', url: 'https://wire.example/feed' }));
    await poll();
    items = [{ guid: 'new-1', title: 'Talks collapse', body: 'The talks collapsed on Wednesday.' }, ...ITEMS];
    const next = await poll({ ids: ['wire'] });
    expect(next.sources[0]).toMatchObject({ new: 1, unchanged: 3 });
    expect(objects.objects.size).toBe(4);
  });

  it('sends the validators back and parses nothing on a 304', async () => {
    const { sources, objects, fetcher, poll } = setup({
      'https://wire.example/feed': (etag) =>
        etag === '"v1"'
          ? feedResponse('', { status: 304, notModified: true, body: new Uint8Array() })
          : feedResponse(rss(ITEMS), { etag: '"v1"' }),
    });
    await sources.add(sourceRecord({ id: 'wire', url: 'https://wire.example/feed' }));
    await poll();
    const again = await poll({ ids: ['wire'] });
    expect(fetcher.requests[1]).toMatchObject({ etag: '"v1"' });
    expect(again.sources[0]).toMatchObject({ status: 'not-modified', new: 0 });
    expect(objects.objects.size).toBe(3);
    expect((await sources.get('wire'))?.health.status).toBe('ok');
  });

  it('polls only what is due, and a failing source backs off and reads failing since its first failure', async () => {
    const { sources, poll, advance } = setup({
      'https://down.example/feed': new Error('ECONNREFUSED'),
      'https://wire.example/feed': feedResponse(rss(ITEMS)),
    });
    await sources.add(sourceRecord({ id: 'down', url: 'https://down.example/feed' }));
    await sources.add(sourceRecord({ id: 'wire', url: 'https://wire.example/feed' }));
    const first = await poll();
    expect(first.sources.map((s) => [s.id, s.status])).toEqual([
      ['down', 'failing'],
      ['wire', 'ok'],
    ]);
    const down = await sources.get('down');
    expect(down?.health).toMatchObject({
      status: 'failing',
      failures: 1,
      failingSince: '2026-12-01T10:00:00.000Z',
      nextPollAt: '2026-12-01T10:15:00.000Z',
    });
    expect(down?.health.lastError).toMatch(/ECONNREFUSED/);
    advance(5);
    expect((await poll()).sources).toEqual([]);
    advance(10);
    expect((await poll()).sources.map((s) => s.id)).toEqual(['down', 'wire']);
    expect((await sources.get('down'))?.health).toMatchObject({
      failures: 2,
      failingSince: '2026-12-01T10:00:00.000Z',
      nextPollAt: '2026-12-01T10:45:00.000Z',
    });
  });

  it('counts sources failing for a day, for the alarm', async () => {
    const { sources, poll, advance } = setup({ 'https://down.example/feed': new Error('ETIMEDOUT') });
    await sources.add(sourceRecord({ id: 'down', url: 'https://down.example/feed' }));
    expect((await poll()).failingForADay).toBe(0);
    advance(24 * 60);
    expect((await poll()).failingForADay).toBe(1);
  });

  it('records an HTTP error, a page that is no feed and a cut answer as what they are', async () => {
    const { sources, poll } = setup({
      'https://gone.example/feed': feedResponse('', { status: 404 }),
      'https://html.example/feed': feedResponse('<html><body><p>Not a feed</p></body></html>', {
        contentType: 'text/html',
      }),
      'https://cut.example/feed': feedResponse(rss(ITEMS).slice(0, 400), { truncated: true }),
    });
    for (const id of ['gone', 'html', 'cut'])
      await sources.add(sourceRecord({ id, url: `https://${id}.example/feed` }));
    const run = await poll();
    const byId = Object.fromEntries(run.sources.map((s) => [s.id, s]));
    expect(byId.gone).toMatchObject({ status: 'failing', error: 'HTTP 404' });
    expect(byId.html).toMatchObject({ status: 'failing' });
    expect(byId.html?.error).toMatch(/not an RSS or Atom feed/);
    expect(byId.cut?.truncated).toBe(true);
  });

  it("takes an entry's mark back when its object cannot be written, so the next poll writes it", async () => {
    const { sources, objects, poll } = setup({ 'https://wire.example/feed': feedResponse(rss(ITEMS)) });
    await sources.add(sourceRecord({ id: 'wire', url: 'https://wire.example/feed' }));
    objects.failNext = new Error('S3 is down');
    const first = await poll();
    // The other entries, written beside the failed one, are kept.
    expect(first.sources[0]).toMatchObject({ status: 'failing', new: 2 });
    expect(first.sources[0]?.error).toMatch(/S3 is down/);
    const second = await poll({ ids: ['wire'] });
    expect(second.sources[0]).toMatchObject({ status: 'ok', new: 1, unchanged: 2 });
    expect(objects.objects.size).toBe(3);
  });

  it('never sends two requests to one host at once', async () => {
    const sources = new InMemorySourceRepository();
    let inFlight = 0;
    let most = 0;
    const poll = createPollSources({
      sources,
      objects: new InMemoryObjectWriter(),
      articlesPrefix: 'articles/',
      fetch: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return feedResponse(rss(ITEMS.slice(0, 1)));
      },
    });
    for (let i = 0; i < 4; i++)
      await sources.add(sourceRecord({ id: `s${i}`, url: `https://one.example/feed${i}` }));
    const run = await poll();
    expect(run.sources).toHaveLength(4);
    expect(most).toBe(1);
  });
});
