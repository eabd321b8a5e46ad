import { ENV } from '../contracts/env-names';
import { loadConfig, requiredName, snsTopicArn } from '../runtime/config';

export interface AlertConfig {
  tableName: string;
  alertsTopicArn: string;
}

const checks = { [ENV.tableName]: requiredName, [ENV.alertsTopicArn]: snsTopicArn };

export const loadAlertConfig = (env: NodeJS.ProcessEnv): AlertConfig => {
  const data = loadConfig(checks, env, 'alert');
  return { tableName: data[ENV.tableName], alertsTopicArn: data[ENV.alertsTopicArn] };
};
