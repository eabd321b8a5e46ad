import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '../../../../functions/contracts/metric-names';

export interface DashboardProps {
  readonly functions: Record<string, lambda.IFunction>;
  readonly deadLetterQueues: Record<string, sqs.IQueue>;
  readonly table: dynamodb.ITable;
  /** The stream-fed function whose iterator age is alerting lag. */
  readonly streamConsumer: lambda.IFunction;
  readonly alarms: cloudwatch.IAlarm[];
}

const PERIOD = Duration.minutes(5);

/**
 * One CloudWatch dashboard for the pipeline, read top to bottom the way an article travels:
 * alarms; what came in (ingested, rejected by reason, deleted); what matched and what was sent or
 * suppressed as a duplicate; the functions' health; the queues and the stream lag; the table. No
 * physical name: CloudFormation names it after the stack.
 */
export class Dashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    // Powertools adds the emitting function's service name as a dimension to every metric.
    const business = (name: string, service: 'newswatch-ingest' | 'newswatch-alert', label: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service },
        statistic: cloudwatch.Stats.SUM,
        period: PERIOD,
        label,
      });
    // Metrics with their own dimensions (a reason, a topic) are summed over them with search.
    const searchSum = (name: string, dimensions: string[], label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},${['service', ...dimensions].join(',')}} MetricName="${name}"', 'Sum', ${PERIOD.toSeconds()})`,
        label,
        period: PERIOD,
      });

    const functions = Object.entries(props.functions);
    const queues = Object.entries(props.deadLetterQueues);
    const perFunction = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
      functions.map(([, fn]) => metric(fn));

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 3 })],
        [
          new cloudwatch.GraphWidget({
            title: 'Articles',
            width: 8,
            left: [
              business(METRIC.articlesIngested, 'newswatch-ingest', 'ingested'),
              business(METRIC.articlesDeleted, 'newswatch-ingest', 'deleted'),
              searchSum(METRIC.articlesRejected, ['reason'], 'rejected'),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Rejections by reason',
            width: 8,
            left: [searchSum(METRIC.articlesRejected, ['reason'], '')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Matches by topic and certainty',
            width: 8,
            left: [searchSum(METRIC.topicMatches, ['topic', 'certainty'], '')],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Alerts',
            width: 12,
            left: [
              business(METRIC.alertsSent, 'newswatch-alert', 'sent'),
              business(METRIC.alertsSuppressed, 'newswatch-alert', 'suppressed as duplicates'),
              business(METRIC.digestQueued, 'newswatch-alert', 'queued for digest'),
              searchSum(METRIC.digestsSent, ['topic'], 'digests sent'),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Stream lag (iterator age, max)',
            width: 12,
            left: [
              props.streamConsumer.metric('IteratorAge', {
                statistic: cloudwatch.Stats.MAXIMUM,
                period: PERIOD,
              }),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Feed sources polled, by outcome',
            width: 8,
            left: [searchSum(METRIC.sourcesPolled, ['outcome'], '')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Feed entries written for ingest',
            width: 8,
            left: [searchSum(METRIC.feedEntriesWritten, [], 'new entries')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Webhook posts, by format and outcome',
            width: 8,
            left: [searchSum(METRIC.webhookPosts, ['format', 'outcome'], '')],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Invocations',
            width: 6,
            left: perFunction((fn) => fn.metricInvocations({ period: PERIOD })),
          }),
          new cloudwatch.GraphWidget({
            title: 'Errors',
            width: 6,
            left: perFunction((fn) => fn.metricErrors({ period: PERIOD })),
          }),
          new cloudwatch.GraphWidget({
            title: 'Duration p95',
            width: 6,
            left: perFunction((fn) => fn.metricDuration({ period: PERIOD, statistic: 'p95' })),
          }),
          new cloudwatch.GraphWidget({
            title: 'Throttles',
            width: 6,
            left: perFunction((fn) => fn.metricThrottles({ period: PERIOD })),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queues (messages visible)',
            width: 12,
            left: queues.map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                period: PERIOD,
                statistic: cloudwatch.Stats.MAXIMUM,
                label: name,
              }),
            ),
          }),
          new cloudwatch.GraphWidget({
            title: 'Table: consumed capacity and throttled requests',
            width: 12,
            left: [
              props.table.metricConsumedWriteCapacityUnits({ period: PERIOD }),
              props.table.metricConsumedReadCapacityUnits({ period: PERIOD }),
            ],
            right: [
              props.table.metric('WriteThrottleEvents', { period: PERIOD, statistic: cloudwatch.Stats.SUM }),
              props.table.metric('ReadThrottleEvents', { period: PERIOD, statistic: cloudwatch.Stats.SUM }),
            ],
          }),
        ],
      ],
    });
  }
}
