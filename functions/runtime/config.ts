/**
 * The function's configuration is invalid. Thrown at cold start, while the module loads, so the
 * first invocation of a bad deployment fails with this message rather than later on a bad call.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A check of one environment value: the value it stands for, or why it is not valid. */
export type EnvCheck<T> = (
  value: string | undefined,
) => { ok: true; value: T } | { ok: false; reason: string };

type Checked<S> = { [K in keyof S]: S[K] extends EnvCheck<infer T> ? T : never };

// Hand-written checks rather than a schema library: a few environment values do not need one,
// and loading zod was the largest part of the alert function's cold start (its bundle's biggest
// package, built and run at init for three strings).

/**
 * Checks the environment against a function's checks once, at cold start; every bad value is
 * reported, one line each with its name.
 */
export const loadConfig = <S extends Record<string, EnvCheck<unknown>>>(
  checks: S,
  env: NodeJS.ProcessEnv,
  functionName: string,
): Checked<S> => {
  const data: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, check] of Object.entries(checks)) {
    const result = check(env[name]);
    if (result.ok) data[name] = result.value;
    else problems.push(`✖ ${result.reason}\n  → at ${name}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(`${functionName} function configuration is invalid: ${problems.join('\n')}`);
  }
  return data as Checked<S>;
};

const missing = (value: string | undefined) =>
  value === undefined ? { ok: false as const, reason: 'is not set' } : undefined;

/** Environment values more than one function reads, checked the same way everywhere. */
export const requiredName: EnvCheck<string> = (value) =>
  missing(value) ??
  (value === '' ? { ok: false, reason: 'must not be empty' } : { ok: true, value: value as string });

const SNS_TOPIC_ARN = /^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/;
export const snsTopicArn: EnvCheck<string> = (value) =>
  missing(value) ??
  (SNS_TOPIC_ARN.test(value as string)
    ? { ok: true, value: value as string }
    : { ok: false, reason: 'must be an SNS topic ARN' });

/** Any string, `fallback` when the value is not set. */
export const stringOr =
  (fallback: string): EnvCheck<string> =>
  (value) => ({ ok: true, value: value ?? fallback });

/** A whole number above zero (written as `Number` reads it), `fallback` when the value is not set. */
export const positiveIntegerOr =
  (fallback: number): EnvCheck<number> =>
  (value) => {
    if (value === undefined) return { ok: true, value: fallback };
    const number = Number(value);
    return Number.isInteger(number) && number > 0
      ? { ok: true, value: number }
      : { ok: false, reason: `must be a whole number above zero, got "${value}"` };
  };

/** `true` or `false` (unset or empty: false); anything else is a mistake worth failing on. */
export const booleanFlag: EnvCheck<boolean> = (value) =>
  value === undefined || value === '' || value === 'false'
    ? { ok: true, value: false }
    : value === 'true'
      ? { ok: true, value: true }
      : { ok: false, reason: `must be true or false, got "${value}"` };
