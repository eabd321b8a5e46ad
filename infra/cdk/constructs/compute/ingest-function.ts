import { Duration } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../../../functions/contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../../functions/contracts/limits';
import { DeadLetterQueue } from '../messaging/dead-letter-queue';
import { NewswatchFunction, type FunctionLogLevel } from './newswatch-function';

/** Uploads larger than this are rejected from the S3 event's size, before any download. */

export interface IngestFunctionProps {
  readonly entry: string;
  /** @default 5 MiB */
  readonly maxArticleBytes?: number;
  /**
   * Reserved concurrency. Unset by default: reserving capacity fails to deploy in accounts whose
   * concurrency quota is still the new-account default of 10. When set, S3's asynchronous
   * invocations that are throttled wait in Lambda's event queue (up to maxEventAge), none is lost.
   */
  readonly reservedConcurrency?: number;
  readonly logLevel?: FunctionLogLevel;
  /** Share of invocations logged in full (see NewswatchFunctionProps.logSampleRate). */
  readonly logSampleRate?: number;
}

/**
 * Turns an uploaded article into an Article (or Rejection) item. Invoked asynchronously by S3:
 * two retries, events older than 6 hours or still failing go to an encrypted dead-letter queue.
 */
export class IngestFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    const maxArticleBytes = props.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
    if (!Number.isInteger(maxArticleBytes) || maxArticleBytes <= 0) {
      throw new Error(`maxArticleBytes must be a positive integer (got ${maxArticleBytes})`);
    }

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose:
        'S3 ObjectCreated/ObjectRemoved events the ingest function still failed on after its async retries',
    }).queue;

    this.function = new NewswatchFunction(this, 'Ingest', {
      entry: props.entry,
      description: 'Newswatch: parses and summarises an uploaded article into the table',
      serviceName: 'newswatch-ingest',
      // 512 MB: the cold start loads the wink-nlp English model and an invocation holds one
      // article of at most MAX_ARTICLE_BYTES plus its sentence/token arrays; Lambda also scales
      // CPU with memory, which shortens the parse. 30 s: parsing a size-capped article takes
      // seconds, so this only cuts off a pathological input or a hung SDK call.
      memorySize: 512,
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency,
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      asyncInvoke: {
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(this.deadLetterQueue),
      },
    }).function;
    this.function.addEnvironment(ENV.maxArticleBytes, String(maxArticleBytes));
  }
}
