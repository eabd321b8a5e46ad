import { describe, expect, it } from 'vitest';
import {
  SnsError,
  errorResponseXml,
  parsePublishRequest,
  publishResponseXml,
} from '../../../../../../infra/local/emulators/sns/protocol';
import { TOPIC } from './support';

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
