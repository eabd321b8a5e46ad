import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import topicsFile from '../../../seeds/topics.json';
import {
  E164_PATTERN,
  EMAIL_PATTERN,
  MINIMUM_CERTAINTIES,
  filterPolicyFor,
  protocolOf,
  type MinimumCertainty,
} from '../../../functions/contracts/vocabulary';

const invalid = (what: string, source: string, bad: string[], hint: string) =>
  new Error(`${source}: invalid ${what} ${bad.map((b) => JSON.stringify(b)).join(', ')} (${hint})`);

export const validateEmails = (emails: readonly string[], source: string): string[] => {
  const bad = emails.filter((e) => !EMAIL_PATTERN.test(e));
  if (bad.length) throw invalid('email address(es)', source, bad, 'expected name@example.com');
  return [...new Set(emails)];
};

export const validatePhones = (phones: readonly string[], source: string): string[] => {
  const bad = phones.filter((p) => !E164_PATTERN.test(p));
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

/** Topic ids alerts can carry in their `topic` message attribute: those of seeds/topics.json. */
export const KNOWN_TOPIC_IDS: readonly string[] = topicsFile.topics.map((t) => t.id);

/** One entry of the `subscriptions` context: who gets which alerts. */
export interface AlertSubscriptionSpec {
  /** An email address or an E.164 phone number; the protocol follows from its shape. */
  readonly endpoint: string;
  /** Topic ids (seeds/topics.json) to receive alerts for. @default every topic */
  readonly topics?: readonly string[];
  /** Weakest certainty to receive; denials always get through. @default 'speculative' */
  readonly minimumCertainty?: MinimumCertainty;
}

const SPEC_KEYS = new Set(['endpoint', 'topics', 'minimumCertainty']);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks every entry (shape, endpoint, topic ids, minimum) and returns them with topics trimmed
 * and de-duplicated. Errors name the entry as `${source}[index]` and its endpoint.
 */
export const validateSubscriptions = (entries: readonly unknown[], source: string): AlertSubscriptionSpec[] =>
  entries.map((entry, index) => {
    const fail = (problem: string): never => {
      const named = isRecord(entry) && typeof entry.endpoint === 'string';
      throw new Error(`${source}[${index}]${named ? ` ${JSON.stringify(entry.endpoint)}` : ''}: ${problem}`);
    };
    if (!isRecord(entry)) return fail('expected an object such as {"endpoint":"you@example.com"}');
    const unknownKeys = Object.keys(entry).filter((k) => !SPEC_KEYS.has(k));
    if (unknownKeys.length) {
      fail(
        `unknown key(s) ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')} (expected ${[...SPEC_KEYS].join(', ')})`,
      );
    }
    const { endpoint, topics, minimumCertainty } = entry;
    if (typeof endpoint !== 'string' || !endpoint.trim())
      return fail('"endpoint" must be a non-empty string');
    if (!protocolOf(endpoint.trim())) {
      fail(
        'endpoint is neither an email address (name@example.com) nor an E.164 phone number (+14155550123)',
      );
    }
    let topicIds: string[] | undefined;
    if (topics !== undefined) {
      if (!Array.isArray(topics) || !topics.length || !topics.every((t) => typeof t === 'string')) {
        fail('"topics" must be a non-empty array of topic ids (omit it for every topic)');
      }
      topicIds = [...new Set((topics as string[]).map((t) => t.trim()))];
      const unknown = topicIds.filter((t) => !KNOWN_TOPIC_IDS.includes(t));
      if (unknown.length) {
        fail(
          `unknown topic id(s) ${unknown.map((t) => JSON.stringify(t)).join(', ')} (seeds/topics.json has ${KNOWN_TOPIC_IDS.join(', ')})`,
        );
      }
    }
    if (
      minimumCertainty !== undefined &&
      !MINIMUM_CERTAINTIES.includes(minimumCertainty as MinimumCertainty)
    ) {
      fail(
        `"minimumCertainty" must be one of ${MINIMUM_CERTAINTIES.join(', ')} (got ${JSON.stringify(minimumCertainty)})`,
      );
    }
    return {
      endpoint: endpoint.trim(),
      ...(topicIds && { topics: topicIds }),
      ...(minimumCertainty !== undefined && { minimumCertainty: minimumCertainty as MinimumCertainty }),
    };
  });

/**
 * Reads the `subscriptions` context: a JSON array of {@link AlertSubscriptionSpec} (a string from
 * `-c subscriptions='[...]'`, or an array in cdk.json). Absent or empty means none.
 */
export const parseSubscriptionsContext = (value: unknown, key: string): AlertSubscriptionSpec[] => {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return [];
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch (error) {
      throw new Error(`context ${key}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  if (!Array.isArray(list)) {
    throw new Error(`context ${key}: expected a JSON array such as [{"endpoint":"you@example.com"}]`);
  }
  return validateSubscriptions(list, `context ${key}`);
};

/** Where an endpoint was given, for error messages: `context alertEmails`, `context subscriptions[2]`. */
export interface PlacedEndpoint {
  readonly endpoint: string;
  readonly where: string;
}

/**
 * Fails when an endpoint is given twice (case-insensitively, as email domains are): two
 * subscriptions would deliver each alert twice, and their filters could disagree.
 */
export const rejectDuplicateEndpoints = (endpoints: readonly PlacedEndpoint[]) => {
  const seen = new Map<string, string>();
  for (const { endpoint, where } of endpoints) {
    const normal = endpoint.trim().toLowerCase();
    const first = seen.get(normal);
    if (first !== undefined) {
      throw new Error(
        `duplicate alert endpoint ${JSON.stringify(endpoint)} in ${first} and in ${where} (list each endpoint once)`,
      );
    }
    seen.set(normal, where);
  }
};

/** Endpoints of the three subscriber lists, placed for {@link rejectDuplicateEndpoints}. */
export const placeEndpoints = (
  lists: {
    emails: readonly string[];
    phones: readonly string[];
    subscriptions: readonly AlertSubscriptionSpec[];
  },
  names: { emails: string; phones: string; subscriptions: string },
): PlacedEndpoint[] => [
  ...lists.emails.map((endpoint) => ({ endpoint, where: names.emails })),
  ...lists.phones.map((endpoint) => ({ endpoint, where: names.phones })),
  ...lists.subscriptions.map(({ endpoint }, i) => ({ endpoint, where: `${names.subscriptions}[${i}]` })),
];

/** The message-attribute filter policy of a subscription: `topic` (if listed) and `certainty`. */
export const filterPolicyOf = (spec: AlertSubscriptionSpec): Record<string, sns.SubscriptionFilter> =>
  Object.fromEntries(
    Object.entries(filterPolicyFor(spec)).map(([name, allowlist]) => [
      name,
      sns.SubscriptionFilter.stringFilter({ allowlist }),
    ]),
  );

/** One filtered subscription per entry, email or SMS by the endpoint's shape. */
export const subscribeFiltered = (topic: sns.Topic, specs: readonly AlertSubscriptionSpec[]) => {
  for (const spec of specs) {
    const filterPolicy = filterPolicyOf(spec);
    topic.addSubscription(
      protocolOf(spec.endpoint) === 'sms'
        ? new SmsSubscription(spec.endpoint, { filterPolicy })
        : new EmailSubscription(spec.endpoint, { filterPolicy }),
    );
  }
};
