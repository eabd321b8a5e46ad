import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface HttpApiRequest {
  method: string;
  /** The path as sent, still URL-encoded, without the query. */
  path: string;
  /** The query as sent, without `?`. */
  rawQueryString?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Uint8Array;
  sourceIp?: string;
  /** Injectable clock for tests. */
  now?: () => number;
}

const TEXT_BODY = /^(application\/(json|[\w.+-]+\+json)|text\/[\w.+-]+)(;|$)/i;

/**
 * An API Gateway HTTP API event, payload format 2.0, as API Gateway builds it for a request:
 * lower-cased headers joined with commas, repeated query parameters joined with commas, the body
 * as text when its content type is text or JSON and base64 otherwise. What the API function gets
 * deployed, built here from a node:http request (the local console) or a test's literal.
 */
export function httpApiEvent(request: HttpApiRequest): APIGatewayProxyEventV2 {
  const now = (request.now ?? Date.now)();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const rawQueryString = request.rawQueryString ?? '';
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const method = request.method.toUpperCase();
  const text = TEXT_BODY.test(headers['content-type'] ?? '');
  const body = request.body && request.body.length > 0 ? Buffer.from(request.body) : undefined;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString,
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body === undefined ? {} : { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body !== undefined && !text,
  };
}
