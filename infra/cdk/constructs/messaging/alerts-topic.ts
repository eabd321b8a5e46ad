import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV } from '../../../../functions/contracts/env-names';
import {
  placeEndpoints,
  rejectDuplicateEndpoints,
  subscribeEmails,
  subscribeFiltered,
  subscribePhones,
  validateEmails,
  validatePhones,
  validateSubscriptions,
  type AlertSubscriptionSpec,
} from '../../settings/subscriptions';

export interface AlertsTopicProps {
  /** Email endpoints; each must confirm its subscription. */
  readonly emails?: readonly string[];
  /** SMS endpoints in E.164 format. */
  readonly phones?: readonly string[];
  /**
   * Email or SMS endpoints (by shape) that receive only some alerts: an SNS filter policy on the
   * `topic` and `certainty` message attributes. An endpoint may appear only once across all three.
   */
  readonly subscriptions?: readonly AlertSubscriptionSpec[];
}

/**
 * The topic alerts are published to, encrypted with a customer-managed KMS key (rotated yearly).
 * A CMK rather than aws/sns: its key policy names the publishers explicitly, and its use shows up
 * per principal in CloudTrail. The topic denies any request not made over TLS.
 */
export class AlertsTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  private publishers = 0;

  constructor(scope: Construct, id: string, props: AlertsTopicProps = {}) {
    super(scope, id);
    const emails = validateEmails(props.emails ?? [], 'alert subscriptions');
    const phones = validatePhones(props.phones ?? [], 'alert subscriptions');
    const subscriptions = validateSubscriptions(props.subscriptions ?? [], 'alert subscriptions');
    rejectDuplicateEndpoints(
      placeEndpoints(
        { emails, phones, subscriptions },
        { emails: 'emails', phones: 'phones', subscriptions: 'subscriptions' },
      ),
    );

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Newswatch alerts SNS topic',
      enableKeyRotation: true,
      // Only in-flight messages are encrypted with it; the key goes with the topic (30-day window).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Newswatch alerts',
      masterKey: this.key,
      enforceSSL: true,
      signatureVersion: '2',
    });

    subscribeEmails(this.topic, emails);
    subscribePhones(this.topic, phones);
    subscribeFiltered(this.topic, subscriptions);
  }

  /**
   * Lets `fn` publish: sns:Publish on this topic only, and the two KMS actions SNS performs for a
   * publisher (kms:GenerateDataKey to encrypt, kms:Decrypt) on this key only, granted both in the
   * function's role policy and in the key policy (the latter only for requests made through SNS).
   * Exact actions rather than `topic.grantPublish()`, which grants kms:GenerateDataKey*.
   * Sets ALERTS_TOPIC_ARN.
   */
  grantPublish(fn: lambda.Function): void {
    const role = fn.role;
    if (!role) throw new Error(`${fn.node.path} has no role to grant sns:Publish to`);
    const kmsActions = ['kms:GenerateDataKey', 'kms:Decrypt'];
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PublishAlerts',
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'EncryptAlerts', actions: kmsActions, resources: [this.key.keyArn] }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `AllowPublisher${++this.publishers}ThroughSns`,
        principals: [new iam.ArnPrincipal(role.roleArn)],
        actions: kmsActions,
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    fn.addEnvironment(ENV.alertsTopicArn, this.topic.topicArn);
  }
}
