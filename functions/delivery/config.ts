import { ENV } from '../contracts/env-names';
import { loadConfig, requiredName, stringOr, booleanFlag } from '../runtime/config';

/** The delivery function reads the Webhook items and their secrets, and posts alerts to them. */
export interface DeliveryConfig {
  tableName: string;
  /** The local twin only (see ENV.allowLoopback). */
  allowLoopback: boolean;
  /** The local twin only: secrets from files in this folder instead of Secrets Manager. */
  webhookSecretsDir?: string;
}

const checks = {
  [ENV.tableName]: requiredName,
  [ENV.allowLoopback]: booleanFlag,
  [ENV.webhookSecretsDir]: stringOr(''),
};

export const loadDeliveryConfig = (env: NodeJS.ProcessEnv): DeliveryConfig => {
  const data = loadConfig(checks, env, 'delivery');
  return {
    tableName: data[ENV.tableName],
    allowLoopback: data[ENV.allowLoopback],
    ...(data[ENV.webhookSecretsDir] ? { webhookSecretsDir: data[ENV.webhookSecretsDir] } : {}),
  };
};
