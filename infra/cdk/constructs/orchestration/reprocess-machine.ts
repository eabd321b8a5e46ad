import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ENV } from '../../../../functions/contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../../functions/contracts/limits';
import { REPROCESS_BATCH_SIZE } from '../../../../functions/contracts/reprocess-window';
import { NewswatchFunction, type FunctionLogLevel } from '../compute/newswatch-function';

/** Batches processed at once (child executions of the Distributed Map). */
export const DEFAULT_REPROCESS_CONCURRENCY = 50;
/** A run fails once more than this share of batches failed after their retries. */
export const REPROCESS_TOLERATED_FAILURE_PERCENT = 5;

export interface ReprocessMachineProps {
  readonly entry: string;
  readonly bucket: s3.IBucket;
  readonly articlesPrefix: string;
  /** @default 50 */
  readonly maxConcurrency?: number;
  /** `s3://bucket/key` of an S3 Inventory manifest.json to read objects from instead of listing. */
  readonly inventoryManifest?: string;
  readonly maxArticleBytes?: number;
  readonly logLevel?: FunctionLogLevel;
}

/** `s3://bucket/path/manifest.json` → bucket and key; anything else fails the synth with the value. */
export const parseS3Uri = (uri: string): { bucket: string; key: string } => {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(uri.trim());
  if (!match?.[1] || !match[2]) {
    throw new Error(
      `context inventoryManifest: expected s3://<bucket>/<key of manifest.json> (got ${JSON.stringify(uri)})`,
    );
  }
  return { bucket: match[1], key: match[2] };
};

/**
 * `newswatch reprocess`: a Standard state machine whose Distributed Map reads the articles bucket
 * (ListObjectsV2 under the execution's `prefix`, or an S3 Inventory manifest when one is configured:
 * listing a bucket of millions of objects costs a request per 1,000 and time, an inventory is
 * already written) and hands batches of objects, with the execution's options as `BatchInput`, to
 * the reprocess function, which runs the ingest use case on each. Child executions are Express
 * (billed by duration, not per transition); results are discarded (counts are in the Map Run and
 * the function's logs), so no run can outgrow the 256 KB state output.
 *
 * Least privilege: the state machine may list the bucket (or read the manifest and the inventory
 * files), invoke the function and run its own Map Run; the function may read article objects and
 * write the table (the stack grants that, as for ingest).
 */
export class ReprocessMachine extends Construct {
  readonly function: NodejsFunction;
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReprocessMachineProps) {
    super(scope, id);
    const maxConcurrency = props.maxConcurrency ?? DEFAULT_REPROCESS_CONCURRENCY;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10_000) {
      throw new Error(`reprocess maxConcurrency must be an integer from 1 to 10000 (got ${maxConcurrency})`);
    }

    this.function = new NewswatchFunction(this, 'Reprocess', {
      entry: props.entry,
      description: 'Newswatch: reprocesses a batch of listed article objects through the ingest use case',
      serviceName: 'newswatch-reprocess',
      // As ingest (the same analysis), with more CPU for a batch: 20 objects, 4 at a time, each
      // a few seconds at worst; 5 minutes leaves room for the slowest batch of large pages.
      memorySize: 1024,
      timeout: Duration.minutes(5),
      logLevel: props.logLevel,
    }).function;
    this.function.addEnvironment(
      ENV.maxArticleBytes,
      String(props.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES),
    );
    this.function.addEnvironment(ENV.articlesPrefix, props.articlesPrefix);

    const processBatch = new tasks.LambdaInvoke(this, 'ProcessBatch', {
      lambdaFunction: this.function,
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    // A batch with transient failures threw after trying every object: what it stored is a stale
    // no-op on the retry.
    processBatch.addRetry({
      errors: ['ReprocessBatchFailedError', 'TransientError', 'States.Timeout'],
      maxAttempts: 2,
      interval: Duration.seconds(5),
      backoffRate: 2,
    });

    const itemReader = props.inventoryManifest
      ? (() => {
          const { bucket, key } = parseS3Uri(props.inventoryManifest);
          return new sfn.S3ManifestItemReader({
            bucket: s3.Bucket.fromBucketName(this, 'InventoryBucket', bucket),
            key,
          });
        })()
      : new sfn.S3ObjectsItemReader({ bucket: props.bucket, prefix: sfn.JsonPath.stringAt('$.prefix') });

    const map = new sfn.DistributedMap(this, 'ReprocessObjects', {
      itemReader,
      maxConcurrency,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      toleratedFailurePercentage: REPROCESS_TOLERATED_FAILURE_PERCENT,
      itemBatcher: new sfn.ItemBatcher({
        maxItemsPerBatch: REPROCESS_BATCH_SIZE,
        // The execution's options, once per batch (JSONPath on the Map state's input).
        batchInput: {
          bucket: props.bucket.bucketName,
          'topicsOnly.$': '$.topicsOnly',
          'since.$': '$.since',
          'until.$': '$.until',
        },
      }),
      resultPath: sfn.JsonPath.DISCARD,
      label: 'Reprocess',
    });
    map.itemProcessor(processBatch);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: 'newswatch reprocess: the articles bucket through the ingest use case, in batches',
      timeout: Duration.hours(24),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // Each wildcard is the narrowest the service allows; named one by one so a new one fails the synth.
    const acknowledge = (resource: string, reason: string) =>
      Validations.of(this.stateMachine).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
    acknowledge(
      '*',
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and log delivery (logs:*LogDelivery, DescribeLogGroups, DescribeResourcePolicies, PutResourcePolicy) have no resource-level permissions.',
    );
    acknowledge(
      `<${Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement)}.Arn>:*`,
      "The invoke task may call the reprocess function's versions and aliases (the function ARN with a qualifier); no other function.",
    );
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(this).getLogicalId(this.stateMachine.node.defaultChild as CfnElement)}"}]}]}`;
    acknowledge(
      `${executions}:*`,
      'The Distributed Map describes and stops executions of this state machine only (execution names are generated).',
    );
    acknowledge(
      `${executions}/Reprocess:*`,
      "The Distributed Map runs its Map Run's child executions (names generated) of this state machine only.",
    );
    if (props.inventoryManifest) {
      // The manifest names the inventory's CSV files beside it; the reader grants the manifest only.
      const { bucket, key } = parseS3Uri(props.inventoryManifest);
      const folder = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
      const inventoryRoot = folder.replace(/[^/]+\/[^/]+\/$/, '');
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'ReadInventoryFiles',
          actions: ['s3:GetObject'],
          resources: [`arn:aws:s3:::${bucket}/${inventoryRoot}*`],
        }),
      );
    }
  }
}
