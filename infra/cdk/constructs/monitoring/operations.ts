import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '../../../../functions/contracts/metric-names';
import { subscribeEmails, validateEmails } from '../../settings/subscriptions';

export interface OperationsProps {
  /** Email endpoints for operational alarms. */
  readonly emails?: readonly string[];
}

/**
 * Operational alarms and the topic they notify. The topic is encrypted with its own CMK because
 * CloudWatch cannot publish to a topic encrypted with the AWS managed aws/sns key: the key policy
 * must allow the cloudwatch.amazonaws.com service principal, which only a CMK's policy can.
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps = {}) {
    super(scope, id);
    const emails = validateEmails(props.emails ?? [], 'ops subscriptions');
    const stack = Stack.of(this);

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Newswatch operations SNS topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // As documented for alarms on encrypted topics: CloudWatch (through SNS) encrypts the message.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Newswatch operations',
      masterKey: this.key,
      enforceSSL: true,
      signatureVersion: '2',
    });
    // Only this account's alarms may publish.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
          },
        },
      }),
    );
    subscribeEmails(this.topic, emails);
    this.action = new SnsAction(this.topic);
  }

  /** Any invocation error in a 5-minute window. */
  alarmOnErrors(id: string, fn: lambda.IFunction): cloudwatch.Alarm {
    return this.notify(
      new cloudwatch.Alarm(this, `${id}Errors`, {
        alarmDescription: `${id} function reported errors (failed invocations or thrown handlers).`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** A dead-letter queue holding anything at all needs a human. */
  /** Any execution of the state machine that failed, timed out or was aborted. */
  alarmOnFailedExecutions(id: string, machine: sfn.IStateMachine): cloudwatch.Alarm {
    const period = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    return this.notify(
      new cloudwatch.Alarm(this, `${id}FailedExecutions`, {
        alarmDescription: `${id} state machine executions failed, timed out or were aborted.`,
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: {
            failed: machine.metricFailed(period),
            timedOut: machine.metricTimedOut(period),
            aborted: machine.metricAborted(period),
          },
          period: Duration.minutes(5),
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  alarmOnDeadLetters(id: string, queue: sqs.IQueue): cloudwatch.Alarm {
    return this.notify(
      new cloudwatch.Alarm(this, `${id}DeadLetters`, {
        alarmDescription: `${id} dead-letter queue has messages: events were given up on and need inspection/redrive.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Age (ms) of the newest batch's oldest stream record when it reached the function: alerting lag. */
  alarmOnIteratorAge(id: string, fn: lambda.IFunction, threshold: Duration): cloudwatch.Alarm {
    return this.notify(
      new cloudwatch.Alarm(this, `${id}IteratorAge`, {
        alarmDescription: `${id} function is more than ${threshold.toHumanString()} behind its DynamoDB stream.`,
        metric: fn.metric('IteratorAge', {
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: threshold.toMilliseconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /**
   * A followed feed has been failing for a day: the poller reports how many sources are, every
   * run (SourcesFailingForADay, zero included), so the alarm fires on the first run that counts one.
   */
  alarmOnFailingSources(pollerService: string): cloudwatch.Alarm {
    return this.notify(
      new cloudwatch.Alarm(this, 'SourcesFailingForADay', {
        alarmDescription:
          'A followed feed has been failing for a day or more: see newswatch sources list for its last error.',
        metric: new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: METRIC.sourcesFailingForADay,
          dimensionsMap: { service: pollerService },
          period: Duration.minutes(15),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  private notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}
