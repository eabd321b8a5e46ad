import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { E164_PATTERN, EMAIL_PATTERN } from '../../../../functions/contracts/vocabulary';
import { parseFilterPolicy } from './filter-policy';
import { SnsError, escapeXml, parseQueryMap, responseXml } from './protocol';

/**
 * The subscriber management the operator CLI needs: `Subscribe` (email and sms only),
 * `Unsubscribe`, `ListSubscriptionsByTopic` and `Get/SetSubscriptionAttributes` for
 * `FilterPolicy`. Subscriptions are confirmed at once: real SNS leaves an email subscription
 * `PendingConfirmation` until the link in its confirmation email is clicked, which has no local
 * equivalent.
 */

export type SubscriptionProtocol = 'email' | 'sms';

export interface LocalSubscription {
  subscriptionArn: string;
  topicArn: string;
  protocol: SubscriptionProtocol;
  endpoint: string;
  /** The policy JSON exactly as it was set (SNS returns it as given); absent: every message. */
  filterPolicy?: string;
  createdAt: string;
}

/** What `Subscribe` and `SetSubscriptionAttributes` accept locally. */
const SETTABLE_ATTRIBUTES = new Set(['FilterPolicy', 'FilterPolicyScope']);

export const SUBSCRIPTION_ACTIONS = {
  Subscribe: true,
  Unsubscribe: true,
  ListSubscriptionsByTopic: true,
  GetSubscriptionAttributes: true,
  SetSubscriptionAttributes: true,
} as const;
export type SubscriptionAction = keyof typeof SUBSCRIPTION_ACTIONS;

/** Subscriptions of the sink, optionally kept in a JSON file (`{"subscriptions":[…]}`). */
export class SubscriptionBook {
  readonly #items: LocalSubscription[];
  readonly #file: string | undefined;
  readonly #known: ReadonlySet<string> | undefined;
  #writes: Promise<void> = Promise.resolve();

  private constructor(items: LocalSubscription[], file?: string, known?: ReadonlySet<string>) {
    this.#items = items;
    this.#file = file;
    this.#known = known;
  }

