import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../../functions/api/handle-request';
import {
  MAX_PAGE_SIZE,
  type ApiError,
  type Page,
  type StorySummaryView,
} from '../../../../functions/contracts/console-api';
import { InvalidTopicsError, parseTopic } from '../../../../functions/domain/topics/topic-schema';
import { httpApiEvent, type HttpApiRequest } from '../../../../infra/local/invocation/http-api-event';
import {
  consoleArticle,
  inMemoryConsoleStore,
  storySummary,
} from '../../../support/in-memory/in-memory-console-store';

const silent = { error: () => undefined };

function api(seed: Parameters<typeof inMemoryConsoleStore>[0] = {}) {
  const memory = inMemoryConsoleStore(seed);
  const handle = createApiHandler({
    store: memory.store,
    loadTopicTest: async () => (await import('../../../../functions/api/topic-test')).testArticleText,
    maxArticleBytes: 10_000,
    logger: silent,
  });
  const call = async (request: Omit<HttpApiRequest, 'path'> & { url: string; json?: unknown }) => {
    const [path, query] = request.url.split('?') as [string, string | undefined];
    const result = await handle(
      httpApiEvent({
        ...request,
        path,
        ...(query === undefined ? {} : { rawQueryString: query }),
        ...(request.json === undefined
          ? {}
          : {
              headers: { 'content-type': 'application/json' },
              body: new TextEncoder().encode(JSON.stringify(request.json)),
            }),
      }),
    );
    return {
      status: result.statusCode,
      headers: result.headers ?? {},
      raw: result.body ?? '',
      body: result.body ? (JSON.parse(result.body) as unknown) : undefined,
    };
  };
  return { ...memory, call };
}

const stories = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    storySummary({ storyId: `2025-11-${i.toString(16).padStart(10, '0')}`, title: `Story ${i}` }),
  );

