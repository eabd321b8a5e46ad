import { ENV } from '../contracts/env-names';
import { loadConfig, requiredName, stringOr, booleanFlag } from '../runtime/config';

/** The poller reads and writes Source items in the table and writes new entries to the bucket. */
export interface PollerConfig {
  tableName: string;
  articlesBucket: string;
  articlesPrefix: string;
  /** The local twin only (see ENV.allowLoopback). */
  allowLoopback: boolean;
}

const checks = {
  [ENV.tableName]: requiredName,
  [ENV.articlesBucket]: requiredName,
  [ENV.articlesPrefix]: stringOr('articles/'),
  [ENV.allowLoopback]: booleanFlag,
};

export const loadPollerConfig = (env: NodeJS.ProcessEnv): PollerConfig => {
  const data = loadConfig(checks, env, 'poller');
  return {
    tableName: data[ENV.tableName],
    articlesBucket: data[ENV.articlesBucket],
    articlesPrefix: data[ENV.articlesPrefix],
    allowLoopback: data[ENV.allowLoopback],
  };
};
