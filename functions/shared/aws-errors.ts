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
