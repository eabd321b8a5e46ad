import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../../../functions/contracts/metric-names';
import { REPO_ROOT } from '../../../paths';

/**
 * The newest GA Node.js Lambda runtime known to aws-cdk-lib 2.276 (`nodejs24.x`). Pinned rather
 * than `NODEJS_LATEST` so that a CDK upgrade never changes the runtime of a deployed function
 * without a reviewed diff; cdk-nag's AwsSolutions-L1 fails the build when a newer one appears.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** esbuild target matching FUNCTION_RUNTIME. */
export const ESBUILD_TARGET = 'node24';

/**
 * An ESM bundle has no `require`; a few CommonJS dependencies call it for Node built-ins. The
 * banner gives them one, as the aws-lambda-nodejs docs recommend for `OutputFormat.ESM`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __nwCreateRequire } from 'node:module'; const require = __nwCreateRequire(import.meta.url);";

export type FunctionLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * Production logging: warnings and errors always, and everything for a sample of invocations.
 * At a million articles a month the INFO line of every invocation was a tenth of the bill.
 */
export const DEFAULT_LOG_LEVEL: FunctionLogLevel = 'WARN';
export const DEFAULT_LOG_SAMPLE_RATE = 0.01;

export interface NewswatchFunctionProps {
  /** Absolute path of the TypeScript entry point exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name (POWERTOOLS_SERVICE_NAME). */
  readonly serviceName: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Powertools' log level. @default 'WARN' (production; see logSampleRate) */
  readonly logLevel?: FunctionLogLevel;
  /**
   * Share of invocations that log everything (Powertools raises them to DEBUG), so a production
   * stack at WARN still shows what ordinary invocations do. @default 0.01
   */
  readonly logSampleRate?: number;
  readonly reservedConcurrentExecutions?: number;
  /** Asynchronous invocation settings (only for functions invoked asynchronously). */
  readonly asyncInvoke?: {
    readonly retryAttempts: number;
    readonly maxEventAge: Duration;
    readonly onFailure: lambda.IDestination;
  };
  /**
   * Actions besides X-Ray's that a construct grants on "*" because they have no resource-level
   * permissions, and why; they share one cdk-nag acknowledgement on the role.
   */
  readonly otherWildcardActions?: string;
}

/**
 * The baseline every Newswatch Lambda function shares: Node.js on Graviton, a local esbuild bundle
 * (never Docker) in ESM with source maps, its own log group with a retention period, and a role
 * that starts with nothing but permission to write to that log group. Feature constructs add the
 * grants (and the environment variables naming what they grant) on top.
 */
export class NewswatchFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NewswatchFunctionProps) {
    super(scope, id);
    const logLevel = props.logLevel ?? DEFAULT_LOG_LEVEL;
    const logSampleRate = props.logSampleRate ?? DEFAULT_LOG_SAMPLE_RATE;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Operational logs, not data: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A dedicated role instead of the AWSLambdaBasicExecutionRole managed policy, which allows
    // logs:CreateLogGroup / logs:PutLogEvents on every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.serviceName} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}/package-lock.json`,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // No application level for Lambda's advanced logging controls: it would take precedence
      // over Powertools' and drop the INFO lines of the sampled invocations.
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      // X-Ray traces, with each SDK call as a subsegment (Powertools Tracer in the handlers).
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: logLevel,
        ...(logSampleRate > 0 ? { POWERTOOLS_LOGGER_SAMPLE_RATE: String(logSampleRate) } : {}),
        // Stack traces through the bundled source map (aws-lambda-nodejs does not set this).
        NODE_OPTIONS: '--enable-source-maps',
      },
      ...(props.asyncInvoke ?? {}),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Ship the SDK version the code was tested with instead of whatever the runtime bundles.
        bundleAwsSDK: true,
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `Only actions without resource-level permissions are on "*": xray:PutTraceSegments and xray:PutTelemetryRecords (added for active tracing)${props.otherWildcardActions ? `; ${props.otherWildcardActions}` : ''}. Everything else is scoped to its resource.`,
    });
  }
}
