import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SnsError,
  errorResponseXml,
  parsePublishRequest,
  publishResponseXml,
  startSnsSink,
  type SnsSink,
} from '../../../infra/local/sns-sink';

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
