import { z } from 'zod';
import { ConfigError } from '../ports/errors';
import { ENV } from '../contracts/env-names';

export interface AlertConfig {
  tableName: string;
  alertsTopicArn: string;
}

const schema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.alertsTopicArn]: z
    .string()
    .regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'must be an SNS topic ARN'),
});

export const loadAlertConfig = (env: NodeJS.ProcessEnv, functionName = 'alert'): AlertConfig => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `${functionName} function configuration is invalid: ${z.prettifyError(parsed.error)}`,
    );
  }
  return { tableName: parsed.data[ENV.tableName], alertsTopicArn: parsed.data[ENV.alertsTopicArn] };
};
