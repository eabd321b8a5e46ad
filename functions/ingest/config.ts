import { ENV } from '../contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../contracts/limits';
import { loadConfig, positiveIntegerOr, requiredName, stringOr } from '../runtime/config';

export interface IngestConfig {
  tableName: string;
  articlesPrefix: string;
  maxArticleBytes: number;
}

/** The largest upload ingested when MAX_ARTICLE_BYTES is not set; `newswatch analyse` applies it too. */

const checks = {
  [ENV.tableName]: requiredName,
  [ENV.articlesPrefix]: stringOr('articles/'),
  [ENV.maxArticleBytes]: positiveIntegerOr(DEFAULT_MAX_ARTICLE_BYTES),
};

/** Read once at cold start; a bad deployment fails on its first invocation with a clear message. */
export const loadIngestConfig = (env: NodeJS.ProcessEnv): IngestConfig => {
  const data = loadConfig(checks, env, 'ingest');
  return {
    tableName: data[ENV.tableName],
    articlesPrefix: data[ENV.articlesPrefix],
    maxArticleBytes: data[ENV.maxArticleBytes],
  };
};
