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
