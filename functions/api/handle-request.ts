import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ApiError } from '../contracts/console-api';
import { ConflictError, NotFoundError } from '../ports/errors';
import { ApiRequestError, MethodNotAllowedError } from './api-errors';
import { dispatch } from './routes';
import type { ApiRequest, ApiResponse, RouteDeps } from './route-types';

/**
 * Every answer is JSON that no cache keeps (personal data, and lists that change with every
 * ingest). The browser renders what it reads as text; nosniff keeps a response from ever being
 * taken for a script or a page.
 */
export const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** The request as the routes read it: API Gateway's raw path and query, the body as bytes. */
export function toApiRequest(event: APIGatewayProxyEventV2): ApiRequest {
  const body =
    event.body === undefined || event.body === null
      ? undefined
      : event.isBase64Encoded
        ? new Uint8Array(Buffer.from(event.body, 'base64'))
        : new TextEncoder().encode(event.body);
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    // Repeated parameters arrive comma-joined, and fail the checks that expect one value.
    query: { ...(event.queryStringParameters ?? {}) } as Record<string, string>,
    ...(body === undefined ? {} : { body }),
  };
}

const errorBody = (error: string, issues?: ApiError['issues']): ApiError =>
  issues === undefined ? { error } : { error, issues };

/** What an error answers: the API's own with their status, a missing thing 404, a conflict 409. */
function errorResponse(error: unknown, logger: Pick<Logger, 'error'>): ApiResponse {
  if (error instanceof ApiRequestError) {
    return {
      status: error.status,
      body: errorBody(error.message, error.issues),
      ...(error instanceof MethodNotAllowedError ? { headers: { allow: error.allowed.join(', ') } } : {}),
    };
  }
  if (error instanceof NotFoundError) return { status: 404, body: errorBody(error.message) };
  if (error instanceof ConflictError) return { status: 409, body: errorBody(error.message) };
  // A failure of ours or of AWS: logged here with its stack, answered without it.
  logger.error('API request failed', { error });
  return { status: 500, body: errorBody('internal error: see the API function logs') };
}

export const toResult = (response: ApiResponse): APIGatewayProxyStructuredResultV2 => ({
  statusCode: response.status,
  headers: { ...API_HEADERS, ...response.headers },
  body: response.body === undefined ? '' : JSON.stringify(response.body),
});

/** API Gateway HTTP API (payload 2.0) events in, JSON responses out; it never throws. */
export const createApiHandler =
  (deps: RouteDeps & { logger: Pick<Logger, 'error'> }) =>
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      return toResult(await dispatch(toApiRequest(event), deps));
    } catch (error) {
      return toResult(errorResponse(error, deps.logger));
    }
  };
