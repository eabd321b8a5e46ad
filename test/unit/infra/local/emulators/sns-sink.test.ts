import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSubscriptionAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SnsError,
  errorResponseXml,
  matchesFilterPolicy,
  parseFilterPolicy,
  parsePublishRequest,
  publishResponseXml,
  startSnsSink,
  type MessageAttributeValue,
  type SnsSink,
} from '../../../../../infra/local/emulators/sns-sink';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts-local';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('parsePublishRequest', () => {
  it('reads the awsQuery form the SDK sends, attributes in entry order', () => {
    const request = parsePublishRequest(
      form({
        Action: 'Publish',
        Version: '2010-03-31',
        TopicArn: TOPIC,
        Message: 'line 1\nline 2 – “quoted” & <tagged>',
        Subject: 'Newswatch: summit (likely)',
        'MessageAttributes.entry.2.Name': 'certainty',
        'MessageAttributes.entry.2.Value.DataType': 'String',
        'MessageAttributes.entry.2.Value.StringValue': 'likely',
        'MessageAttributes.entry.1.Name': 'topic',
        'MessageAttributes.entry.1.Value.DataType': 'String',
        'MessageAttributes.entry.1.Value.StringValue': 'trump-kim-summit',
        'MessageAttributes.entry.3.Name': 'score',
        'MessageAttributes.entry.3.Value.DataType': 'Number',
        'MessageAttributes.entry.3.Value.StringValue': '0.75',
      }),
    );
    expect(request).toEqual({
      topicArn: TOPIC,
      message: 'line 1\nline 2 – “quoted” & <tagged>',
      subject: 'Newswatch: summit (likely)',
      messageAttributes: {
        topic: { dataType: 'String', stringValue: 'trump-kim-summit' },
        certainty: { dataType: 'String', stringValue: 'likely' },
        score: { dataType: 'Number', stringValue: '0.75' },
      },
    });
    expect(Object.keys(request.messageAttributes)).toEqual(['topic', 'certainty', 'score']);
  });

  const rejects = (fields: Record<string, string>, code: string, known?: string[]) => {
    try {
      parsePublishRequest(form(fields), known ? new Set(known) : undefined);
    } catch (error) {
      expect(error).toBeInstanceOf(SnsError);
      expect((error as SnsError).code).toBe(code);
      return error as SnsError;
    }
    throw new Error('expected a rejection');
  };

  it('answers other actions with InvalidAction and a missing one with MissingAction', () => {
    expect(rejects({ Action: 'Subscribe', TopicArn: TOPIC }, 'InvalidAction').message).toMatch(/Subscribe/);
    rejects({ TopicArn: TOPIC, Message: 'x' }, 'MissingAction');
  });

  it('validates topic, message, subject and attributes like SNS', () => {
    rejects({ Action: 'Publish', Message: 'x' }, 'InvalidParameter');
    rejects({ Action: 'Publish', TopicArn: 'not-an-arn', Message: 'x' }, 'InvalidParameter');
    expect(
      rejects({ Action: 'Publish', TopicArn: TOPIC, Message: 'x' }, 'NotFound', [
        'arn:aws:sns:us-east-1:000000000000:other',
      ]).status,
    ).toBe(404);
    rejects({ Action: 'Publish', TopicArn: TOPIC }, 'InvalidParameter');
    rejects({ Action: 'Publish', TopicArn: TOPIC, Message: 'x', Subject: 'two\nlines' }, 'InvalidParameter');
    rejects(
      { Action: 'Publish', TopicArn: TOPIC, Message: 'x', Subject: 'x'.repeat(100) },
      'InvalidParameter',
    );
    rejects({ Action: 'Publish', TopicArn: TOPIC, Message: 'x', Subject: 'Café' }, 'InvalidParameter');
    rejects({ Action: 'Publish', TopicArn: TOPIC, Message: 'x'.repeat(262_145) }, 'InvalidParameter');
    rejects(
      { Action: 'Publish', TopicArn: TOPIC, Message: 'x', 'MessageAttributes.entry.1.Name': 'topic' },
      'ParameterValueInvalid',
    );
    rejects(
      {
        Action: 'Publish',
        TopicArn: TOPIC,
        Message: 'x',
        'MessageAttributes.entry.1.Name': 'n',
        'MessageAttributes.entry.1.Value.DataType': 'Number',
        'MessageAttributes.entry.1.Value.StringValue': 'abc',
      },
      'ParameterValueInvalid',
    );
    rejects(
      { Action: 'Publish', TopicArn: TOPIC, Message: 'not json', MessageStructure: 'json' },
      'InvalidParameter',
    );
    rejects({ Action: 'Publish', PhoneNumber: '+15555550100', Message: 'x' }, 'InvalidParameter');
  });

  it('writes the XML documents SNS answers with', () => {
    expect(publishResponseXml('m-1', 'r-1')).toBe(
      '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult>' +
        '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>',
    );
    expect(errorResponseXml(new SnsError('InvalidParameter', 'bad <value> & more'), 'r-2')).toContain(
      '<Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>bad &lt;value&gt; &amp; more</Message></Error>',
    );
  });
});

