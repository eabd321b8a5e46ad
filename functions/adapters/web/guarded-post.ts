import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  checkUrl,
  FetchTimeoutError,
  pinAddress,
  type ResolvedAddress,
  type Resolver,
} from './guarded-fetch';

/**
 * POST to a URL someone else chose (a webhook), under the same address policy as guardedFetch:
 * public unicast only (loopback too in the local twin), the checked address pinned for the
 * connection. No redirect is followed: a POST redirected elsewhere would carry the signed alert
 * to a destination nobody subscribed, so a 3xx is returned as the answer (and fails delivery).
 * The answer's body is read and dropped, at most RESPONSE_BYTES of it.
 */

export interface PostPolicy {
  resolve: Resolver;
  allowLoopback: boolean;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  userAgent: string;
}

export const DEFAULT_POST_POLICY: Omit<PostPolicy, 'resolve' | 'allowLoopback'> = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 10_000,
  userAgent: 'Newswatch webhook delivery (+https://github.com/newswatch)',
};

const RESPONSE_BYTES = 64 * 1024;

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export async function guardedPost(request: PostRequest, policy: PostPolicy): Promise<{ status: number }> {
  const url = checkUrl(request.url);
  const pinned = await pinAddress(url, policy);
  return postOnce(url, pinned, request, policy);
}

function postOnce(
  url: URL,
  pinned: ResolvedAddress,
  request: PostRequest,
  policy: PostPolicy,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all === true) {
        (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
      } else callback(null, pinned.address, pinned.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.body, 'utf8');
    const totalTimer = setTimeout(() => {
      req.destroy(new FetchTimeoutError(`no answer from ${url.host} within ${policy.totalTimeoutMs} ms`));
    }, policy.totalTimeoutMs);
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          ...request.headers,
          'user-agent': policy.userAgent,
          'content-length': String(body.length),
        },
        lookup,
        agent: false,
        timeout: policy.connectTimeoutMs,
      },
      (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > RESPONSE_BYTES) response.destroy();
        });
        const settle = () => {
          clearTimeout(totalTimer);
          resolve({ status: response.statusCode ?? 0 });
        };
        response.on('end', settle);
        response.on('close', settle);
        response.on('error', settle);
      },
    );
    req.on('timeout', () => {
      req.destroy(new FetchTimeoutError(`${url.host} did not answer within ${policy.connectTimeoutMs} ms`));
    });
    req.on('error', (error) => {
      clearTimeout(totalTimer);
      reject(error);
    });
    req.end(body);
  });
}
