import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ITEM_TYPE, MATCHED_ATTRIBUTE, TYPE_ATTRIBUTE } from '../../../../functions/contracts/table-schema';
import { DeadLetterQueue } from '../messaging/dead-letter-queue';
import { NewswatchFunction, type FunctionLogLevel } from './newswatch-function';

/**
 * How long the event source mapping gathers stream records into one batch. A trickle of articles
 * (a million a month is ~0.4 a second) would otherwise mean one invocation per article; news
 * alerts can wait 10 seconds.
 */
export const ALERT_BATCHING_WINDOW_SECONDS = 10;

export interface AlertFunctionProps {
  readonly entry: string;
  /** The table whose stream feeds the function (must have a stream). */
  readonly table: dynamodb.ITable;
  readonly logLevel?: FunctionLogLevel;
  /** Share of invocations logged in full (see NewswatchFunctionProps.logSampleRate). */
  readonly logSampleRate?: number;
}

/**
 * Publishes alerts (or queues them for the daily digest) for the topic matches that the ingest
 * function stored on new and changed Article items. Fed by the table's stream, filtered
 * server-side to INSERT/MODIFY records of Article items that matched a topic, so that the
 * function is not even invoked for the articles that match nothing (most of them), for the
 * Story, Match and digest items it writes itself, or for Rejections.
 */
export class AlertFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly eventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: AlertFunctionProps) {
    super(scope, id);

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'metadata of stream records the alert function still failed on after bisecting and retrying',
    }).queue;

    this.function = new NewswatchFunction(this, 'Alert', {
      entry: props.entry,
      description: 'Newswatch: matches new or changed articles against topics and publishes alerts',
      serviceName: 'newswatch-alert',
      // 512 MB is left from when the function re-read each article from S3 and re-analysed it
      // with the NLP model. It does neither now (no S3 grant, no NLP in its bundle: the stream
      // record carries the ingest function's matches), so it could likely be smaller, like the
      // digest function's 256 MB; Lambda scales CPU with memory, so measure the batch time before
      // lowering it. 60 s: a batch is up to 10 records, each a few conditional writes and
      // publishes per match. Must stay well below the 300 s claim lease of the alert ledger so
      // that a claim is only taken over once its holder has certainly stopped.
      memorySize: 512,
      timeout: Duration.seconds(60),
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      // DynamoEventSource grants the stream read actions on this table's stream ARN, plus
      // dynamodb:ListStreams, which has no resource-level permissions and therefore needs "*".
      otherWildcardActions:
        'dynamodb:ListStreams (added by DynamoEventSource for the event source mapping; stream reads are scoped to the table stream ARN)',
    }).function;

    this.eventSource = new DynamoEventSource(props.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(ALERT_BATCHING_WINDOW_SECONDS),
      bisectBatchOnError: true,
      retryAttempts: 3,
      // Alerts about news older than this are worth less than a clean DLQ entry to look at.
      maxRecordAge: Duration.hours(6),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.or('INSERT', 'MODIFY'),
          dynamodb: {
            NewImage: {
              [TYPE_ATTRIBUTE]: { S: FilterRule.isEqual(ITEM_TYPE.article) },
              [MATCHED_ATTRIBUTE]: { BOOL: FilterRule.isEqual(true) },
            },
          },
        }),
      ],
    });
    this.function.addEventSource(this.eventSource);
  }
}
