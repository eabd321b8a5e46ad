/**
 * Exit codes of `newswatch` and the errors that carry them. Every failure ends as one line on
 * stderr and one of these codes, so scripts can tell "try again" from "fix your command".
 */
export const EXIT = {
  ok: 0,
  /** The operation ran and failed (an upload failed, a topic file is invalid, …). */
  failed: 1,
  /** Something the command needs is not there: Java for --local, AWS credentials, the stack. */
  missingPrerequisite: 2,
  /** Bad arguments (sysexits EX_USAGE). */
  usage: 64,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** Bad arguments: exit 64. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** A missing prerequisite (credentials, stack, Java): exit 2. */
export class MissingPrerequisiteError extends CliError {
  override readonly name = 'MissingPrerequisiteError';
  constructor(message: string) {
    super(message, EXIT.missingPrerequisite);
  }
}

/** The operation ran and failed: exit 1. The details were printed already or are in the message. */
export class OperationFailedError extends CliError {
  override readonly name = 'OperationFailedError';
  constructor(message: string) {
    super(message, EXIT.failed);
  }
}

const shapeOf = (error: unknown) =>
  (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };

export const CREDENTIALS_HINT =
  'no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); use --local for the local stand-ins';

export const REGION_HINT = 'no AWS region: pass --region or set AWS_REGION (or a region in your AWS profile)';

/**
 * The SDK's errors for a machine that is not set up for AWS, as missing prerequisites with the fix;
 * anything else is returned unchanged.
 */
export function classifyAwsError(error: unknown): unknown {
  const { name, message } = shapeOf(error);
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return new MissingPrerequisiteError(CREDENTIALS_HINT);
  }
  if (typeof message === 'string' && /^Region is missing/.test(message)) {
    return new MissingPrerequisiteError(REGION_HINT);
  }
  return error;
}

/** `Name: message` on one line, for errors nobody classified. */
export function oneLine(error: unknown): string {
  const { name, message } = shapeOf(error);
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  const prefix = typeof name === 'string' && name !== 'Error' && !text.startsWith(name) ? `${name}: ` : '';
  return `${prefix}${text}`.replace(/\s*\n\s*/g, ' ').trim();
}