describe('startSnsSink with a real SNSClient', () => {
  let sink: SnsSink;
  let client: SNSClient;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-sns-'));
    sink = await startSnsSink({ topicArns: [TOPIC], file: join(dir, 'nested', 'alerts.jsonl') });
    client = new SNSClient({
      region: 'us-east-1',
      endpoint: sink.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await sink?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts Publish, returns a MessageId, keeps the message and appends a JSON line', async () => {
    const first = await client.send(
      new PublishCommand({
        TopicArn: TOPIC,
        Subject: 'Newswatch: Possible Trump-Kim summit (likely)',
        Message: 'Body with ünïcödé, “quotes” & a\nsecond line',
        MessageAttributes: {
          topic: { DataType: 'String', StringValue: 'trump-kim-summit' },
          articleKey: { DataType: 'String', StringValue: 'articles/my article+1.txt' },
        },
      }),
    );
    const second = await client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'two' }));
    expect(first.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.MessageId).not.toBe(first.MessageId);
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[0]).toMatchObject({
      messageId: first.MessageId,
      topicArn: TOPIC,
      subject: 'Newswatch: Possible Trump-Kim summit (likely)',
      message: 'Body with ünïcödé, “quotes” & a\nsecond line',
      messageAttributes: {
        topic: { dataType: 'String', stringValue: 'trump-kim-summit' },
        articleKey: { dataType: 'String', stringValue: 'articles/my article+1.txt' },
      },
    });
    const lines = (await readFile(join(dir, 'nested', 'alerts.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(sink.messages);
    // No subscriptions yet: a message reaches nobody.
    expect(sink.messages[0]?.deliveredTo).toEqual([]);
  });

  it('answers anything else with an error the SDK understands', async () => {
    const before = sink.messages.length;
    await expect(client.send(new ListTopicsCommand({}))).rejects.toMatchObject({
      name: 'InvalidAction',
      $metadata: { httpStatusCode: 400 },
    });
    const notFound = client.send(
      new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' }),
    );
    await expect(notFound).rejects.toBeInstanceOf(NotFoundException);
    await expect(client.send(new PublishCommand({ TopicArn: TOPIC, Message: '' }))).rejects.toBeInstanceOf(
      SNSServiceException,
    );
    expect(sink.messages.length).toBe(before);
  });

  it('answers a GET or a JSON-protocol request with an XML error', async () => {
    const get = await fetch(sink.endpoint);
    expect(get.status).toBe(400);
    expect(await get.text()).toContain('<Code>InvalidAction</Code>');
    const json = await fetch(sink.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSNS.Publish' },
      body: '{}',
    });
    expect(json.status).toBe(400);
  });

  it('clear() forgets the messages', () => {
    sink.clear();
    expect(sink.messages).toHaveLength(0);
  });
});