describe('the console API', () => {
  it('answers JSON that no cache keeps', async () => {
    const { call } = api({ stories: stories(1) });
    const response = await call({ method: 'GET', url: '/api/stories' });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
  });

  it('pages lists: 25 by default, a cursor to the next page, which ends the list', async () => {
    const { call } = api({ stories: stories(30) });
    const first = (await call({ method: 'GET', url: '/api/stories' })).body as Page<StorySummaryView>;
    expect(first.items).toHaveLength(25);
    expect(first.cursor).toEqual(expect.any(String));
    const second = (await call({ method: 'GET', url: `/api/stories?cursor=${first.cursor}` }))
      .body as Page<StorySummaryView>;
    expect(second.items.map((story) => story.title)).toEqual([
      'Story 25',
      'Story 26',
      'Story 27',
      'Story 28',
      'Story 29',
    ]);
    expect(second.cursor).toBeUndefined();
  });

  it(`never answers more than ${MAX_PAGE_SIZE} items, and refuses a larger limit`, async () => {
    const { call, calls } = api({ stories: stories(150) });
    const full = (await call({ method: 'GET', url: `/api/stories?limit=${MAX_PAGE_SIZE}` }))
      .body as Page<unknown>;
    expect(full.items).toHaveLength(MAX_PAGE_SIZE);
    // Read through the page and one more (to know whether a next page exists), never the lot.
    expect(calls.at(-1)?.limit).toBe(MAX_PAGE_SIZE + 1);
    const tooMany = await call({ method: 'GET', url: `/api/stories?limit=${MAX_PAGE_SIZE + 1}` });
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as ApiError).issues).toEqual([
      { path: 'limit', message: `expected a whole number from 1 to ${MAX_PAGE_SIZE}` },
    ]);
  });

  it('refuses a forged cursor, an unknown parameter, a bad date and an empty range', async () => {
    const { call } = api();
    for (const url of [
      '/api/stories?cursor=not-a-cursor',
      '/api/stories?colour=red',
      '/api/articles?from=2025-02-30',
      '/api/rejections?from=2025-02-02&to=2025-02-01',
    ]) {
      const response = await call({ method: 'GET', url });
      expect(response.status, url).toBe(400);
      expect((response.body as ApiError).issues?.length, url).toBeGreaterThan(0);
    }
  });

  it('answers 404 for a missing story, article or topic and an unknown path, 405 for another method', async () => {
    const { call } = api();
    expect((await call({ method: 'GET', url: '/api/stories/2025-11-0000000000' })).status).toBe(404);
    expect((await call({ method: 'GET', url: '/api/articles/articles%2Fnone.txt' })).status).toBe(404);
    expect((await call({ method: 'DELETE', url: '/api/topics/no-such-topic' })).status).toBe(404);
    expect((await call({ method: 'GET', url: '/api/nothing' })).status).toBe(404);
    const wrong = await call({ method: 'DELETE', url: '/api/stories' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET');
    expect((await call({ method: 'GET', url: '/api/stories/not-an-id' })).status).toBe(400);
  });

  it('returns an attacker-controlled title as a plain JSON string', async () => {
    const title = '<script>alert(1)</script>';
    const { call } = api({ articles: [consoleArticle({ title })] });
    const response = await call({ method: 'GET', url: '/api/articles/articles%2F001.txt' });
    expect(response.status).toBe(200);
    expect((response.body as { title: string }).title).toBe(title);
    expect(response.raw).toContain(JSON.stringify(title));
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses a bad topic with the messages `topics add` prints, then saves the fixed one', async () => {
    const { call, stored } = api();
    const bad = { id: 'storm-warnings', name: '', actors: [], event: { type: 'warning' } };
    const refused = await call({ method: 'PUT', url: '/api/topics/storm-warnings', json: bad });
    expect(refused.status).toBe(400);
    const { issues } = refused.body as ApiError;
    expect(issues?.map((issue) => issue.path).sort()).toEqual(['actors', 'event.triggers', 'name']);
    let cliMessage = '';
    try {
      parseTopic(bad);
    } catch (error) {
      if (!(error instanceof InvalidTopicsError)) throw error;
      cliMessage = error.message;
    }
    for (const issue of issues ?? [])
      expect(cliMessage).toContain(`✖ ${issue.message}\n  → at ${issue.path}`);

    const fixed = {
      ...bad,
      name: 'Storm warnings',
      actors: [{ name: 'Met Office' }],
      event: { type: 'warning', triggers: ['warning'] },
    };
    const saved = await call({ method: 'PUT', url: '/api/topics/storm-warnings', json: fixed });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: 'storm-warnings', minimumCertainty: 'speculative' });
    expect(stored.has('storm-warnings')).toBe(true);
    const otherId = await call({ method: 'PUT', url: '/api/topics/other-id', json: fixed });
    expect((otherId.body as ApiError).issues).toEqual([
      { path: 'id', message: expect.stringContaining('other-id') },
    ]);
  });

  it('refuses a body that is not JSON, and one over the limit with 413', async () => {
    const { call } = api();
    const notJson = await call({
      method: 'PUT',
      url: '/api/topics/storm-warnings',
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode('{"id":'),
    });
    expect(notJson.status).toBe(400);
    const huge = await call({ method: 'POST', url: '/api/topics/test', json: { text: 'x'.repeat(200_000) } });
    expect(huge.status).toBe(413);
  });

  it('adds and removes a subscription, checking the address as the CLI does', async () => {
    const { call } = api();
    const bad = await call({
      method: 'POST',
      url: '/api/subscriptions',
      json: { protocol: 'email', endpoint: 'desk' },
    });
    expect((bad.body as ApiError).issues).toEqual([
      { path: 'endpoint', message: 'expected an email address such as name@example.com' },
    ]);
    const created = await call({
      method: 'POST',
      url: '/api/subscriptions',
      json: {
        protocol: 'sms',
        endpoint: '+44 7700 900123',
        topics: ['trump-kim-summit'],
        minimumCertainty: 'planned',
      },
    });
    expect(created.status).toBe(201);
    const view = created.body as { id: string; endpoint: string };
    expect(view).toMatchObject({
      endpoint: '+447700900123',
      topics: ['trump-kim-summit'],
      minimumCertainty: 'planned',
    });
    const listed = (await call({ method: 'GET', url: '/api/subscriptions' })).body as Page<{ id: string }>;
    expect(listed.items.map((row) => row.id)).toEqual([view.id]);
    expect(
      (await call({ method: 'DELETE', url: `/api/subscriptions/${encodeURIComponent(view.id)}` })).status,
    ).toBe(204);
    expect(
      (await call({ method: 'DELETE', url: `/api/subscriptions/${encodeURIComponent(view.id)}` })).status,
    ).toBe(404);
  });

  it('tests an article against draft topics, saving nothing', async () => {
    const { call, stored } = api();
    const response = await call({
      method: 'POST',
      url: '/api/topics/test',
      json: {
        text: 'Met Office issues storm warning\n\nThe Met Office issued a warning for high winds on Tuesday across the north.',
        topics: [
          {
            id: 'storm-warnings',
            name: 'Storm warnings',
            actors: [{ name: 'Met Office' }],
            event: { type: 'warning', triggers: ['warning'] },
          },
        ],
      },
    });
    expect(response.status, response.raw).toBe(200);
    const { entries } = response.body as { entries: { matches: { topicId: string }[] }[] };
    expect(entries[0]?.matches.map((match) => match.topicId)).toEqual(['storm-warnings']);
    expect(stored.size).toBe(0);
    const badDraft = await call({
      method: 'POST',
      url: '/api/topics/test',
      json: { text: 'x', topics: [{ id: 'x' }] },
    });
    expect(badDraft.status).toBe(400);
    expect((badDraft.body as ApiError).issues?.[0]?.path).toMatch(/^topics\.0\./);
  });
});
