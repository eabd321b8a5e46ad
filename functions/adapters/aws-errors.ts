/**
 * Classifies SDK errors without importing any client: the SDK marks throttling and 5xx errors with
 * `$retryable` / `$fault`, and names conditional-check failures consistently.
 */
interface SdkErrorShape {
  name?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const asShape = (error: unknown): SdkErrorShape =>
  typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};

export const isConditionalCheckFailed = (error: unknown) =>
  asShape(error).name === 'ConditionalCheckFailedException';

export const isNotFound = (error: unknown) => {
  const e = asShape(error);
  return (
    e.name === 'NoSuchKey' ||
    e.name === 'NotFound' ||
    e.name === 'NoSuchVersion' ||
    e.$metadata?.httpStatusCode === 404
  );
};

/**
 * A TransactWriteItems cancelled because one of its conditions failed (as opposed to a conflict
 * with another transaction or throttling, which are worth retrying). DynamoDB lists one reason per
 * item, `None` for the items that were fine.
 */
export const isTransactionConditionFailure = (error: unknown) => {
  const e = asShape(error) as SdkErrorShape & { CancellationReasons?: { Code?: string }[] };
  return (
    e.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed') &&
    (e.CancellationReasons ?? []).every(
      (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'None' || !reason.Code,
    )
  );
};

/** Client errors that a retry can fix: throttling and conflicts are the caller's "not now". */
const RETRYABLE_CLIENT_ERRORS = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
]);

/**
 * A request the service refused because of what it asked, not because of when: the SDK marks such
 * errors `$fault: 'client'` and not `$retryable` (a `ValidationException` for an item over 400 KB,
 * a bad attribute). Sending it again can only fail again.
 */
export const isPermanentClientError = (error: unknown) => {
  const e = asShape(error);
  return (
    e.$fault === 'client' &&
    !e.$retryable &&
    !RETRYABLE_CLIENT_ERRORS.has(e.name ?? '') &&
    !isConditionalCheckFailed(error) &&
    e.name !== 'TransactionCanceledException'
  );
};
