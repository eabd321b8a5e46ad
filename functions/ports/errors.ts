/**
 * The one error adapters throw for the use cases to let through. Lambda retries what a handler
 * throws, so only failures worth retrying may escape a handler: bad input is recorded (a
 * Rejection item) and never thrown. The handler chain (runtime/handler-chain.ts) logs and counts
 * every error that escapes, saying whether it is a TransientError (a retry may succeed) or not.
 */

/** A dependency failed in a way that may succeed later (throttling, 5xx, network). Retry. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store refused a write for good (DynamoDB `ValidationException` and its kind: an item over a
 * size limit, an attribute it cannot hold). Retrying the same write fails the same way, so the use
 * case turns the object into a Rejection (`unstorable`) instead of throwing it into a retry loop.
 */
export class UnstorableItemError extends Error {
  override readonly name = 'UnstorableItemError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * What a request names does not exist (a topic, a subscription). The console API answers 404; the
 * CLI fails the command (exit 1). Adapters throw their own kind of it, which says what is missing.
 */
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
}

/** The change cannot be made in the state the thing is in (a subscription awaiting confirmation): 409. */
export class ConflictError extends Error {
  override readonly name: string = 'ConflictError';
}
