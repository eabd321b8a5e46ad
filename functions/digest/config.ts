import { ENV } from '../contracts/env-names';
import { loadConfig, requiredName, snsTopicArn } from '../runtime/config';

/** The digest function reads the queued matches from the table and publishes to the alerts topic. */
export interface DigestConfig {
  tableName: string;
  alertsTopicArn: string;
}

const checks = { [ENV.tableName]: requiredName, [ENV.alertsTopicArn]: snsTopicArn };

export const loadDigestConfig = (env: NodeJS.ProcessEnv): DigestConfig => {
  const data = loadConfig(checks, env, 'digest');
  return { tableName: data[ENV.tableName], alertsTopicArn: data[ENV.alertsTopicArn] };
};