const attrs = (values: Record<string, string>): Record<string, MessageAttributeValue> =>
  Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { dataType: 'String', stringValue: value }]),
  );

describe('filter policies', () => {
  it('ANDs the keys, ORs the values, and an absent attribute fails the key', () => {
    const policy = JSON.stringify({ topic: ['trump-kim-summit'], certainty: ['planned', 'confirmed'] });
    expect(matchesFilterPolicy(policy, attrs({ topic: 'trump-kim-summit', certainty: 'planned' }))).toBe(
      true,
    );
    expect(matchesFilterPolicy(policy, attrs({ topic: 'trump-kim-summit', certainty: 'speculative' }))).toBe(
      false,
    );
    expect(matchesFilterPolicy(policy, attrs({ topic: 'other', certainty: 'planned' }))).toBe(false);
    expect(matchesFilterPolicy(policy, attrs({ certainty: 'planned' }))).toBe(false);
    expect(matchesFilterPolicy(undefined, {})).toBe(true);
  });

  it('evaluates anything-but, prefix and exists', () => {
    expect(
      matchesFilterPolicy('{"certainty":[{"anything-but":["past"]}]}', attrs({ certainty: 'planned' })),
    ).toBe(true);
    expect(matchesFilterPolicy('{"certainty":[{"anything-but":"past"}]}', attrs({ certainty: 'past' }))).toBe(
      false,
    );
    expect(matchesFilterPolicy('{"topic":[{"prefix":"trump-"}]}', attrs({ topic: 'trump-kim-summit' }))).toBe(
      true,
    );
    expect(matchesFilterPolicy('{"topic":[{"exists":false}]}', attrs({}))).toBe(true);
    expect(matchesFilterPolicy('{"topic":[{"exists":true}]}', attrs({}))).toBe(false);
  });

  it('refuses what it cannot evaluate instead of matching it wrong', () => {
    expect(() => parseFilterPolicy('not json')).toThrow(/not valid JSON/);
    expect(() => parseFilterPolicy('["a"]')).toThrow(/JSON object/);
    expect(() => parseFilterPolicy('{"topic":[]}')).toThrow(/non-empty array/);
    expect(() => parseFilterPolicy('{"n":[{"numeric":[">",1]}]}')).toThrow(/unsupported condition/);
  });
});

