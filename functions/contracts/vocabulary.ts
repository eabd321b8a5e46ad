/**
 * The product's vocabulary, defined once: the functions, the CLI, the CDK constructs and the local
 * twin import these lists rather than repeating them. This module imports nothing, so the CLI and
 * the CDK app can load it without pulling in zod, the NLP model or the CDK.
 */

/** How sure the news is that a tracked event happens, weakest to strongest; `past` never alerts. */
export const CERTAINTIES = ['speculative', 'conditional', 'planned', 'confirmed', 'denied', 'past'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/** Values of the `certainty` message attribute on alerts, weakest first; `denied` last. */
export const ALERT_CERTAINTIES = ['speculative', 'conditional', 'planned', 'confirmed', 'denied'] as const;
export type AlertCertainty = (typeof ALERT_CERTAINTIES)[number];

/**
 * The `certainty` values a subscriber (or a topic) with this minimum receives. Denials always get
 * through: a subscriber told a summit was planned must also hear that it was called off.
 */
export const CERTAINTIES_AT_LEAST = {
  speculative: ['speculative', 'conditional', 'planned', 'confirmed', 'denied'],
  planned: ['planned', 'confirmed', 'denied'],
  confirmed: ['confirmed', 'denied'],
} as const satisfies Record<string, readonly AlertCertainty[]>;
export type MinimumCertainty = keyof typeof CERTAINTIES_AT_LEAST;
export const MINIMUM_CERTAINTIES = Object.keys(CERTAINTIES_AT_LEAST) as MinimumCertainty[];

/** Who wants which alerts: topic ids (absent: every topic) and the weakest certainty to receive. */
export interface SubscriptionChoice {
  topics?: readonly string[];
  minimumCertainty?: MinimumCertainty;
}

/**
 * The SNS message-attribute filter policy of a subscription, the same whether it is made at deploy
 * time (the `subscriptions` context) or at run time (`newswatch subscribe`): `topic` when topics
 * are listed, `certainty` always.
 */
export const filterPolicyFor = (choice: SubscriptionChoice): Record<string, string[]> => ({
  ...(choice.topics && choice.topics.length > 0 ? { topic: [...new Set(choice.topics)] } : {}),
  certainty: [...CERTAINTIES_AT_LEAST[choice.minimumCertainty ?? 'speculative']],
});

/** How a topic's matches reach people: at once, or collected into one daily message. */
export const DELIVERIES = ['instant', 'digest'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** What became of a match: alerted, suppressed as a repeat, below the topic's minimum, queued. */
/**
 * What became of a topic match: `side-mention` is a match in an article's body only (not what
 * the article reports), recorded as context; it never alerts, starts or escalates a story.
 * `backfill` is a match found by `newswatch reprocess --topics-only` against an article already
 * stored: written as a Match item only (never the Article item, so no stream record the alert
 * function reads), it never alerts, claims a story or joins a digest.
 */
export const MATCH_OUTCOMES = [
  'sent',
  'duplicate',
  'below-minimum',
  'side-mention',
  'digest',
  'backfill',
] as const;
export type MatchOutcome = (typeof MATCH_OUTCOMES)[number];

/** Why an upload was not stored as an article. Stable codes: users query and alarm on them. */
export const REJECTION_REASONS = [
  'empty',
  'too-large',
  'binary',
  'invalid-encoding',
  'no-body',
  'malformed',
  'outside-prefix',
  'malformed-key',
  'not-found',
  'unparseable',
  'unstorable',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Topic ids: lower-case letters, digits and dashes, 2-63 characters (they appear in table keys). */
export const TOPIC_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const TOPIC_ID_RULE = 'ids are lower-case letters, digits and dashes (2-63 characters)';

/** Content story ids: `YYYY-MM-` then ten hex digits (`2025-11-3fa9c1d2e4`), as story grouping names them. */
export const STORY_ID_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-[0-9a-f]{10}$/;

/** Deliberately simple: one `@`, no spaces, a dot in the domain. SNS confirms the rest. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
/** E.164: `+`, country code without leading zero, at most 15 digits in total. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export type EndpointProtocol = 'email' | 'sms';

/** `undefined` when the endpoint is neither an email address nor an E.164 number. */
export const protocolOf = (endpoint: string): EndpointProtocol | undefined =>
  E164_PATTERN.test(endpoint) ? 'sms' : EMAIL_PATTERN.test(endpoint) ? 'email' : undefined;

/** Message attributes as a subscriber sees them: name → string value (absent: not sent). */
export type MessageAttributes = Readonly<Record<string, string | undefined>>;

/**
 * Whether a message with these attributes passes a filter policy of the form filterPolicyFor
 * makes (every named attribute present, its value one of those listed: SNS's exact-string match).
 * The delivery function selects webhooks with it, so a webhook gets exactly the alerts an email
 * subscription with the same choice gets from SNS itself.
 */
export const matchesFilterPolicy = (
  policy: Readonly<Record<string, readonly string[]>>,
  attributes: MessageAttributes,
): boolean =>
  Object.entries(policy).every(([name, allowed]) => {
    const value = attributes[name];
    return value !== undefined && allowed.includes(value);
  });
