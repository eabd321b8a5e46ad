/**
 * Named errors shared by both functions. The distinction that matters operationally is whether a
 * failure is worth retrying: Lambda retries what a handler throws, so only transient failures may
 * escape a handler; bad input is recorded (a Rejection item) and never thrown.
 */

/** A dependency failed in a way that may succeed later (throttling, 5xx, network). Retry. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The function's configuration is invalid. Thrown at cold start so the deploy fails loudly. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A stream record or event that can never be processed, whatever the number of retries. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}
