import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/**
 * A local stand-in for SNS in the protocol `@aws-sdk/client-sns` 3.x speaks: awsQuery — a
 * form-encoded POST (`Action=Publish&Version=2010-03-31&TopicArn=..&Message=..&Subject=..
 * &MessageAttributes.entry.N.Name=..&MessageAttributes.entry.N.Value.DataType=..
 * &MessageAttributes.entry.N.Value.StringValue=..`) answered with an XML `<Action>Response`.
 *
 * It understands `Publish` (what the alert function sends) and what the operator CLI needs to
 * manage subscribers: `Subscribe` (email and sms only), `Unsubscribe`, `ListSubscriptionsByTopic`
 * and `Get/SetSubscriptionAttributes` for `FilterPolicy`. Every other action, and every invalid
 * request, gets the XML `ErrorResponse` real SNS sends, which the SDK turns into a typed exception.
 *
 * Nothing is ever delivered. Each accepted message is kept in memory (and, when a file is given,
 * appended to it as one JSON line) together with the subscriptions it *would* reach according to
 * their filter policies. Subscriptions are confirmed at once: real SNS leaves an email
 * subscription `PendingConfirmation` until the link in its confirmation email is clicked, which
 * has no local equivalent. With `subscriptionsFile` they are kept in a JSON file across runs.
 */

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** SNS's limit on the whole message (body plus attributes): 256 KiB. */
export const SNS_MAX_MESSAGE_BYTES = 262_144;

export interface MessageAttributeValue {
  dataType: string;
  stringValue?: string;
  /** Base64, as sent. */
  binaryValue?: string;
}

export interface PublishRequest {
  topicArn: string;
  message: string;
  subject?: string;
  messageStructure?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  messageAttributes: Record<string, MessageAttributeValue>;
}

export interface CapturedPublish extends PublishRequest {
  messageId: string;
  /** ISO time the sink received it. */
  receivedAt: string;
  /**
   * The subscriptions of its topic whose filter policy lets it through (none are contacted).
   * Always set by the sink; optional so that captured messages written before it existed parse.
   */
  deliveredTo?: { subscriptionArn: string; protocol: SubscriptionProtocol; endpoint: string }[];
}

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

export class SnsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = 'SnsError';
  }
}

/**
 * Parses and validates a form-encoded awsQuery request body. Returns the Publish request or throws
 * {@link SnsError} with the code real SNS would answer with. `knownTopicArns` (when given) plays the
 * part of the topics that exist.
 */
