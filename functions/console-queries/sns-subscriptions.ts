import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ConflictError, NotFoundError } from '../ports/errors';
import type { AlertsAccess } from './access';
import {
  CERTAINTIES_AT_LEAST,
  MINIMUM_CERTAINTIES,
  filterPolicyFor,
  type MinimumCertainty,
  type SubscriptionChoice,
} from '../contracts/vocabulary';

/*
 * Why a subscription change could not be made. The CLI prints the message (exit 1); the API
 * answers 404 or 409 (see ports/errors.ts).
 */

/** No subscription has that ARN, or that address. */
export class SubscriptionNotFoundError extends NotFoundError {
  override readonly name = 'SubscriptionNotFoundError';
}

/** SNS cannot remove, or subscribe again with other settings, a subscription awaiting confirmation. */
export class SubscriptionPendingError extends ConflictError {
  override readonly name = 'SubscriptionPendingError';
}

/** Reads a policy back into topics and minimum; `custom` when it is not one this CLI writes. */
export function describeFilterPolicy(json: string | undefined): {
  topics: string[] | 'all';
  minimumCertainty: MinimumCertainty | 'any' | 'custom';
} {
  if (json === undefined || json === '') return { topics: 'all', minimumCertainty: 'any' };
  let policy: Record<string, unknown>;
  try {
    policy = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { topics: 'all', minimumCertainty: 'custom' };
  }
  const topics = Array.isArray(policy.topic) ? policy.topic.map(String) : 'all';
  const certainty = Array.isArray(policy.certainty) ? policy.certainty.map(String) : undefined;
  const minimum =
    certainty === undefined
      ? 'any'
      : (MINIMUM_CERTAINTIES.find(
          (name) =>
            CERTAINTIES_AT_LEAST[name].length === certainty.length &&
            CERTAINTIES_AT_LEAST[name].every((value) => certainty.includes(value)),
        ) ?? 'custom');
  return { topics, minimumCertainty: minimum };
}

export interface SubscriptionRow {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** Real SNS: an email subscription nobody confirmed yet (it has no ARN, so no attributes). */
  pendingConfirmation: boolean;
  topics: string[] | 'all';
  minimumCertainty: string;
  filterPolicy?: string;
}

const PENDING = 'PendingConfirmation';

export async function listSubscriptions(alerts: AlertsAccess): Promise<SubscriptionRow[]> {
  const rows: SubscriptionRow[] = [];
  let token: string | undefined;
  do {
    const page = await alerts.client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: alerts.topicArn, NextToken: token }),
    );
    for (const subscription of page.Subscriptions ?? []) {
      const arn = subscription.SubscriptionArn ?? '';
      const pending = arn === PENDING || arn === '';
      let filterPolicy: string | undefined;
      if (!pending) {
        const attributes = await alerts.client.send(
          new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }),
        );
        filterPolicy = attributes.Attributes?.FilterPolicy;
      }
      const described = pending
        ? { topics: 'all' as const, minimumCertainty: 'unknown' }
        : describeFilterPolicy(filterPolicy);
      rows.push({
        subscriptionArn: arn,
        protocol: subscription.Protocol ?? '',
        endpoint: subscription.Endpoint ?? '',
        pendingConfirmation: pending,
        ...described,
        ...(filterPolicy === undefined ? {} : { filterPolicy }),
      });
    }
    token = page.NextToken;
  } while (token);
  return rows;
}

/** Emails compare case-insensitively (as the stack's duplicate check does), numbers exactly. */
export const sameEndpoint = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface SubscribeResult {
  subscriptionArn: string;
  action: 'created' | 'updated' | 'unchanged';
  pendingConfirmation: boolean;
}

/**
 * Subscribes an endpoint with a filter policy, or updates the policy of its existing
 * subscription (SNS refuses a second Subscribe of one endpoint with other attributes).
 */
export async function subscribe(
  alerts: AlertsAccess,
  request: { protocol: 'email' | 'sms'; endpoint: string } & SubscriptionChoice,
): Promise<SubscribeResult> {
  const policy = JSON.stringify(filterPolicyFor(request));
  const existing = (await listSubscriptions(alerts)).find(
    (row) => row.protocol === request.protocol && sameEndpoint(row.endpoint, request.endpoint),
  );
  if (existing && !existing.pendingConfirmation) {
    if (existing.filterPolicy === policy) {
      return { subscriptionArn: existing.subscriptionArn, action: 'unchanged', pendingConfirmation: false };
    }
    await alerts.client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: existing.subscriptionArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: policy,
      }),
    );
    return { subscriptionArn: existing.subscriptionArn, action: 'updated', pendingConfirmation: false };
  }
  try {
    const result = await alerts.client.send(
      new SubscribeCommand({
        TopicArn: alerts.topicArn,
        Protocol: request.protocol,
        Endpoint: request.endpoint,
        Attributes: { FilterPolicy: policy, FilterPolicyScope: 'MessageAttributes' },
        ReturnSubscriptionArn: true,
      }),
    );
    const arn = result.SubscriptionArn ?? PENDING;
    // Real SNS: an email subscription waits for its confirmation link (SMS needs none); the
    // local sink confirms at once. Either says so in PendingConfirmation.
    let pending = arn === PENDING;
    if (!pending) {
      const attributes = await alerts.client.send(
        new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }),
      );
      pending = attributes.Attributes?.PendingConfirmation === 'true';
    }
    return { subscriptionArn: arn, action: 'created', pendingConfirmation: pending };
  } catch (error) {
    if (/already exists with different attributes/.test((error as Error).message ?? '')) {
      throw new SubscriptionPendingError(
        'that address has a subscription waiting for confirmation with other settings: confirm it (or let it expire) first',
      );
    }
    throw error;
  }
}

/**
 * Removes subscriptions: by ARN, or every subscription of an address. Returns what was removed;
 * nothing found is an operation failure (the address is not echoed: it never goes to logs).
 */
export async function unsubscribe(alerts: AlertsAccess, target: string): Promise<SubscriptionRow[]> {
  const rows = await listSubscriptions(alerts);
  const chosen = target.startsWith('arn:')
    ? rows.filter((row) => row.subscriptionArn === target)
    : rows.filter((row) => sameEndpoint(row.endpoint, target));
  if (chosen.length === 0) {
    throw new SubscriptionNotFoundError(
      target.startsWith('arn:')
        ? `no subscription ${target} on ${alerts.topicArn}`
        : `no subscription for that address on ${alerts.topicArn}`,
    );
  }
  const pending = chosen.filter((row) => row.pendingConfirmation);
  if (pending.length === chosen.length) {
    throw new SubscriptionPendingError(
      'that subscription is still pending confirmation: SNS cannot remove it until it is confirmed or expires (3 days)',
    );
  }
  const removed: SubscriptionRow[] = [];
  for (const row of chosen) {
    if (row.pendingConfirmation) continue;
    await alerts.client.send(new UnsubscribeCommand({ SubscriptionArn: row.subscriptionArn }));
    removed.push(row);
  }
  return removed;
}
