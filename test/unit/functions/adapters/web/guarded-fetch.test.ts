import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlockedDestinationError,
  DEFAULT_FETCH_POLICY,
  FetchTimeoutError,
  TooManyRedirectsError,
  guardedFetch,
  type FetchPolicy,
  type Resolver,
} from '../../../../../functions/adapters/web/guarded-fetch';

// Every request here goes to a server on 127.0.0.1 (or is refused before any connection): names
// resolve through a stub, never through DNS.
let server: Server;
let base: string;
const seen: IncomingMessage[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/feed': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/rss+xml',
      etag: '"v1"',
      'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    res.end('<rss><channel><title>t</title></channel></rss>');
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('hello gzip'));
  },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024)));
  },
  '/big': (_req, res) => {
    res.writeHead(200);
    res.end(Buffer.alloc(300_000, 97));
  },
  '/slow': (_req, res) => {
    res.writeHead(200);
    res.write('partial');
    // Never ends: the total timeout has to cut it.
  },
  '/hop': (req, res) => {
    const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(302, { location: n > 0 ? `/hop?n=${n - 1}` : '/feed' }).end();
  },
  '/to-metadata': (_req, res) => {
    res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  },
  '/to-named': (_req, res) => {
    res
      .writeHead(307, { location: `http://feeds.example:${(server.address() as AddressInfo).port}/feed` })
      .end();
  },
  '/to-private-name': (_req, res) => {
    res.writeHead(302, { location: 'http://intranet.example/secret' }).end();
  },
  '/to-file': (_req, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd' }).end();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const stubResolver: Resolver = async (hostname) => {
  const table: Record<string, string[]> = {
    'feeds.example': ['127.0.0.1'],
    'intranet.example': ['10.0.0.7'],
    'mixed.example': ['127.0.0.1', '192.168.1.5'],
  };
  const addresses = table[hostname];
  if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: 4 as const }));
};

const local: FetchPolicy = {
  ...DEFAULT_FETCH_POLICY,
  resolve: stubResolver,
  allowLoopback: true,
  maxBytes: 100_000,
  totalTimeoutMs: 2_000,
};
const deployed: FetchPolicy = { ...local, allowLoopback: false };

describe('guardedFetch on loopback (the local twin)', () => {
  it('fetches, then asks conditionally and gets a 304 with no body', async () => {
    const first = await guardedFetch({ url: `${base}/feed` }, local);
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', truncated: false });
    expect(Buffer.from(first.body).toString()).toContain('<rss>');
    const second = await guardedFetch({ url: `${base}/feed`, etag: first.etag ?? '' }, local);
    expect(second).toMatchObject({ status: 304, notModified: true });
    expect(second.body.length).toBe(0);
  });

  it('decompresses gzip and cuts a gzip bomb at the cap, after decompression', async () => {
    const plain = await guardedFetch({ url: `${base}/gzip` }, local);
    expect(Buffer.from(plain.body).toString()).toBe('hello gzip');
    const bomb = await guardedFetch({ url: `${base}/bomb` }, local);
    expect(bomb.truncated).toBe(true);
    expect(bomb.body.length).toBe(100_000);
  });

  it('cuts an oversize body and says so', async () => {
    const big = await guardedFetch({ url: `${base}/big` }, local);
    expect(big).toMatchObject({ status: 200, truncated: true });
    expect(big.body.length).toBe(100_000);
  });

  it('gives up on a server that never finishes', async () => {
    await expect(
      guardedFetch({ url: `${base}/slow` }, { ...local, totalTimeoutMs: 300 }),
    ).rejects.toBeInstanceOf(FetchTimeoutError);
  });

  it('follows up to five redirects, through names resolved by the stub, and no more', async () => {
    const followed = await guardedFetch({ url: `${base}/hop?n=4` }, local);
    expect(followed).toMatchObject({ status: 200, redirects: 5 });
    const named = await guardedFetch({ url: `${base}/to-named` }, local);
    expect(named).toMatchObject({ status: 200, redirects: 1 });
    expect(named.url).toMatch(/^http:\/\/feeds\.example:\d+\/feed$/);
    await expect(guardedFetch({ url: `${base}/hop?n=5` }, local)).rejects.toBeInstanceOf(
      TooManyRedirectsError,
    );
  });

  it('refuses a redirect to the metadata service, a private name or another scheme', async () => {
    await expect(guardedFetch({ url: `${base}/to-metadata` }, local)).rejects.toThrow(/link-local/);
    await expect(guardedFetch({ url: `${base}/to-private-name` }, local)).rejects.toThrow(
      /intranet\.example: private/,
    );
    await expect(guardedFetch({ url: `${base}/to-file` }, local)).rejects.toThrow(/only http and https/);
  });
});

describe('guardedFetch deployed (no loopback)', () => {
  it.each([
    ['http://127.0.0.1:9/feed', /loopback/],
    ['http://[::1]:9/feed', /loopback/],
    ['http://[::ffff:127.0.0.1]:9/', /loopback/],
    ['http://2130706433/', /loopback/],
    ['http://0x7f.1/', /loopback/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://feeds.example/feed', /loopback/],
    ['http://mixed.example/feed', /private|loopback/],
    ['http://nowhere.example/', /does not resolve/],
    ['ftp://example.com/feed', /only http and https/],
    ['gopher://127.0.0.1/', /only http and https/],
    ['http://user:pass@example.com/', /credentials/],
    ['not a url', /not a URL/],
  ])('refuses %s before connecting', async (url, reason) => {
    const before = seen.length;
    const error = await guardedFetch({ url }, deployed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlockedDestinationError);
    expect(String(error)).toMatch(reason);
    expect(seen.length).toBe(before);
  });
});