export function parsePublishRequest(body: string, knownTopicArns?: ReadonlySet<string>): PublishRequest {
  const params = new URLSearchParams(body);
  const action = params.get('Action');
  if (action === null || action === '') {
    throw new SnsError('MissingAction', 'The request must contain the parameter Action.');
  }
  if (action !== 'Publish') {
    throw new SnsError('InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  const version = params.get('Version');
  if (version !== null && version !== '2010-03-31') {
    throw new SnsError('InvalidParameterValue', `Version ${version} is not supported.`);
  }
  for (const target of ['TargetArn', 'PhoneNumber'] as const) {
    if (params.has(target)) {
      throw new SnsError(
        'InvalidParameter',
        `Invalid parameter: ${target} (the local sink only publishes to topics)`,
      );
    }
  }
  const topicArn = params.get('TopicArn');
  if (topicArn === null || topicArn === '') {
    throw new SnsError(
      'InvalidParameter',
      'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
    );
  }
  if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(topicArn)) {
    throw new SnsError('InvalidParameter', 'Invalid parameter: TopicArn');
  }
  if (knownTopicArns !== undefined && !knownTopicArns.has(topicArn)) {
    throw new SnsError('NotFound', 'Topic does not exist', 404);
  }
  const message = params.get('Message');
  if (message === null || message === '') {
    throw new SnsError('InvalidParameter', 'Invalid parameter: Empty message');
  }
  const subject = params.get('Subject') ?? undefined;
  if (subject !== undefined) {
    // SNS: ASCII, starting with a letter, number or punctuation, no line breaks, < 100 characters.
    if (
      subject.length === 0 ||
      subject.length >= 100 ||
      /[\r\n]/.test(subject) ||
      !/^[\x20-\x7e]+$/.test(subject)
    ) {
      throw new SnsError('InvalidParameter', 'Invalid parameter: Subject');
    }
  }
  const messageStructure = params.get('MessageStructure') ?? undefined;
  if (messageStructure !== undefined) {
    if (messageStructure !== 'json')
      throw new SnsError('InvalidParameter', 'Invalid parameter: MessageStructure');
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: Message Structure - JSON message body failed to parse',
      );
    }
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      typeof (parsed as Record<string, unknown>).default !== 'string'
    ) {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: Message Structure - No default entry in JSON message body',
      );
    }
  }
  const messageAttributes = parseMessageAttributes(params);
  const attributeBytes = Object.entries(messageAttributes).reduce(
    (sum, [name, value]) =>
      sum +
      Buffer.byteLength(name) +
      Buffer.byteLength(value.dataType) +
      Buffer.byteLength(value.stringValue ?? '') +
      Buffer.from(value.binaryValue ?? '', 'base64').length,
    0,
  );
  if (Buffer.byteLength(message) + attributeBytes > SNS_MAX_MESSAGE_BYTES) {
    throw new SnsError('InvalidParameter', 'Invalid parameter: Message too long');
  }
  const isFifo = topicArn.endsWith('.fifo');
  const messageGroupId = params.get('MessageGroupId') ?? undefined;
  const messageDeduplicationId = params.get('MessageDeduplicationId') ?? undefined;
  if (isFifo && messageGroupId === undefined) {
    throw new SnsError(
      'InvalidParameter',
      'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    );
  }
  return {
    topicArn,
    message,
    ...(subject === undefined ? {} : { subject }),
    ...(messageStructure === undefined ? {} : { messageStructure }),
    ...(messageGroupId === undefined ? {} : { messageGroupId }),
    ...(messageDeduplicationId === undefined ? {} : { messageDeduplicationId }),
    messageAttributes,
  };
}

function parseMessageAttributes(params: URLSearchParams): Record<string, MessageAttributeValue> {
  const entries = new Map<number, Record<string, string>>();
  for (const [name, value] of params) {
    const match =
      /^MessageAttributes\.entry\.(\d+)\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/.exec(
        name,
      );
    if (!match) {
      if (name.startsWith('MessageAttributes.')) {
        throw new SnsError('InvalidParameter', `Invalid parameter: ${name}`);
      }
      continue;
    }
    const index = Number(match[1]);
    const field = match[2] as string;
    const entry = entries.get(index) ?? {};
    entry[field] = value;
    entries.set(index, entry);
  }
  if (entries.size > 10) {
    throw new SnsError('InvalidParameter', 'Invalid parameter: Too many message attributes (at most 10)');
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const index of [...entries.keys()].sort((a, b) => a - b)) {
    const entry = entries.get(index) as Record<string, string>;
    const name = entry.Name;
    const dataType = entry['Value.DataType'];
    if (name === undefined || name === '') {
      throw new SnsError(
        'InvalidParameter',
        'Invalid parameter: Message attribute name can not be null or empty',
      );
    }
    if (dataType === undefined || dataType === '') {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    }
    const baseType = dataType.split('.')[0];
    if (baseType !== 'String' && baseType !== 'Number' && baseType !== 'Binary') {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const stringValue = entry['Value.StringValue'];
    const binaryValue = entry['Value.BinaryValue'];
    if (baseType === 'Binary' ? binaryValue === undefined : stringValue === undefined || stringValue === '') {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
      );
    }
    if (baseType === 'Number' && stringValue !== undefined && !Number.isFinite(Number(stringValue))) {
      throw new SnsError(
        'ParameterValueInvalid',
        `Could not cast message attribute '${name}' value to number.`,
      );
    }
    if (Object.hasOwn(attributes, name)) {
      throw new SnsError('ParameterValueInvalid', `Message attribute name '${name}' has multiple values.`);
    }
    attributes[name] = {
      dataType,
      ...(stringValue === undefined ? {} : { stringValue }),
      ...(binaryValue === undefined ? {} : { binaryValue }),
    };
  }
  return attributes;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char,
  );

export function publishResponseXml(messageId: string, requestId: string): string {
  return (
    `<PublishResponse xmlns="${SNS_XMLNS}">` +
    `<PublishResult><MessageId>${escapeXml(messageId)}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</PublishResponse>`
  );
}