describe('subscriptions on the sink', () => {
  let sink: SnsSink;
  let client: SNSClient;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-sns-subs-'));
    file = join(dir, 'state', 'sns-subscriptions.json');
    sink = await startSnsSink({ topicArns: [TOPIC], subscriptionsFile: file });
    client = new SNSClient({
      region: 'us-east-1',
      endpoint: sink.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await sink?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const policy = JSON.stringify({
    topic: ['trump-kim-summit'],
    certainty: ['planned', 'confirmed', 'denied'],
  });
  let emailArn = '';
  let smsArn = '';

  it('Subscribe returns an ARN, confirmed at once, and is idempotent for the same attributes', async () => {
    const email = await client.send(
      new SubscribeCommand({
        TopicArn: TOPIC,
        Protocol: 'email',
        Endpoint: 'desk@example.com',
        Attributes: { FilterPolicy: policy, FilterPolicyScope: 'MessageAttributes' },
        ReturnSubscriptionArn: true,
      }),
    );
    emailArn = email.SubscriptionArn ?? '';
    expect(emailArn).toMatch(new RegExp(`^${TOPIC}:[0-9a-f-]{36}$`));
    const again = await client.send(
      new SubscribeCommand({
        TopicArn: TOPIC,
        Protocol: 'email',
        Endpoint: 'desk@example.com',
        Attributes: { FilterPolicy: policy },
      }),
    );
    expect(again.SubscriptionArn).toBe(emailArn);
    await expect(
      client.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'email', Endpoint: 'desk@example.com' })),
    ).rejects.toThrow(/different attributes/);
    smsArn =
      (
        await client.send(
          new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sms', Endpoint: '+447700900123' }),
        )
      ).SubscriptionArn ?? '';
    const attributes = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: emailArn }));
    expect(attributes.Attributes).toMatchObject({
      FilterPolicy: policy,
      PendingConfirmation: 'false',
      Protocol: 'email',
      Endpoint: 'desk@example.com',
    });
  });

  it('refuses other protocols, bad endpoints, bad policies and unknown topics', async () => {
    const subscribe = (input: Partial<ConstructorParameters<typeof SubscribeCommand>[0]>) =>
      client.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'email', Endpoint: 'a@b.co', ...input }));
    await expect(subscribe({ Protocol: 'https', Endpoint: 'https://example.com' })).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(subscribe({ Protocol: 'sms', Endpoint: '07700900123' })).rejects.toThrow(/Endpoint/);
    await expect(subscribe({ Attributes: { FilterPolicy: '{"topic":"x"}' } })).rejects.toThrow(
      /FilterPolicy/,
    );
    await expect(subscribe({ Attributes: { FilterPolicyScope: 'MessageBody' } })).rejects.toThrow(
      /MessageAttributes/,
    );
    await expect(subscribe({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope' })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('lists the subscriptions of the topic', async () => {
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
    expect(listed.Subscriptions).toEqual([
      {
        TopicArn: TOPIC,
        Protocol: 'email',
        SubscriptionArn: emailArn,
        Owner: '000000000000',
        Endpoint: 'desk@example.com',
      },
      {
        TopicArn: TOPIC,
        Protocol: 'sms',
        SubscriptionArn: smsArn,
        Owner: '000000000000',
        Endpoint: '+447700900123',
      },
    ]);
  });

  it('records which subscriptions each published message would reach', async () => {
    const publish = (topic: string, certainty: string) =>
      client.send(
        new PublishCommand({
          TopicArn: TOPIC,
          Message: 'alert',
          MessageAttributes: {
            topic: { DataType: 'String', StringValue: topic },
            certainty: { DataType: 'String', StringValue: certainty },
          },
        }),
      );
    await publish('trump-kim-summit', 'planned');
    await publish('trump-kim-summit', 'speculative');
    expect(sink.messages.map((m) => m.deliveredTo?.map((d) => d.protocol))).toEqual([
      ['email', 'sms'],
      ['sms'],
    ]);
    expect(sink.messages[0]?.deliveredTo?.[0]).toEqual({
      subscriptionArn: emailArn,
      protocol: 'email',
      endpoint: 'desk@example.com',
    });
  });

  it('SetSubscriptionAttributes changes or removes the filter policy', async () => {
    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: smsArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '{"certainty":["confirmed"]}',
      }),
    );
    let attributes = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: smsArn }));
    expect(attributes.Attributes?.FilterPolicy).toBe('{"certainty":["confirmed"]}');
    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: smsArn,
        AttributeName: 'FilterPolicy',
        AttributeValue: '',
      }),
    );
    attributes = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: smsArn }));
    expect(attributes.Attributes?.FilterPolicy).toBeUndefined();
    await expect(
      client.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: smsArn,
          AttributeName: 'RawMessageDelivery',
          AttributeValue: 'true',
        }),
      ),
    ).rejects.toThrow(/AttributeName/);
  });

  it('keeps the subscriptions in its file, so a new sink starts with them', async () => {
    await client.send(new UnsubscribeCommand({ SubscriptionArn: emailArn }));
    await expect(client.send(new UnsubscribeCommand({ SubscriptionArn: emailArn }))).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await sink.stop();
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      subscriptions: { subscriptionArn: string }[];
    };
    expect(saved.subscriptions.map((s) => s.subscriptionArn)).toEqual([smsArn]);
    sink = await startSnsSink({ topicArns: [TOPIC], subscriptionsFile: file });
    expect(sink.subscriptions.map((s) => s.subscriptionArn)).toEqual([smsArn]);
  });
});
