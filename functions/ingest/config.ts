import { z } from 'zod';
import { ConfigError } from '../ports/errors';
import { ENV } from '../contracts/env-names';

export interface IngestConfig {
  tableName: string;
  articlesPrefix: string;
  maxArticleBytes: number;
}

/** The largest upload ingested when MAX_ARTICLE_BYTES is not set; `newswatch analyse` applies it too. */
export const DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

const schema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.articlesPrefix]: z.string().default('articles/'),
  [ENV.maxArticleBytes]: z.coerce.number().int().positive().default(DEFAULT_MAX_ARTICLE_BYTES),
});

/** Read once at cold start; a bad deployment fails on its first invocation with a clear message. */
export const loadIngestConfig = (env: NodeJS.ProcessEnv): IngestConfig => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`ingest function configuration is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return {
    tableName: parsed.data[ENV.tableName],
    articlesPrefix: parsed.data[ENV.articlesPrefix],
    maxArticleBytes: parsed.data[ENV.maxArticleBytes],
  };
};
