import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { API_PREFIX, type ConsoleConfig } from '../../functions/contracts/console-api';
import { CONSOLE_APP, FUNCTION_ENTRIES } from '../paths';
import { createLambdaContext } from './invocation/lambda-context';
import { httpApiEvent } from './invocation/http-api-event';
import { LOCAL_DEFAULTS } from './local-stack';

/**
 * The local console: the browser build (CONSOLE_APP.dist) and the real API handler on one origin,
 * bound to 127.0.0.1 only (there is no sign-in locally: `/config.json` says so). Each `/api/*`
 * request becomes an HTTP API payload 2.0 event for the handler, as API Gateway makes it deployed.
 */

/** The headers CloudFront's response policy sets deployed: no inline script or style can run. */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export const LOCAL_CONSOLE_CONFIG: ConsoleConfig = { auth: { type: 'none' } };

/** API Gateway's own payload cap (10 MB): the handler applies its smaller limits itself. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Newswatch console: not built</title></head>
<body><h1>The console is not built yet</h1>
<p>Run <code>npm run build:console</code>, then reload this page. The API is already served under <code>/api/</code>.</p>
</body></html>
`;

type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ConsoleServerOptions {
  /** 0 (the default) lets the kernel pick a free port. */
  port?: number;
  /** The browser build to serve (default CONSOLE_APP.dist). */
  distDir?: string;
  /** The API handler's entry (default FUNCTION_ENTRIES.api). */
  handlerPath?: string;
  /**
   * The local stack's handler environment (local-stack.ts handlerEnvironment): applied to
   * process.env before the handler module loads, as it reads its configuration then.
   */
  env: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

export interface ConsoleServer {
  url: string;
  port: number;
  /** Stops listening and ends open connections. Idempotent. */
  close(): Promise<void>;
}

/** A request body over the server's cap. */
class RequestTooLargeError extends Error {
  override readonly name = 'RequestTooLargeError';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new RequestTooLargeError(`over ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const send = (
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  head = false,
) => {
  response.writeHead(status, { ...headers, ...SECURITY_HEADERS });
  response.end(head ? undefined : body);
};

const sendJson = (response: ServerResponse, status: number, body: unknown) =>
  send(
    response,
    status,
    { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    JSON.stringify(body),
  );

/**
 * The file under `root` the URL path names, or undefined when it names none there. The path is
 * decoded and resolved first; anything that resolves outside `root` (`..`, encoded slashes, a
 * NUL) names nothing, so no request can read beside the build.
 */
export async function staticFile(root: string, urlPath: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${path.startsWith('/') ? path : `/${path}`}`);
  if (file !== base && !file.startsWith(`${base}${sep}`)) return undefined;
  const found = await stat(file).catch(() => undefined);
  if (found?.isFile()) return file;
  if (found?.isDirectory()) {
    const index = join(file, 'index.html');
    return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
  }
  return undefined;
}

async function loadApiHandler(path: string): Promise<ApiHandler> {
  const module = (await import(pathToFileURL(resolve(path)).href)) as { handler?: unknown };
  if (typeof module.handler !== 'function')
    throw new Error(`${path} does not export a function named handler`);
  return module.handler as ApiHandler;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const log = options.log ?? (() => undefined);
  const dist = options.distDir ?? CONSOLE_APP.dist;
  Object.assign(process.env, options.env);
  const handler = await loadApiHandler(options.handlerPath ?? FUNCTION_ENTRIES.api);

  const api = async (request: IncomingMessage, response: ServerResponse, path: string, query: string) => {
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        sendJson(response, 413, { error: `the body is ${error.message}` });
        return;
      }
      throw error;
    }
    const event = httpApiEvent({
      method: request.method ?? 'GET',
      path,
      rawQueryString: query,
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    });
    const context = createLambdaContext({
      functionName: 'newswatch-api-local',
      region: LOCAL_DEFAULTS.region,
    });
    const result = await handler(event, context);
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const payload = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
    send(response, result.statusCode ?? 200, headers, payload);
  };

  const site = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) {
      send(
        response,
        405,
        { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
        'method not allowed\n',
      );
      return;
    }
    if (path === '/config.json') {
      send(
        response,
        200,
        { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        JSON.stringify(LOCAL_CONSOLE_CONFIG),
        head,
      );
      return;
    }
    const index = join(dist, 'index.html');
    if (!(await stat(index).catch(() => undefined))?.isFile()) {
      send(
        response,
        200,
        { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        NOT_BUILT_PAGE,
        head,
      );
      return;
    }
    // Any other path is a page of the app (SPA routing): index.html, which routes it in the browser.
    const file = (await staticFile(dist, path)) ?? index;
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(
      response,
      200,
      { 'content-type': type, 'cache-control': file === index ? 'no-cache' : 'max-age=300' },
      await readFile(file),
      head,
    );
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The raw path, still encoded (an article key's %2F stays one segment), as API Gateway passes it.
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const query = url.search.replace(/^\?/, '');
    const isApi = rawPath === API_PREFIX || rawPath.startsWith(`${API_PREFIX}/`);
    (isApi ? api(request, response, rawPath, query) : site(request, response, url.pathname)).catch(
      (error: unknown) => {
        log(`newswatch: console request ${request.method} ${rawPath} failed: ${String(error)}`);
        if (!response.headersSent) sendJson(response, 500, { error: 'internal error: see the console log' });
        else response.destroy();
      },
    );
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: the local console has no sign-in, so nothing but this machine may reach it.
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the console server has no port');
  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      (closing ??= new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      })),
  };
}
