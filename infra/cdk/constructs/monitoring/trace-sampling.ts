import { Names, Stack } from 'aws-cdk-lib';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';

/** Share of requests traced when no rate is given: one in a hundred. */
export const DEFAULT_TRACE_SAMPLE_RATE = 0.01;

export interface TraceSamplingProps {
  /** Share of the functions' invocations X-Ray records, 0 to 1. @default DEFAULT_TRACE_SAMPLE_RATE */
  readonly fixedRate?: number;
}

/**
 * An X-Ray sampling rule for this stack's Lambda functions (their names start with the stack's
 * name). X-Ray's default rule records the first request each second and 5% of the rest: at a
 * steady million articles a month (under one invocation a second) that is nearly every
 * invocation, about $5 of traces per million articles per function. This rule has no reservoir
 * and a fixed rate, so the share traced stays the same at any traffic.
 */
export class TraceSampling extends Construct {
  readonly rule: xray.CfnSamplingRule;
  readonly fixedRate: number;

  constructor(scope: Construct, id: string, props: TraceSamplingProps = {}) {
    super(scope, id);
    this.fixedRate = props.fixedRate ?? DEFAULT_TRACE_SAMPLE_RATE;
    if (!(this.fixedRate >= 0 && this.fixedRate <= 1)) {
      throw new Error(`trace sample rate: expected a number from 0 to 1 (got ${this.fixedRate})`);
    }
    this.rule = new xray.CfnSamplingRule(this, 'Rule', {
      samplingRule: {
        // Rule names are unique per account and region, and at most 32 characters.
        ruleName: Names.uniqueResourceName(this, { maxLength: 32 }),
        priority: 100,
        fixedRate: this.fixedRate,
        reservoirSize: 0,
        serviceName: `${Stack.of(this).stackName}-*`,
        serviceType: 'AWS::Lambda::Function',
        host: '*',
        httpMethod: '*',
        urlPath: '*',
        resourceArn: '*',
        version: 1,
      },
    });
  }
}
