import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

import { METRICS_NAMESPACE } from '../contracts/metric-names';

export { METRIC } from '../contracts/metric-names';

/**
 * What use-case outcomes are counted with. Handlers translate outcomes into counts; the use cases
 * stay free of Powertools.
 */
export interface Counter {
  count(name: string, value?: number, dimensions?: Record<string, string>): void;
}

export const createMetrics = (serviceName: string) =>
  new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName,
  });

/**
 * Counts on a Powertools Metrics instance (flushed as EMF log lines by its middleware). A count
 * with dimensions of its own (a topic, a reason) goes out as a single metric, so its dimensions do
 * not leak onto the function's other metrics.
 */
export const powertoolsCounter = (metrics: Metrics): Counter => ({
  count(name, value = 1, dimensions) {
    if (value === 0) return;
    if (!dimensions) {
      metrics.addMetric(name, MetricUnit.Count, value);
      return;
    }
    const single = metrics.singleMetric();
    single.addDimensions(dimensions);
    single.addMetric(name, MetricUnit.Count, value);
  },
});

/**
 * Powertools Tracer: active only inside Lambda with tracing on (the stack turns X-Ray on); the
 * local runner and tests run without it.
 */
export const createTracer = (serviceName: string) =>
  new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });
