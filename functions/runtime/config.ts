import { z } from 'zod';

/**
 * The function's configuration is invalid. Thrown at cold start, while the module loads, so the
 * first invocation of a bad deployment fails with this message rather than later on a bad call.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates the environment against a function's schema once, at cold start. */
export const loadConfig = <S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  functionName: string,
): z.output<S> => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `${functionName} function configuration is invalid: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
};

/** Environment values more than one function reads, checked the same way everywhere. */
export const requiredName = z.string().min(1);
export const snsTopicArn = z
  .string()
  .regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN');
