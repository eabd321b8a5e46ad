import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Logger } from '@aws-lambda-powertools/logger';
import { METRIC } from '../contracts/metric-names';
import { TransientError } from '../ports/errors';
import { createLogger } from './logger';
import { createMetrics, createTracer, powertoolsCounter, type Counter } from './observability';

/** What every function builds once per execution environment: its logger, metrics and tracer. */
export interface FunctionRuntime {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
  counter: Counter;
  /** An AWS SDK v3 client, traced (each call an X-Ray subsegment when tracing is on). */
  traced<T>(client: T): T;
}

export const createFunctionRuntime = (serviceName: string): FunctionRuntime => {
  const logger = createLogger(serviceName);
  const metrics = createMetrics(serviceName);
  const tracer = createTracer(serviceName);
  return {
    logger,
    metrics,
    tracer,
    counter: powertoolsCounter(metrics),
    traced: (client) => tracer.captureAWSv3Client(client),
  };
};

/**
 * An error that escapes a handler makes Lambda retry the event (asynchronous invocations twice,
 * then the on-failure queue; stream batches as the event source mapping says). Each one is logged
 * once here with whether a retry can help, and counted by error name, so a poison input shows up
 * on the dashboard as what it is rather than as a generic error.
 */
const reportEscapingErrors = (runtime: FunctionRuntime): MiddlewareObj => ({
  onError: async (request) => {
    const error = request.error;
    const name = error instanceof Error ? error.name : 'UnknownError';
    runtime.logger.error('Invocation failed and will be retried', {
      error,
      retryable: error instanceof TransientError,
    });
    runtime.counter.count(METRIC.invocationFailures, 1, { error: name });
  },
});

/**
 * The one middy chain of every function: X-Ray around the handler, metrics flushed after it, the
 * Lambda context on every log line (keys reset per invocation), and escaping errors reported.
 */
export const lambdaHandler = <Event, Result>(
  runtime: FunctionRuntime,
  handle: (event: Event, context: Context) => Promise<Result>,
) =>
  middy(handle)
    .use(captureLambdaHandler(runtime.tracer))
    .use(logMetrics(runtime.metrics))
    .use(injectLambdaContext(runtime.logger, { resetKeys: true }))
    .use(reportEscapingErrors(runtime));
