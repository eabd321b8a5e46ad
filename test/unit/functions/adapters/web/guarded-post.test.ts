import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockedDestinationError, type Resolver } from '../../../../../functions/adapters/web/guarded-fetch';
import { DEFAULT_POST_POLICY, guardedPost } from '../../../../../functions/adapters/web/guarded-post';

// Every request goes to 127.0.0.1 or is refused before connecting; names resolve through a stub.
let server: Server;
let port: number;
const received: { url?: string; method?: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url, method: req.method, headers: req.headers, body });
      if (req.url === '/redirect') res.writeHead(307, { location: 'http://127.0.0.1/elsewhere' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2_000);
      else res.writeHead(req.url === '/gone' ? 410 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const stub =
  (answers: Record<string, string[]>): Resolver =>
  async (name) =>
    (answers[name] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const policy = (allowLoopback: boolean, resolve: Resolver = stub({})) => ({
  ...DEFAULT_POST_POLICY,
  totalTimeoutMs: 500,
  resolve,
  allowLoopback,
});

describe('guardedPost', () => {
  it('posts the body and headers to an allowed (loopback, locally) address', async () => {
    const { status } = await guardedPost(
      {
        url: `http://127.0.0.1:${port}/hook`,
        body: '{"a":1}',
        headers: { 'content-type': 'application/json' },
      },
      policy(true),
    );
    expect(status).toBe(200);
    const last = received.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/hook', body: '{"a":1}' });
    expect(last.headers['content-type']).toBe('application/json');
  });

  it('connects to the checked address of a name, pinned', async () => {
    const { status } = await guardedPost(
      { url: `http://receiver.test:${port}/named`, body: 'x', headers: {} },
      policy(true, stub({ 'receiver.test': ['127.0.0.1'] })),
    );
    expect(status).toBe(200);
    expect(received.at(-1)?.headers.host).toBe(`receiver.test:${port}`);
  });

  it('returns a redirect as the answer without following it', async () => {
    const before = received.length;
    const { status } = await guardedPost(
      { url: `http://127.0.0.1:${port}/redirect`, body: 'x', headers: {} },
      policy(true),
    );
    expect(status).toBe(307);
    expect(received.length).toBe(before + 1);
  });

  it.each([
    ['loopback deployed', 'http://127.0.0.1/hook', {}],
    ['metadata service', 'http://169.254.169.254/latest', {}],
    ['private by name', 'https://hooks.internal/x', { 'hooks.internal': ['10.1.2.3'] }],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/x', {}],
    ['not http', 'file:///etc/passwd', {}],
    ['credentials in the URL', 'https://u:p@hooks.example.com/x', { 'hooks.example.com': ['93.184.215.14'] }],
  ])('refuses %s before connecting', async (_name, url, answers) => {
    await expect(guardedPost({ url, body: 'x', headers: {} }, policy(false, stub(answers)))).rejects.toThrow(
      BlockedDestinationError,
    );
  });

  it('allows loopback locally and nothing else private', async () => {
    await expect(
      guardedPost({ url: 'http://10.0.0.1/x', body: 'x', headers: {} }, policy(true)),
    ).rejects.toThrow(BlockedDestinationError);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    await expect(
      guardedPost({ url: `http://127.0.0.1:${port}/slow`, body: 'x', headers: {} }, policy(true)),
    ).rejects.toThrow(/within 500 ms/);
  });
});
