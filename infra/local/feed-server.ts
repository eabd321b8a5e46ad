import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

/**
 * A folder of feed files served on 127.0.0.1, as a publisher would serve them: `ETag` and
 * `Last-Modified` on every answer and `304 Not Modified` to a request that sends them back, so a
 * second poll of an unchanged feed costs no parse. Used by `npm start -- --feeds <dir>` and the
 * tests; bound to loopback only.
 */

export interface FeedServer {
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  /** The URL of each served file, in name order. */
  feeds: { file: string; url: string }[];
  /** Requests answered, by status: what the tests read. */
  answered: Record<number, number>;
  stop(): Promise<void>;
}

const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml', '.rdf']);
const CONTENT_TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.xml': 'application/xml',
  '.rdf': 'application/rdf+xml',
};

export async function serveFeedFolder(dir: string): Promise<FeedServer> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && FEED_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort();
  const answered: Record<number, number> = {};
  const answer = (status: number) => {
    answered[status] = (answered[status] ?? 0) + 1;
    return status;
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
      if (!files.includes(name)) {
        response.writeHead(answer(404)).end();
        return;
      }
      const path = join(dir, name);
      const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
      const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
      const lastModified = info.mtime.toUTCString();
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(answer(304), { etag, 'last-modified': lastModified }).end();
        return;
      }
      response
        .writeHead(answer(200), {
          'content-type': CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/xml',
          etag,
          'last-modified': lastModified,
        })
        .end(bytes);
    })().catch(() => response.writeHead(answer(500)).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    baseUrl,
    feeds: files.map((file) => ({ file, url: `${baseUrl}${encodeURIComponent(file)}` })),
    answered,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
