import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage, AlertPublisher } from '../ports/ports';

export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: AlertMessage): Promise<string> {
    const response = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: message.subject,
        // One body per protocol: the full alert by email, one segment by SMS, and the alert as data
        // to the SQS queue of the webhook delivery function.
        MessageStructure: 'json',
        Message: JSON.stringify({
          default: message.body,
          email: message.body,
          sms: message.sms,
          ...(message.payload ? { sqs: JSON.stringify(message.payload) } : {}),
        }),
        MessageAttributes: Object.fromEntries(
          Object.entries(message.attributes).map(([name, value]) => [
            name,
            { DataType: 'String', StringValue: value },
          ]),
        ),
      }),
    );
    return response.MessageId ?? 'unknown';
  }
}
