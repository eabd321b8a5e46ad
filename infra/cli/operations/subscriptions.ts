import type { AlertsAccess } from '../../../functions/console-queries/access';
import { ConflictError, NotFoundError } from '../../../functions/ports/errors';
import {
  subscribe as subscribeEndpoint,
  unsubscribe as unsubscribeTarget,
  type SubscribeResult,
  type SubscriptionRow,
} from '../../../functions/console-queries/sns-subscriptions';
import type { SubscriptionChoice } from '../../../functions/contracts/vocabulary';
import { OperationFailedError } from '../errors';

/*
 * The SNS work lives in functions/console-queries (the console API does the same); here only the
 * CLI's reading of its failures: a change SNS cannot make is the operation failing (exit 1).
 */
export {
  describeFilterPolicy,
  listSubscriptions,
  sameEndpoint,
  type SubscribeResult,
  type SubscriptionRow,
} from '../../../functions/console-queries/sns-subscriptions';

const asOperationFailure = (error: unknown): never => {
  if (error instanceof NotFoundError || error instanceof ConflictError)
    throw new OperationFailedError(error.message);
  throw error;
};

export const subscribe = (
  alerts: AlertsAccess,
  request: { protocol: 'email' | 'sms'; endpoint: string } & SubscriptionChoice,
): Promise<SubscribeResult> => subscribeEndpoint(alerts, request).catch(asOperationFailure);

export const unsubscribe = (alerts: AlertsAccess, target: string): Promise<SubscriptionRow[]> =>
  unsubscribeTarget(alerts, target).catch(asOperationFailure);
