import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from '../messaging/dead-letter-queue';
import { NewswatchFunction, type FunctionLogLevel } from './newswatch-function';

/** 07:00 UTC: before the working day in Europe, the evening before in the Americas' west. */
export const DEFAULT_DIGEST_SCHEDULE = 'cron(0 7 * * ? *)';

export interface DigestFunctionProps {
  readonly entry: string;
  /** An EventBridge schedule expression. @default DEFAULT_DIGEST_SCHEDULE */
  readonly schedule?: string;
  readonly logLevel?: FunctionLogLevel;
  /** Share of invocations logged in full (see NewswatchFunctionProps.logSampleRate). */
  readonly logSampleRate?: number;
}

/**
 * The daily digest: an EventBridge rule invokes the function once a day; it sends one message per
 * digest-mode topic that had matches and nothing otherwise. Failed runs are retried (asynchronous
 * invocation, twice) and then land in a dead-letter queue; the function's per-topic day claim makes
 * every retry safe. One concurrent run at most: two overlapping digests would only race for claims.
 */
export class DigestFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: DigestFunctionProps) {
    super(scope, id);

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'daily digest invocations that still failed after their retries',
    }).queue;

    this.function = new NewswatchFunction(this, 'Digest', {
      entry: props.entry,
      description: 'Newswatch: sends the daily digest of each digest-mode topic',
      serviceName: 'newswatch-digest',
      // 256 MB, 60 s: a few queries and one publish per topic; no article analysis.
      memorySize: 256,
      timeout: Duration.seconds(60),
      reservedConcurrentExecutions: 1,
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      asyncInvoke: {
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(this.deadLetterQueue),
      },
    }).function;

    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Newswatch: daily digest',
      schedule: events.Schedule.expression(props.schedule ?? DEFAULT_DIGEST_SCHEDULE),
    });
    // EventBridge's own delivery retries (throttling of the invoke itself) go to the same queue.
    this.rule.addTarget(
      new targets.LambdaFunction(this.function, {
        retryAttempts: 4,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: this.deadLetterQueue,
      }),
    );
  }
}
