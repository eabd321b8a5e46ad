import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '../messaging/dead-letter-queue';
import { NewswatchFunction, type FunctionLogLevel } from './newswatch-function';

/** The poller looks for due sources this often; a source's own interval is 5 minutes or more. */
export const POLLER_SCHEDULE = 'rate(5 minutes)';
/** The service name the poller's metrics carry (their `service` dimension): the alarm reads it. */
export const POLLER_SERVICE_NAME = 'newswatch-poller';

export interface PollerFunctionProps {
  readonly entry: string;
  readonly logLevel?: FunctionLogLevel;
  readonly logSampleRate?: number;
}

/**
 * The feed poller (issue 17): every five minutes an EventBridge rule invokes it; it polls the
 * sources that are due and writes their new entries into the articles bucket, where the bucket's
 * notification hands them to ingest. One run at a time (reserved concurrency 1) and a timeout
 * under the schedule's period, so runs never overlap and one host is never polled twice at once.
 * A source's failure is recorded on the source and never fails the run; a run that throws (the
 * table unreachable) is not retried, since the next run comes five minutes later, and lands in the
 * dead-letter queue so that it is seen.
 */
export class PollerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: PollerFunctionProps) {
    super(scope, id);

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'feed poller runs that failed as a whole',
    }).queue;

    this.function = new NewswatchFunction(this, 'Poller', {
      entry: props.entry,
      description: 'Newswatch: polls the followed feeds and writes their new entries for ingest',
      serviceName: POLLER_SERVICE_NAME,
      // Feeds are parsed here (not analysed): 512 MB for a 5 MB feed and its DOM.
      memorySize: 512,
      timeout: Duration.minutes(4),
      reservedConcurrentExecutions: 1,
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      asyncInvoke: {
        retryAttempts: 0,
        maxEventAge: Duration.minutes(5),
        onFailure: new SqsDestination(this.deadLetterQueue),
      },
    }).function;

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Newswatch: poll the feeds that are due',
      schedule: events.Schedule.expression(POLLER_SCHEDULE),
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.function, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: this.deadLetterQueue,
      }),
    );
  }
}