  static async open(file?: string, known?: ReadonlySet<string>): Promise<SubscriptionBook> {
    if (file === undefined) return new SubscriptionBook([], undefined, known);
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) return new SubscriptionBook([], file, known);
    let parsed: { subscriptions?: unknown };
    try {
      parsed = JSON.parse(text) as { subscriptions?: unknown };
    } catch (error) {
      throw new Error(`${file} is not valid JSON: delete it to start without subscriptions`, {
        cause: error,
      });
    }
    if (!Array.isArray(parsed.subscriptions)) {
      throw new Error(`${file} has no "subscriptions" array: delete it to start without subscriptions`);
    }
    return new SubscriptionBook(parsed.subscriptions as LocalSubscription[], file, known);
  }

  list(topicArn?: string): LocalSubscription[] {
    return this.#items.filter((item) => topicArn === undefined || item.topicArn === topicArn);
  }

  /** Waits for the file writes in progress. */
  flush(): Promise<void> {
    return this.#writes;
  }

  #save(): Promise<void> {
    const file = this.#file;
    if (file === undefined) return Promise.resolve();
    // Written whole to a temporary name and renamed: a crash never leaves half a file.
    const text = `${JSON.stringify({ subscriptions: this.#items }, null, 2)}\n`;
    const write = this.#writes.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, text, 'utf8');
      await rename(`${file}.tmp`, file);
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }

  #topic(params: URLSearchParams): string {
    const topicArn = params.get('TopicArn');
    if (!topicArn) {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: TopicArn Reason: no value for required parameter',
      );
    }
    if (this.#known !== undefined && !this.#known.has(topicArn)) {
      throw new SnsError('NotFound', 'Topic does not exist', 404);
    }
    return topicArn;
  }

  #subscription(params: URLSearchParams): LocalSubscription {
    const arn = params.get('SubscriptionArn');
    if (!arn) throw new SnsError('InvalidParameter', 'Invalid parameter: SubscriptionArn');
    const found = this.#items.find((item) => item.subscriptionArn === arn);
    if (!found) throw new SnsError('NotFound', 'Subscription does not exist', 404);
    return found;
  }

  /** Applies one subscription action (already known to be one) and returns the XML answer. */
  async handle(action: SubscriptionAction, body: string, requestId: string): Promise<string> {
    const params = new URLSearchParams(body);
    switch (action) {
      case 'Subscribe': {
        const topicArn = this.#topic(params);
        const protocol = params.get('Protocol');
        const endpoint = params.get('Endpoint') ?? '';
        if (protocol !== 'email' && protocol !== 'sms') {
          throw new SnsError(
            'InvalidParameter',
            `Invalid parameter: Protocol (the local sink supports email and sms, got ${protocol ?? 'none'})`,
          );
        }
        if (!(protocol === 'email' ? EMAIL_PATTERN : E164_PATTERN).test(endpoint)) {
          throw new SnsError(
            'InvalidParameter',
            `Invalid parameter: Endpoint (not a valid ${protocol} endpoint)`,
          );
        }
        const attributes = parseQueryMap(params, 'Attributes');
        for (const name of Object.keys(attributes)) {
          if (!SETTABLE_ATTRIBUTES.has(name)) {
            throw new SnsError(
              'InvalidParameter',
              `Invalid parameter: Attributes Reason: ${name} is not supported locally`,
            );
          }
        }
        checkScope(attributes.FilterPolicyScope);
        const filterPolicy = attributes.FilterPolicy;
        if (filterPolicy !== undefined) parseFilterPolicy(filterPolicy);
        // SNS: subscribing the same endpoint again returns the existing subscription, unless the
        // attributes differ.
        const existing = this.#items.find(
          (item) => item.topicArn === topicArn && item.protocol === protocol && item.endpoint === endpoint,
        );
        if (existing) {
          if (existing.filterPolicy !== filterPolicy) {
            throw new SnsError(
              'InvalidParameter',
              'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
            );
          }
          return responseXml(
            'Subscribe',
            requestId,
            `<SubscriptionArn>${escapeXml(existing.subscriptionArn)}</SubscriptionArn>`,
          );
        }
        const subscription: LocalSubscription = {
          subscriptionArn: `${topicArn}:${randomUUID()}`,
          topicArn,
          protocol,
          endpoint,
          ...(filterPolicy === undefined ? {} : { filterPolicy }),
          createdAt: new Date().toISOString(),
        };
        this.#items.push(subscription);
        await this.#save();
        return responseXml(
          'Subscribe',
          requestId,
          `<SubscriptionArn>${escapeXml(subscription.subscriptionArn)}</SubscriptionArn>`,
        );
      }
      case 'Unsubscribe': {
        const subscription = this.#subscription(params);
        this.#items.splice(this.#items.indexOf(subscription), 1);
        await this.#save();
        return responseXml('Unsubscribe', requestId);
      }
      case 'ListSubscriptionsByTopic': {
        const topicArn = this.#topic(params);
        // One page: a local topic never has SNS's 100 subscriptions per page.
        const members = this.list(topicArn)
          .map(
            (item) =>
              `<member><TopicArn>${escapeXml(item.topicArn)}</TopicArn><Protocol>${item.protocol}</Protocol>` +
              `<SubscriptionArn>${escapeXml(item.subscriptionArn)}</SubscriptionArn>` +
              `<Owner>${escapeXml(item.topicArn.split(':')[4] ?? '')}</Owner>` +
              `<Endpoint>${escapeXml(item.endpoint)}</Endpoint></member>`,
          )
          .join('');
        return responseXml(
          'ListSubscriptionsByTopic',
          requestId,
          `<Subscriptions>${members}</Subscriptions>`,
        );
      }
      case 'GetSubscriptionAttributes': {
        const item = this.#subscription(params);
        const attributes: Record<string, string> = {
          SubscriptionArn: item.subscriptionArn,
          TopicArn: item.topicArn,
          Protocol: item.protocol,
          Endpoint: item.endpoint,
          Owner: item.topicArn.split(':')[4] ?? '',
          PendingConfirmation: 'false',
          ConfirmationWasAuthenticated: 'true',
          ...(item.filterPolicy === undefined
            ? {}
            : { FilterPolicy: item.filterPolicy, FilterPolicyScope: 'MessageAttributes' }),
        };
        const entries = Object.entries(attributes)
          .map(
            ([key, value]) => `<entry><key>${escapeXml(key)}</key><value>${escapeXml(value)}</value></entry>`,
          )
          .join('');
        return responseXml('GetSubscriptionAttributes', requestId, `<Attributes>${entries}</Attributes>`);
      }
      case 'SetSubscriptionAttributes': {
        const item = this.#subscription(params);
        const name = params.get('AttributeName');
        const value = params.get('AttributeValue') ?? '';
        if (name === null || !SETTABLE_ATTRIBUTES.has(name)) {
          throw new SnsError(
            'InvalidParameter',
            `Invalid parameter: AttributeName (the local sink sets FilterPolicy only)`,
          );
        }
        if (name === 'FilterPolicyScope') {
          checkScope(value);
        } else if (value === '') {
          // SNS: an empty policy removes the filter.
          delete item.filterPolicy;
        } else {
          parseFilterPolicy(value);
          item.filterPolicy = value;
        }
        await this.#save();
        return responseXml('SetSubscriptionAttributes', requestId);
      }
    }
  }
}

const checkScope = (scope: string | undefined) => {
  if (scope !== undefined && scope !== 'MessageAttributes') {
    throw new SnsError(
      'InvalidParameter',
      `Invalid parameter: FilterPolicyScope (the local sink filters on MessageAttributes only, got ${scope})`,
    );
  }
};
