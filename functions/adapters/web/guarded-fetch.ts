import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { judgeAddress } from './address-policy';

/**
 * HTTP(S) GET of a URL someone else chose (a feed), safe against server-side request forgery:
 * every request and every redirect goes only to a public unicast address, checked after DNS
 * resolution and pinned for the connection (the socket connects to the address that was checked,
 * so a name that resolves differently a moment later, DNS rebinding, changes nothing). Bounded in
 * every dimension a hostile server controls: connect and total time, redirects, and bytes after
 * decompression (a gzip bomb is cut like any oversize body).
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name resolution, injectable so tests can say what a name resolves to without any DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

export interface FetchPolicy {
  resolve: Resolver;
  /** The local twin only: loopback (and only loopback) is allowed too. */
  allowLoopback: boolean;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  /** Bytes of body kept (after decompression); the rest is dropped and `truncated` set. */
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FETCH_POLICY: Omit<FetchPolicy, 'resolve' | 'allowLoopback'> = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'Newswatch feed poller (+https://github.com/newswatch)',
};

export interface ConditionalRequest {
  url: string;
  /** Sent as If-None-Match. */
  etag?: string;
  /** Sent as If-Modified-Since. */
  lastModified?: string;
}

export interface FetchedResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  /** 304: the copy from the last poll is current; `body` is empty. */
  notModified: boolean;
  body: Uint8Array;
  truncated: boolean;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  redirects: number;
}

/** The URL (or an address it resolves to, or a redirect) is not one Newswatch may fetch. */
export class BlockedDestinationError extends Error {
  override readonly name = 'BlockedDestinationError';
}

/** The server took too long to accept the connection or to send the whole answer. */
export class FetchTimeoutError extends Error {
  override readonly name = 'FetchTimeoutError';
}

export class TooManyRedirectsError extends Error {
  override readonly name = 'TooManyRedirectsError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Only http and https, with a host; credentials in a URL are never sent anywhere. */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedDestinationError(`not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedDestinationError(`only http and https are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new BlockedDestinationError('a URL with credentials in it is not fetched');
  }
  if (url.hostname === '') throw new BlockedDestinationError('the URL has no host');
  return url;
}

/** The host as an address literal (`[::1]` → `::1`), or undefined for a name. */
const literalOf = (hostname: string) => {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? undefined : bare;
};

/**
 * The one address this request connects to: the literal itself, or the first resolved address,
 * after checking all of them. Any blocked answer blocks the name: a name that resolves to a public
 * address and to 10.0.0.1 is not one to trust with the other.
 */
export async function pinAddress(url: URL, policy: Pick<FetchPolicy, 'resolve' | 'allowLoopback'>) {
  const literal = literalOf(url.hostname);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }]
    : await policy.resolve(url.hostname).catch((error: unknown) => {
        throw new BlockedDestinationError(`${url.hostname} does not resolve: ${String(error)}`);
      });
  if (addresses.length === 0) throw new BlockedDestinationError(`${url.hostname} does not resolve`);
  for (const { address } of addresses) {
    const verdict = judgeAddress(address, { allowLoopback: policy.allowLoopback });
    if (!verdict.allowed) throw new BlockedDestinationError(`${url.hostname}: ${verdict.reason}`);
  }
  return addresses[0] as ResolvedAddress;
}

const header = (response: IncomingMessage, name: string) => {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const decoderFor = (encoding: string | undefined): Transform | undefined => {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
};

interface OneResponse {
  response: IncomingMessage;
  body?: { bytes: Uint8Array; truncated: boolean };
}

/** One request to one pinned address; redirects are the caller's. */
function requestOnce(
  url: URL,
  pinned: ResolvedAddress,
  headers: Record<string, string>,
  policy: FetchPolicy,
  deadline: number,
): Promise<OneResponse> {
  return new Promise((resolve, reject) => {
    // The socket connects to the address that was checked, whatever the name resolves to now.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all === true) {
        (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
      } else callback(null, pinned.address, pinned.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const remaining = Math.max(1, deadline - Date.now());
    const totalTimer = setTimeout(() => {
      req.destroy(
        new FetchTimeoutError(`no complete answer from ${url.host} within ${policy.totalTimeoutMs} ms`),
      );
    }, remaining);
    const done =
      <T>(settle: (value: T) => void) =>
      (value: T) => {
        clearTimeout(totalTimer);
        settle(value);
      };
    const fail = done(reject);
    const req = send(
      url,
      { method: 'GET', headers, lookup, agent: false, timeout: policy.connectTimeoutMs },
      (response) => {
        if (REDIRECTS.has(response.statusCode ?? 0) || response.statusCode === 304) {
          response.resume();
          done(resolve)({ response });
          return;
        }
        const decoder = decoderFor(header(response, 'content-encoding'));
        const stream = decoder ? response.pipe(decoder) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        stream.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = policy.maxBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            truncated = true;
            // Enough: stop reading, and stop the server sending.
            req.destroy();
            done(resolve)({ response, body: { bytes: Buffer.concat(chunks), truncated } });
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        stream.on('end', () =>
          done(resolve)({ response, body: { bytes: Buffer.concat(chunks), truncated } }),
        );
        stream.on('error', (error: Error) => {
          if (!truncated) fail(error);
        });
      },
    );
    req.on('timeout', () => {
      req.destroy(new FetchTimeoutError(`${url.host} did not answer within ${policy.connectTimeoutMs} ms`));
    });
    // After a truncated read the request is destroyed once the answer is settled: a late error
    // then settles nothing.
    req.on('error', fail);
    req.end();
  });
}

/**
 * GETs the URL under the policy: conditional headers (ETag, Last-Modified) on the first request,
 * gzip/deflate/brotli accepted, at most `maxRedirects` redirects, each to an allowed destination.
 */
export async function guardedFetch(
  request: ConditionalRequest,
  policy: FetchPolicy,
): Promise<FetchedResponse> {
  const deadline = Date.now() + policy.totalTimeoutMs;
  let url = checkUrl(request.url);
  for (let redirects = 0; ; redirects += 1) {
    const pinned = await pinAddress(url, policy);
    const headers: Record<string, string> = {
      'user-agent': policy.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      ...(redirects === 0 && request.etag ? { 'if-none-match': request.etag } : {}),
      ...(redirects === 0 && request.lastModified ? { 'if-modified-since': request.lastModified } : {}),
    };
    const { response, body } = await requestOnce(url, pinned, headers, policy, deadline);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      const location = header(response, 'location');
      if (!location) throw new BlockedDestinationError(`${status} from ${url.host} without a Location`);
      if (redirects >= policy.maxRedirects) {
        throw new TooManyRedirectsError(`more than ${policy.maxRedirects} redirects from ${request.url}`);
      }
      url = checkUrl(new URL(location, url).toString());
      continue;
    }
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    const contentType = header(response, 'content-type');
    return {
      status,
      url: url.toString(),
      notModified: status === 304,
      body: body?.bytes ?? new Uint8Array(),
      truncated: body?.truncated ?? false,
      redirects,
      ...(contentType ? { contentType } : {}),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  }
}
