import type { ApiIssue } from '../contracts/console-api';

/**
 * A request the API refuses, with the status it answers. Thrown by the request checks and the
 * routes, turned into `{ error, issues? }` by handle-request.ts; never logged as a failure.
 */
export class ApiRequestError extends Error {
  override readonly name: string = 'ApiRequestError';
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

/** A parameter or body that does not validate: 400, with what is wrong field by field. */
export class InvalidRequestError extends ApiRequestError {
  override readonly name = 'InvalidRequestError';
  constructor(message: string, issues?: ApiIssue[]) {
    super(400, message, issues);
  }
}

/** No such story, article, topic or subscription: 404. */
export class ResourceNotFoundError extends ApiRequestError {
  override readonly name = 'ResourceNotFoundError';
  constructor(message: string) {
    super(404, message);
  }
}

/** A path the API does not serve: 404. */
export class UnknownRouteError extends ApiRequestError {
  override readonly name = 'UnknownRouteError';
  constructor(path: string) {
    super(404, `no such API path: ${path}`);
  }
}

/** A path the API serves, with a method it does not take there: 405, with the ones it does. */
export class MethodNotAllowedError extends ApiRequestError {
  override readonly name = 'MethodNotAllowedError';
  constructor(
    method: string,
    readonly allowed: readonly string[],
  ) {
    super(405, `${method} is not allowed here (allowed: ${allowed.join(', ')})`);
  }
}

/** A body over the route's limit: 413. */
export class PayloadTooLargeError extends ApiRequestError {
  override readonly name = 'PayloadTooLargeError';
  constructor(bytes: number, limit: number) {
    super(413, `the body is ${bytes} bytes, over the ${limit}-byte limit`);
  }
}

/** An article ingest would reject (empty, binary, malformed…): 422, with the rejection's reason. */
export class UnprocessableArticleError extends ApiRequestError {
  override readonly name = 'UnprocessableArticleError';
  constructor(reason: string, detail: string) {
    super(422, `ingest would reject it (${reason}): ${detail}`);
  }
}
