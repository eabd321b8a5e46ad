import { Arn, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALERT_CERTAINTIES } from '../../../../functions/contracts/vocabulary';
import { WEBHOOK_SECRET_PREFIX } from '../../../../functions/contracts/webhook';
import { iam5ResourceFinding } from '../nag';
import { NewswatchFunction, type FunctionLogLevel } from './newswatch-function';

/** Receives before an alert goes to the DLQ: the first try and five retries (30 s … 8 min apart). */
export const DELIVERY_MAX_RECEIVES = 6;
export const DELIVERY_SERVICE_NAME = 'newswatch-delivery';
const FUNCTION_TIMEOUT = Duration.seconds(30);

export interface DeliveryFunctionProps {
  readonly entry: string;
  /** The alerts topic: the delivery queue subscribes to it. */
  readonly topic: sns.ITopic;
  readonly logLevel?: FunctionLogLevel;
  readonly logSampleRate?: number;
}

/**
 * Webhook delivery (issue 17). The alerts topic → an SQS queue (raw message delivery off, so the
 * alert's message attributes arrive with it; instant alerts only, digests filtered out) → this
 * function, which posts each alert to the webhooks whose choice lets it through, chosen with the
 * same predicate as an email subscription's filter policy. A failed alert is reported as a batch
 * item failure and delayed exponentially (ChangeMessageVisibility); after DELIVERY_MAX_RECEIVES
 * receives SQS moves it to the dead-letter queue, which `newswatch redrive --queue delivery` covers.
 * One queue and one function for every webhook: webhooks are added at run time (`newswatch
 * subscribe --webhook`), which a subscription per webhook made at deploy time could not follow.
 */
export class DeliveryFunction extends Construct {
  readonly function: NodejsFunction;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DeliveryFunctionProps) {
    super(scope, id);

    // Alerts as data: SSE-SQS (no KMS grants for SNS), TLS only, two weeks to inspect and redrive.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the function timeout, as Lambda's SQS guidance has it; the backoff sets its own.
      visibilityTimeout: Duration.seconds(FUNCTION_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: DELIVERY_MAX_RECEIVES },
    });
    props.topic.addSubscription(
      new subscriptions.SqsSubscription(this.queue, {
        rawMessageDelivery: false,
        filterPolicy: {
          certainty: sns.SubscriptionFilter.stringFilter({ allowlist: [...ALERT_CERTAINTIES] }),
          // Digests carry `kind: digest`; webhooks get instant alerts.
          kind: sns.SubscriptionFilter.notExistsFilter(),
        },
      }),
    );

    this.function = new NewswatchFunction(this, 'Delivery', {
      entry: props.entry,
      description: 'Newswatch: posts alerts to Slack, Teams and signed JSON webhooks',
      serviceName: DELIVERY_SERVICE_NAME,
      memorySize: 256,
      timeout: FUNCTION_TIMEOUT,
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
    }).function;
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );

    // Secrets Manager appends six random characters to a secret's ARN: a name prefix needs `*`.
    const secrets = Arn.format(
      {
        service: 'secretsmanager',
        resource: 'secret',
        resourceName: `${WEBHOOK_SECRET_PREFIX}*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      },
      Stack.of(this),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WebhookSecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secrets],
      }),
    );
    Validations.of(this.function.role ?? this.function).acknowledge({
      id: iam5ResourceFinding(this, secrets),
      reason: `Secrets Manager ARNs end in a random suffix, so the webhook secrets are named by prefix: GetSecretValue on "${WEBHOOK_SECRET_PREFIX}*" only, one secret per webhook.`,
    });
  }
}
