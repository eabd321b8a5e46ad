import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What ends up in this queue, for the nag acknowledgement and the console. */
  readonly purpose: string;
}

/**
 * A dead-letter queue for a Lambda function's failures: SQS-managed server-side encryption, TLS
 * only, and the longest retention SQS offers so an operator has two weeks to inspect and redrive.
 *
 * SSE-SQS rather than a customer-managed key: the messages are event metadata (S3 object keys,
 * stream shard/sequence ranges), not article text, and SSE-SQS needs no kms:* grants for the
 * Lambda service roles that write here.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${props.purpose}); SQS3 only recognises queues referenced by another queue's RedrivePolicy, not Lambda on-failure destinations.`,
    });
  }
}
