import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetSubscriptionAttributesCommand,
  InvalidParameterException,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnsSink, type SnsSink } from '../../../../../../infra/local/emulators/sns/server';
import { TOPIC, clientFor } from './support';

describe('subscriptions on the sink', () => {
  let sink: SnsSink;
  let client: SNSClient;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-sns-subs-'));
    file = join(dir, 'state', 'sns-subscriptions.json');
    sink = await startSnsSink({ topicArns: [TOPIC], subscriptionsFile: file });
    client = clientFor(sink);
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
