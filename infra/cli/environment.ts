import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  LOCAL_DEFAULTS,
  LOCAL_TOPIC_ARN,
  acquireStateLock,
  startLocalStack,
  statePaths,
  type LocalStack,
} from '../local/local-stack';
import { startSnsSink, type SnsSink } from '../local/emulators/sns/server';
import type { AlertsAccess, TableAccess } from '../../functions/console-queries/access';
import { MissingPrerequisiteError, classifyAwsError } from './errors';

/** The CfnOutputs of infra/cdk/newswatch-stack.ts the CLI reads. */
export const STACK_OUTPUTS = {
  bucket: 'ArticlesBucketName',
  table: 'TableName',
  alertsTopic: 'AlertsTopicArn',
  opsTopic: 'OpsTopicArn',
  ingestDeadLetterQueue: 'IngestDeadLetterQueueUrl',
  alertDeadLetterQueue: 'AlertDeadLetterQueueUrl',
  deliveryDeadLetterQueue: 'DeliveryDeadLetterQueueUrl',
  deliveryQueue: 'DeliveryQueueUrl',
  /** Not an output yet: redrive falls back to the function ARN inside each failure record. */
  ingestFunction: 'IngestFunctionName',
  alertFunction: 'AlertFunctionName',
  reprocessStateMachine: 'ReprocessStateMachineArn',
} as const;

/** The stack's outputs by key. */
export type StackOutputs = Partial<Record<string, string>>;

/** Defined where the console API shares them: the reads and writes take these. */
export type { AlertsAccess, TableAccess } from '../../functions/console-queries/access';
export interface BucketAccess {
  client: S3Client;
  bucketName: string;
  /** Where articles go: `articles/`. */
  prefix: string;
}

/** What a command works against: the deployed stack or the local stand-ins. */
export interface Backend {
  readonly mode: 'deployed' | 'local';
  table(): Promise<TableAccess>;
  bucket(): Promise<BucketAccess>;
  alerts(): Promise<AlertsAccess>;
  /** Stops whatever was started and destroys the clients. Never throws. */
  close(): Promise<void>;
}

export interface DeployedBackend extends Backend {
  readonly mode: 'deployed';
  readonly stackName: string;
  outputs(): Promise<StackOutputs>;
  /** A required output, or a MissingPrerequisiteError naming it. */
  output(key: string): Promise<string>;
  sqs(): SQSClient;
  lambda(): LambdaClient;
  streams(): DynamoDBStreamsClient;
  sfn(): SFNClient;
  /** Webhook secrets (`newswatch subscribe --webhook`). */
  secretsManager(): SecretsManagerClient;
}

export interface LocalBackend extends Backend {
  readonly mode: 'local';
  readonly stateDir: string;
  /** The whole local stack (DynamoDB Local, s3rver, SNS sink) on the state folder. */
  stack(): Promise<LocalStack>;
}

/** The articles prefix of the stack (its context can change it; the CLI uses the default). */
export const ARTICLES_PREFIX = 'articles/';

/**
 * Reads the stack's outputs. A stack that does not exist is a missing prerequisite (exit 2), as
 * are missing credentials; other errors propagate.
 */
export async function describeStackOutputs(
  client: CloudFormationClient,
  stackName: string,
): Promise<StackOutputs> {
  try {
    const described = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (!stack) throw new MissingPrerequisiteError(`stack ${stackName} not found`);
    return Object.fromEntries(
      (stack.Outputs ?? []).flatMap((output) =>
        output.OutputKey && output.OutputValue !== undefined ? [[output.OutputKey, output.OutputValue]] : [],
      ),
    );
  } catch (error) {
    const { name, message } = error as { name?: string; message?: string };
    if (name === 'ValidationError' && /does not exist/.test(message ?? '')) {
      const region = await client.config.region().catch(() => 'the default region');
      throw new MissingPrerequisiteError(
        `stack ${stackName} does not exist in ${region}: deploy it (npx cdk deploy) or pass --stack / --region`,
      );
    }
    throw classifyAwsError(error);
  }
}

