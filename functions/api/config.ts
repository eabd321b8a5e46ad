import { ENV } from '../contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../contracts/limits';
import {
  loadConfig,
  positiveIntegerOr,
  requiredName,
  snsTopicArn,
  stringOr,
  type EnvCheck,
} from '../runtime/config';

export interface ApiConfig {
  tableName: string;
  alertsTopicArn: string;
  /** The dead-letter queues /api/health reports; none when unset (locally). */
  deadLetterQueueUrls: string[];
  /** /api/health lists the alarms whose names start with this; none when empty (locally). */
  alarmNamePrefix: string;
  /** The largest article POST /api/topics/test analyses, as ingest's limit. */
  maxArticleBytes: number;
}

const QUEUE_URL = /^https?:\/\/\S+\/[\w-]+$/;

/** Comma-separated queue URLs; empty or unset is none. */
const queueUrls: EnvCheck<string[]> = (value) => {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const bad = urls.find((url) => !QUEUE_URL.test(url));
  return bad === undefined
    ? { ok: true, value: urls }
    : { ok: false, reason: `must be SQS queue URLs, comma-separated; got "${bad}"` };
};

const checks = {
  [ENV.tableName]: requiredName,
  [ENV.alertsTopicArn]: snsTopicArn,
  [ENV.deadLetterQueueUrls]: queueUrls,
  [ENV.alarmNamePrefix]: stringOr(''),
  [ENV.maxArticleBytes]: positiveIntegerOr(DEFAULT_MAX_ARTICLE_BYTES),
};

/** Read once at cold start; a bad deployment fails on its first invocation with a clear message. */
export const loadApiConfig = (env: NodeJS.ProcessEnv): ApiConfig => {
  const data = loadConfig(checks, env, 'api');
  return {
    tableName: data[ENV.tableName],
    alertsTopicArn: data[ENV.alertsTopicArn],
    deadLetterQueueUrls: data[ENV.deadLetterQueueUrls],
    alarmNamePrefix: data[ENV.alarmNamePrefix],
    maxArticleBytes: data[ENV.maxArticleBytes],
  };
};
