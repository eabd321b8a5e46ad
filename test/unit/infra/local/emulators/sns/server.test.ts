import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSServiceException,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnsSink, type SnsSink } from '../../../../../../infra/local/emulators/sns/server';
import { TOPIC, clientFor } from './support';

describe('startSnsSink with a real SNSClient', () => {
  let sink: SnsSink;
  let client: SNSClient;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-sns-'));
    sink = await startSnsSink({ topicArns: [TOPIC], file: join(dir, 'nested', 'alerts.jsonl') });
    client = clientFor(sink);
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