export function createDeployedBackend(options: { stackName: string; region?: string }): DeployedBackend {
  const config = options.region === undefined ? {} : { region: options.region };
  const clients: { destroy(): void }[] = [];
  const memo = <T extends { destroy(): void }>(make: () => T) => {
    let made: T | undefined;
    return () => {
      if (made === undefined) {
        made = make();
        clients.push(made);
      }
      return made;
    };
  };
  const cloudFormation = memo(() => new CloudFormationClient(config));
  const dynamodb = memo(() => new DynamoDBClient(config));
  const s3 = memo(() => new S3Client(config));
  const sns = memo(() => new SNSClient(config));
  const sqs = memo(() => new SQSClient(config));
  const secretsManager = memo(() => new SecretsManagerClient(config));
  const lambda = memo(() => new LambdaClient(config));
  const streams = memo(() => new DynamoDBStreamsClient(config));
  const sfn = memo(() => new SFNClient(config));
  let outputs: Promise<StackOutputs> | undefined;
  const backend: DeployedBackend = {
    mode: 'deployed',
    stackName: options.stackName,
    outputs: () => (outputs ??= describeStackOutputs(cloudFormation(), options.stackName)),
    async output(key) {
      const value = (await backend.outputs())[key];
      if (value === undefined || value === '') {
        throw new MissingPrerequisiteError(
          `stack ${options.stackName} has no output ${key}: is it a Newswatch stack, deployed by this version?`,
        );
      }
      return value;
    },
    async table() {
      return { client: dynamodb(), tableName: await backend.output(STACK_OUTPUTS.table) };
    },
    async bucket() {
      return {
        client: s3(),
        bucketName: await backend.output(STACK_OUTPUTS.bucket),
        prefix: ARTICLES_PREFIX,
      };
    },
    async alerts() {
      return { client: sns(), topicArn: await backend.output(STACK_OUTPUTS.alertsTopic) };
    },
    sqs,
    lambda,
    streams,
    sfn,
    secretsManager,
    async close() {
      for (const client of clients.splice(0)) client.destroy();
    },
  };
  return backend;
}

const LOCAL_CREDENTIALS = {
  accessKeyId: LOCAL_DEFAULTS.accessKeyId,
  secretAccessKey: LOCAL_DEFAULTS.secretAccessKey,
};

/** Where `--local` keeps the alerts the SNS sink captured, one JSON line each. */
export const localAlertsFile = (stateDir: string) => join(stateDir, 'alerts.jsonl');

/**
 * The local stand-ins on a state folder. Started on first use: subscription commands start only
 * the SNS sink (no Java needed); anything touching the table or bucket starts the whole stack.
 * Either way the state folder's lock is held until close().
 */
export function createLocalBackend(options: {
  stateDir: string;
  /** The handlers log at INFO and emit their metrics; otherwise only their errors show. */
  verbose?: boolean;
  log?: (line: string) => void;
}): LocalBackend {
  const { stateDir } = options;
  // The handlers run in this process and write to its stderr: an operator wants the command's
  // own output, not a warning per rejected upload and a metrics line per alert.
  if (!options.verbose) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  let stack: Promise<LocalStack> | undefined;
  let sinkOnly: Promise<{ sink: SnsSink; release: () => Promise<void> }> | undefined;
  let snsClient: SNSClient | undefined;
  const backend: LocalBackend = {
    mode: 'local',
    stateDir,
    stack() {
      if (sinkOnly) throw new Error('the SNS sink was started alone: start the stack first');
      return (stack ??= startLocalStack({
        stateDir,
        alertsFile: localAlertsFile(stateDir),
        logLevel: options.verbose ? 'INFO' : 'ERROR',
        ...(options.log ? { log: options.log } : {}),
      }));
    },
    async table() {
      const local = await backend.stack();
      return { client: local.clients.dynamodb, tableName: local.tableName };
    },
    async bucket() {
      const local = await backend.stack();
      return { client: local.clients.s3, bucketName: local.bucketName, prefix: local.articlesPrefix };
    },
    async alerts() {
      let endpoint: string;
      if (stack) {
        endpoint = (await stack).sns.endpoint;
      } else {
        sinkOnly ??= (async () => {
          const release = await acquireStateLock(stateDir);
          try {
            const sink = await startSnsSink({
              topicArns: [LOCAL_TOPIC_ARN],
              subscriptionsFile: statePaths(stateDir).subscriptions,
            });
            return { sink, release };
          } catch (error) {
            await release();
            throw error;
          }
        })();
        endpoint = (await sinkOnly).sink.endpoint;
      }
      snsClient ??= new SNSClient({
        region: LOCAL_DEFAULTS.region,
        endpoint,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 1,
      });
      return { client: snsClient, topicArn: LOCAL_TOPIC_ARN };
    },
    async close() {
      snsClient?.destroy();
      try {
        if (stack) await (await stack.catch(() => undefined))?.stop();
        if (sinkOnly) {
          const started = await sinkOnly.catch(() => undefined);
          await started?.sink.stop();
          await started?.release();
        }
      } catch {
        // Stopping never fails the command: the lock is stale-proof, processes die with us.
      }
    },
  };
  return backend;
}
