/**
 * The wire protocol `@aws-sdk/client-sns` 3.x speaks: awsQuery, a form-encoded POST
 * (`Action=Publish&Version=2010-03-31&TopicArn=..&Message=..&Subject=..
 * &MessageAttributes.entry.N.Name=..&MessageAttributes.entry.N.Value.DataType=..
 * &MessageAttributes.entry.N.Value.StringValue=..`) answered with an XML `<Action>Response`.
 *
 * Invalid requests are refused with {@link SnsError}, rendered as the XML `ErrorResponse` real SNS
 * sends, so that the SDK turns it into the same typed exception it would throw against AWS.
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

export const escapeXml = (text: string) =>
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

/** awsQuery maps arrive as `<Name>.entry.N.key` / `<Name>.entry.N.value`. */
export const parseQueryMap = (params: URLSearchParams, name: string): Record<string, string> => {
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

/** The `<Action>Response` document of a successful action; `result` is its `<Action>Result` XML. */
export const responseXml = (action: string, requestId: string, result?: string) =>
  `<${action}Response xmlns="${SNS_XMLNS}">` +
  (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
  `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
  `</${action}Response>`;