export function errorResponseXml(error: SnsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${SNS_XMLNS}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`
  );
}

/** Values a filter policy condition may hold: exact strings (or numbers), and a few operators. */
type FilterCondition =
  string | number | { 'anything-but': unknown } | { prefix: unknown } | { exists: unknown };

/**
 * Checks a `FilterPolicy` (message-attribute scope) the way SNS does for the subset the sink
 * evaluates, and returns it parsed: an object whose every value is a non-empty array of exact
 * strings or numbers, `{"anything-but": string | string[]}`, `{"prefix": string}` or
 * `{"exists": boolean}`. Anything else is refused rather than silently matched wrong.
 */
export function parseFilterPolicy(json: string): Record<string, FilterCondition[]> {
  const invalid = (reason: string) =>
    new SnsError('InvalidParameter', `Invalid parameter: FilterPolicy: ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalid('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('expected a JSON object');
  }
  const policy: Record<string, FilterCondition[]> = {};
  for (const [name, conditions] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(conditions) || conditions.length === 0) {
      throw invalid(`"${name}" must be a non-empty array`);
    }
    for (const condition of conditions as unknown[]) {
      if (typeof condition === 'string' || typeof condition === 'number') continue;
      const operator =
        typeof condition === 'object' && condition !== null ? Object.keys(condition) : undefined;
      const value =
        operator?.length === 1 ? (condition as Record<string, unknown>)[operator[0] as string] : null;
      const ok =
        operator?.length === 1 &&
        ((operator[0] === 'anything-but' &&
          (typeof value === 'string' ||
            (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')))) ||
          (operator[0] === 'prefix' && typeof value === 'string') ||
          (operator[0] === 'exists' && typeof value === 'boolean'));
      if (!ok) {
        throw invalid(
          `unsupported condition ${JSON.stringify(condition)} for "${name}" (the local sink evaluates exact values, anything-but, prefix and exists)`,
        );
      }
    }
    policy[name] = conditions as FilterCondition[];
  }
  return policy;
}

const conditionMatches = (condition: FilterCondition, value: string | undefined): boolean => {
  if (typeof condition === 'object' && 'exists' in condition)
    return condition.exists === (value !== undefined);
  if (value === undefined) return false;
  if (typeof condition === 'string') return condition === value;
  if (typeof condition === 'number') return Number(value) === condition;
  if ('prefix' in condition) return value.startsWith(condition.prefix as string);
  const excluded = condition['anything-but'];
  return Array.isArray(excluded) ? !excluded.includes(value) : excluded !== value;
};

/**
 * Whether a message with these attributes passes a subscription's filter policy: every policy key
 * must match (AND), any condition of a key may (OR); an absent attribute matches only
 * `{"exists": false}`. No policy lets everything through.
 */
export function matchesFilterPolicy(
  policyJson: string | undefined,
  attributes: Record<string, MessageAttributeValue>,
): boolean {
  if (policyJson === undefined) return true;
  const policy = parseFilterPolicy(policyJson);
  return Object.entries(policy).every(([name, conditions]) => {
    const attribute = attributes[name];
    const value = attribute?.dataType.startsWith('Binary') ? undefined : attribute?.stringValue;
    return conditions.some((condition) => conditionMatches(condition, value));
  });
}

/** awsQuery maps arrive as `<Name>.entry.N.key` / `<Name>.entry.N.value`. */
const parseQueryMap = (params: URLSearchParams, name: string): Record<string, string> => {
  const entries = new Map<string, { key?: string; value?: string }>();
  const pattern = new RegExp(`^${name}\\.entry\\.(\\d+)\\.(key|value)$`);
  for (const [param, value] of params) {
    const match = pattern.exec(param);
    if (!match) continue;
    const entry = entries.get(match[1] as string) ?? {};
    entry[match[2] as 'key' | 'value'] = value;
    entries.set(match[1] as string, entry);
  }
  const map: Record<string, string> = {};
  for (const { key, value } of entries.values()) {
    if (key === undefined || value === undefined) {
      throw new SnsError('InvalidParameter', `Invalid parameter: ${name}`);
    }
    map[key] = value;
  }
  return map;
};

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

const EMAIL_ENDPOINT = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const E164_ENDPOINT = /^\+[1-9]\d{6,14}$/;

const responseXml = (action: string, requestId: string, result?: string) =>
  `<${action}Response xmlns="${SNS_XMLNS}">` +
  (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
  `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
  `</${action}Response>`;

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
        if (!(protocol === 'email' ? EMAIL_ENDPOINT : E164_ENDPOINT).test(endpoint)) {
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

export interface SnsSink {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_SNS. */
  endpoint: string;
  port: number;
  /** Messages accepted so far, oldest first. */
  readonly messages: readonly CapturedPublish[];
  /** Every subscription, oldest first. */
  readonly subscriptions: readonly LocalSubscription[];
  /** Forgets the messages kept in memory (the file and the subscriptions are left alone). */
  clear(): void;
  stop(): Promise<void>;
}

export interface StartSnsSinkOptions {
  /** Topics that exist; a Publish to any other gets `NotFound`. Default: any well-formed ARN. */
  topicArns?: readonly string[];
  /** Appends one JSON line per accepted message to this file (its folder is created). */
  file?: string;
  /**
   * Keeps the subscriptions in this JSON file: read at start (when it exists), rewritten after
   * every change. Default: in memory only.
   */
  subscriptionsFile?: string;
  port?: number;
  host?: string;
}

const MAX_BODY_BYTES = 1_048_576;

export async function startSnsSink(options: StartSnsSinkOptions = {}): Promise<SnsSink> {
  const known = options.topicArns === undefined ? undefined : new Set(options.topicArns);
  const messages: CapturedPublish[] = [];
  const subscriptions = await SubscriptionBook.open(options.subscriptionsFile, known);
  if (options.file !== undefined) await mkdir(dirname(options.file), { recursive: true });
  // Appends are chained so lines stay in publish order even when requests overlap.
  let writes: Promise<void> = Promise.resolve();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const send = (status: number, xml: string) => {
      response.writeHead(status, {
        'content-type': 'text/xml',
        'x-amzn-requestid': requestId,
        'content-length': Buffer.byteLength(xml),
      });
      response.end(xml);
    };
    try {
      if (request.method !== 'POST') {
        throw new SnsError(
          'InvalidAction',
          `The local SNS sink only accepts POST (got ${request.method ?? '?'}).`,
        );
      }
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.startsWith('application/x-www-form-urlencoded')) {
        throw new SnsError(
          'InvalidAction',
          `Unsupported content type ${contentType || '(none)'}: only the awsQuery protocol is understood.`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw new SnsError('RequestEntityTooLarge', 'Request body too large', 413);
        chunks.push(chunk);
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const action = new URLSearchParams(body).get('Action');
      if (action !== null && action !== 'Publish' && Object.hasOwn(SUBSCRIPTION_ACTIONS, action)) {
        send(200, await subscriptions.handle(action as SubscriptionAction, body, requestId));
        return;
      }
      const publish = parsePublishRequest(body, known);
      const captured: CapturedPublish = {
        messageId: randomUUID(),
        receivedAt: new Date().toISOString(),
        ...publish,
        deliveredTo: subscriptions
          .list(publish.topicArn)
          .filter((subscription) => matchesFilterPolicy(subscription.filterPolicy, publish.messageAttributes))
          .map(({ subscriptionArn, protocol, endpoint }) => ({ subscriptionArn, protocol, endpoint })),
      };
      if (options.file !== undefined) {
        const file = options.file;
        const write = writes.then(() => appendFile(file, `${JSON.stringify(captured)}\n`, 'utf8'));
        writes = write.catch(() => undefined);
        await write;
      }
      messages.push(captured);
      send(200, publishResponseXml(captured.messageId, requestId));
    } catch (error) {
      const snsError =
        error instanceof SnsError ? error : new SnsError('InternalError', String(error), 500, 'Receiver');
      if (!response.headersSent) send(snsError.status, errorResponseXml(snsError, requestId));
    }
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await writes;
    await subscriptions.flush();
  };
  return {
    endpoint: `http://${host}:${port}`,
    port,
    messages,
    get subscriptions() {
      return subscriptions.list();
    },
    clear() {
      messages.length = 0;
    },
    /** Idempotent: every call returns the same promise. */
    stop: () => (stopping ??= close()),
  };
}
