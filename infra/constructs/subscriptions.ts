import type * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';

/** Deliberately simple: one `@`, no spaces, a dot in the domain. SNS confirms the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
/** E.164: `+`, country code without leading zero, at most 15 digits in total. */
const E164 = /^\+[1-9]\d{6,14}$/;

const invalid = (what: string, source: string, bad: string[], hint: string) =>
  new Error(`${source}: invalid ${what} ${bad.map((b) => JSON.stringify(b)).join(', ')} (${hint})`);

export const validateEmails = (emails: readonly string[], source: string): string[] => {
  const bad = emails.filter((e) => !EMAIL.test(e));
  if (bad.length) throw invalid('email address(es)', source, bad, 'expected name@example.com');
  return [...new Set(emails)];
};

export const validatePhones = (phones: readonly string[], source: string): string[] => {
  const bad = phones.filter((p) => !E164.test(p));
  if (bad.length) throw invalid('phone number(s)', source, bad, 'expected E.164, e.g. +14155550123');
  return [...new Set(phones)];
};

/** Adds one subscription per endpoint; construct ids derive from the endpoint, not the order. */
export const subscribeEmails = (topic: sns.Topic, emails: readonly string[]) => {
  for (const email of emails) topic.addSubscription(new EmailSubscription(email));
};

export const subscribePhones = (topic: sns.Topic, phones: readonly string[]) => {
  for (const phone of phones) topic.addSubscription(new SmsSubscription(phone));
};

/**
 * Reads a list from context: a JSON array (from cdk.json or `-c key='["a","b"]'`) or a
 * comma-separated string (`-c key=a,b`). Absent or empty means none.
 */
export const parseListContext = (value: unknown, key: string): string[] => {
  if (value === undefined || value === null) return [];
  let list: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch (error) {
        throw new Error(`context ${key}: not valid JSON (${(error as Error).message})`, { cause: error });
      }
    } else {
      list = text.split(',');
    }
  }
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new Error(`context ${key}: expected a comma-separated string or a JSON array of strings`);
  }
  return list.map((item) => item.trim()).filter((item) => item.length > 0);
};
