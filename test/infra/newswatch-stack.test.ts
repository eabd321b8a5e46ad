import { ALERT_STREAM_FILTER } from '../../infra/local/invocation/event-filter';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/contracts/env-names';
import { GSI1, GSI1_PROJECTED_ATTRIBUTES, TABLE_KEY } from '../../functions/contracts/table-schema';
import { parseListContext } from '../../infra/cdk/settings/subscriptions';
import type { NewswatchStack } from '../../infra/cdk/newswatch-stack';
import {
  actionsOf,
  buildTestApp,
  logicalId,
  statementsOfRole,
  synthNewswatch,
  type Statement,
} from './synth-newswatch';

// One synthesis (two esbuild bundles) shared by every test in this file.
let stack: NewswatchStack;
let template: Template;
const ids = {} as Record<
  | 'bucket'
  | 'logsBucket'
  | 'table'
  | 'ingestFn'
  | 'alertFn'
  | 'digestFn'
  | 'ingestRole'
  | 'alertRole'
  | 'digestRole'
  | 'digestDlq'
  | 'alertsTopic'
  | 'alertsKey'
  | 'opsTopic'
  | 'opsKey'
  | 'ingestDlq'
  | 'alertDlq',
  string
>;

beforeAll(() => {
  ({ stack, template } = synthNewswatch());
  Object.assign(ids, {
    bucket: logicalId(stack.articles.bucket),
    logsBucket: logicalId(stack.articles.accessLogsBucket),
    table: logicalId(stack.table.table),
    ingestFn: logicalId(stack.ingest.function),
    alertFn: logicalId(stack.alert.function),
    digestFn: logicalId(stack.digest.function),
    ingestRole: logicalId(stack.ingest.function.role!),
    alertRole: logicalId(stack.alert.function.role!),
    digestRole: logicalId(stack.digest.function.role!),
    digestDlq: logicalId(stack.digest.deadLetterQueue),
    alertsTopic: logicalId(stack.alerts.topic),
    alertsKey: logicalId(stack.alerts.key),
    opsTopic: logicalId(stack.operations.topic),
    opsKey: logicalId(stack.operations.key),
    ingestDlq: logicalId(stack.ingest.deadLetterQueue),
    alertDlq: logicalId(stack.alert.deadLetterQueue),
  });
});

const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const objectsUnder = (bucketId: string, prefix: string) => ({
  'Fn::Join': ['', [getAtt(bucketId), `/${prefix}*`]],
});
const allows = (statements: Statement[], action: string) =>
  statements.filter(
    (s) =>
      s.Effect === 'Allow' &&
      actionsOf(s).some((a) => a === action || (a.endsWith('*') && action.startsWith(a.slice(0, -1)))),
  );

describe('articles bucket', () => {
  it('is SSE-S3 encrypted, private, versioned, TLS-only, access-logged and retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: {
          DestinationBucketName: { Ref: ids.logsBucket },
          LogFilePrefix: 'articles-bucket/',
        },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]),
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ids.bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('invokes the ingest function for objects created or removed under articles/ only', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: ids.bucket },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'articles/' }] } },
            LambdaFunctionArn: getAtt(ids.ingestFn),
          },
          {
            Events: ['s3:ObjectRemoved:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'articles/' }] } },
            LambdaFunctionArn: getAtt(ids.ingestFn),
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(ids.ingestFn),
      Principal: 's3.amazonaws.com',
      SourceArn: getAtt(ids.bucket),
    });
  });

  it('keeps gsi1 projecting every attribute with gsi1Projection=all (a stack deployed before the slim index)', () => {
    const { stack: legacy } = buildTestApp({ gsi1Projection: 'all', 'aws:cdk:bundling-stacks': [] });
    Template.fromStack(legacy).hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [Match.objectLike({ Projection: { ProjectionType: 'ALL' } })],
    });
    expect(() => buildTestApp({ gsi1Projection: 'some', 'aws:cdk:bundling-stacks': [] })).toThrow(
      /^context gsi1Projection: expected listing or all/,
    );
  });

  it('takes the prefix from the articlesPrefix context (filter, IAM scope and env var alike)', () => {
    // Skips bundling (this only looks at wiring): `aws:cdk:bundling-stacks` lists no stack.
    const { stack: custom } = buildTestApp({ articlesPrefix: 'news/', 'aws:cdk:bundling-stacks': [] });
    const customTemplate = Template.fromStack(custom);
    customTemplate.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'news/' }] } } }),
          Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'news/' }] } } }),
        ],
      },
    });
    const read = allows(
      statementsOfRole(customTemplate, logicalId(custom.ingest.function.role!)),
      's3:GetObject',
    );
    expect(read.map((s) => s.Resource)).toEqual([objectsUnder(logicalId(custom.articles.bucket), 'news/')]);
    customTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.articlesPrefix]: 'news/' }) },
    });
  });

  it('rejects a prefix that S3 filters and IAM would misread', () => {
    for (const prefix of ['news', '/news/', 'news/*/', '']) {
      expect(() => buildTestApp({ articlesPrefix: prefix })).toThrow(
        /articlesPrefix must be .* ending in "\/"/,
      );
    }
  });
});

describe('articles table', () => {
  it('is on-demand with PITR, a NEW_AND_OLD_IMAGES stream, the shared keys and GSI, AWS-managed SSE and TTL', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        KeySchema: [
          { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: TABLE_KEY.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEY.sortKey, AttributeType: 'S' },
          { AttributeName: GSI1.partitionKey, AttributeType: 'S' },
          { AttributeName: GSI1.sortKey, AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: [
          {
            IndexName: GSI1.indexName,
            KeySchema: [
              { AttributeName: GSI1.partitionKey, KeyType: 'HASH' },
              { AttributeName: GSI1.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...GSI1_PROJECTED_ATTRIBUTES] },
          },
        ],
        // SSEEnabled without a key id = the AWS managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      },
      DeletionPolicy: 'Retain',
    });
  });
});

describe('functions', () => {
  it('run Node.js 24 on arm64 with bounded memory/timeouts, X-Ray tracing and a one-month log group each', () => {
    const expected = [
      [ids.ingestFn, 512, 30],
      [ids.alertFn, 512, 60],
      [ids.digestFn, 256, 60],
      [logicalId(stack.poller.function), 512, 240],
      [logicalId(stack.delivery.function), 256, 30],
    ] as const;
    for (const [id, memory, timeout] of expected) {
      const fn = template.findResources('AWS::Lambda::Function')[id];
      expect(fn?.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: memory,
        Timeout: timeout,
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
        TracingConfig: { Mode: 'Active' },
      });
      // Powertools owns the application level, so a sampled invocation's INFO lines get through.
      expect(fn?.Properties.LoggingConfig).not.toHaveProperty('ApplicationLogLevel');
      expect(fn?.Properties.LoggingConfig).toMatchObject({ SystemLogLevel: 'WARN' });
    }
    // One per function (the reprocess function, the poller and the delivery function too) and the
    // reprocess state machine's, plus the console's three (its API function, the API's access log,
    // the site deployment's handler).
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 7 + 3);
    // One digest at a time: overlapping runs would only race for the same day claims.
    expect(
      template.findResources('AWS::Lambda::Function')[ids.digestFn]?.Properties.ReservedConcurrentExecutions,
    ).toBe(1);
  });

  it('are traced by a sampling rule of their own: 1% of invocations, no per-second reservoir', () => {
    template.resourceCountIs('AWS::XRay::SamplingRule', 1);
    const [rule] = Object.values(template.findResources('AWS::XRay::SamplingRule'));
    expect(rule?.Properties.SamplingRule).toMatchObject({
      FixedRate: 0.01,
      ReservoirSize: 0,
      ServiceType: 'AWS::Lambda::Function',
      ServiceName: `${stack.stackName}-*`,
    });
    expect(String(rule?.Properties.SamplingRule.RuleName).length).toBeLessThanOrEqual(32);
    // CloudFormation names the functions `<stack>-<logical id>-<suffix>`: none sets a name of its own.
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.FunctionName).toBeUndefined();
    }
  });

  it('get their resource names from the constructs that grant access, plus Powertools settings', () => {
    const env = (id: string) =>
      template.findResources('AWS::Lambda::Function')[id]?.Properties.Environment.Variables as Record<
        string,
        unknown
      >;
    expect(env(ids.ingestFn)).toEqual({
      [ENV.tableName]: { Ref: ids.table },
      [ENV.articlesPrefix]: 'articles/',
      [ENV.maxArticleBytes]: String(5 * 1024 * 1024),
      POWERTOOLS_SERVICE_NAME: 'newswatch-ingest',
      POWERTOOLS_METRICS_NAMESPACE: 'Newswatch',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
      NODE_OPTIONS: '--enable-source-maps',
    });
    for (const [id, service] of [
      [ids.alertFn, 'newswatch-alert'],
      [ids.digestFn, 'newswatch-digest'],
    ] as const) {
      expect(env(id)).toEqual({
        [ENV.tableName]: { Ref: ids.table },
        [ENV.alertsTopicArn]: { Ref: ids.alertsTopic },
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: 'Newswatch',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('ingest: S3 async invocations retry twice, then go to the dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.ingestFn },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: getAtt(ids.ingestDlq) } },
    });
  });

  it('alert: reads the stream filtered to Article inserts/modifies, bisecting and reporting item failures', () => {
    // The alert function's stream mapping, and the delivery function's queue mapping.
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.alertFn },
      EventSourceArn: getAtt(ids.table, 'StreamArn'),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 10,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: getAtt(ids.alertDlq) } },
      FilterCriteria: {
        Filters: [
          {
            // The very pattern the local runner and `redrive` evaluate.
            Pattern: JSON.stringify(ALERT_STREAM_FILTER),
          },
        ],
      },
    });
  });

  it('dead-letter queues are encrypted, TLS-only and keep messages 14 days', () => {
    for (const id of [ids.ingestDlq, ids.alertDlq]) {
      expect(template.findResources('AWS::SQS::Queue')[id]?.Properties).toEqual({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        Tags: expect.any(Array),
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('least privilege', () => {
  it('ingest: reads article objects, writes and cleans up its items, writes its DLQ and logs, and nothing else', () => {
    const statements = statementsOfRole(template, ids.ingestRole);
    expect(allows(statements, 'sns:Publish')).toEqual([]);
    expect(allows(statements, 'kms:Decrypt')).toEqual([]);
    expect(
      statements.filter((s) => s.Effect === 'Allow').map((s) => [actionsOf(s).sort(), s.Resource]),
    ).toEqual(
      expect.arrayContaining([
        [['s3:GetObject', 's3:GetObjectVersion'], objectsUnder(ids.bucket, 'articles/')],
        [['s3:ListBucket'], getAtt(ids.bucket)],
        [
          [
            'dynamodb:BatchGetItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:DeleteItem',
            'dynamodb:PutItem',
            'dynamodb:Query',
            'dynamodb:UpdateItem',
          ],
          getAtt(ids.table),
        ],
      ]),
    );
    const granted = statements.flatMap(actionsOf).sort();
    expect(granted).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        // Query twice: on the table (a deleted key's items, story slots) and on gsi1 (run-time topics).
        'dynamodb:Query',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        's3:GetObject',
        's3:GetObjectVersion',
        's3:ListBucket',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
  });

  it('alert: publishes only to the alerts topic, claims items, reads the stream and nothing from S3', () => {
    const statements = statementsOfRole(template, ids.alertRole);
    expect(allows(statements, 'sns:Publish').map((s) => s.Resource)).toEqual([{ Ref: ids.alertsTopic }]);
    expect(allows(statements, 'kms:GenerateDataKey').map((s) => s.Resource)).toEqual([getAtt(ids.alertsKey)]);
    expect(allows(statements, 's3:GetObject')).toEqual([]);
    expect(allows(statements, 'dynamodb:PutItem')).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: getAtt(ids.table),
      }),
    ]);
    expect(allows(statements, 'dynamodb:GetRecords').map((s) => s.Resource)).toEqual([
      getAtt(ids.table, 'StreamArn'),
    ]);
    // Topics are matched at ingest: no Query at all.
    expect(allows(statements, 'dynamodb:Query')).toEqual([]);
    // The only "*" resources are actions without resource-level permissions.
    expect(
      statements
        .filter((s) => s.Resource === '*')
        .flatMap(actionsOf)
        .sort(),
    ).toEqual(['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    // No function role carries an AWS managed policy.
    for (const role of [ids.ingestRole, ids.alertRole, ids.digestRole]) {
      expect(template.findResources('AWS::IAM::Role')[role]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('digest', () => {
  it('runs daily from an EventBridge schedule that retries and keeps what it gives up on', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: getAtt(ids.digestFn),
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: getAtt(ids.digestDlq) },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.digestFn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getAtt(ids.digestDlq) } },
    });
  });

  it('reads and claims only table items, lists topics on gsi1 and publishes only to the alerts topic', () => {
    const statements = statementsOfRole(template, ids.digestRole);
    expect(allows(statements, 'sns:Publish').map((s) => s.Resource)).toEqual([{ Ref: ids.alertsTopic }]);
    expect(allows(statements, 'dynamodb:BatchWriteItem').map((s) => s.Resource)).toEqual([getAtt(ids.table)]);
    expect(allows(statements, 'dynamodb:Query').map((s) => s.Resource)).toEqual([
      getAtt(ids.table),
      { 'Fn::Join': ['', [getAtt(ids.table), '/index/gsi1']] },
    ]);
    expect(allows(statements, 's3:GetObject')).toEqual([]);
    expect(allows(statements, 'dynamodb:GetRecords')).toEqual([]);
    expect(
      statements
        .filter((s) => s.Resource === '*')
        .flatMap(actionsOf)
        .sort(),
    ).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});

describe('webhook delivery', () => {
  it('subscribes an encrypted queue to the alerts topic (envelopes, instant alerts only), feeding the function with partial batch failures, then a DLQ', () => {
    const queue = logicalId(stack.delivery.queue);
    const dlq = logicalId(stack.delivery.deadLetterQueue);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: logicalId(stack.alerts.topic) },
      Endpoint: getAtt(queue),
      FilterPolicy: {
        certainty: ['speculative', 'conditional', 'planned', 'confirmed', 'denied'],
        kind: [{ exists: false }],
      },
    });
    const subscription = Object.values(template.findResources('AWS::SNS::Subscription')).find(
      (s) => s.Properties.Protocol === 'sqs',
    );
    // Envelopes, not raw: the message attributes the webhooks are chosen by arrive with the alert.
    expect(subscription?.Properties.RawMessageDelivery).not.toBe(true);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: getAtt(dlq), maxReceiveCount: 6 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.delivery.function) },
      EventSourceArn: getAtt(queue),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const env = (
      template.findResources('AWS::Lambda::Function')[logicalId(stack.delivery.function)]?.Properties as {
        Environment: { Variables: Record<string, unknown> };
      }
    ).Environment.Variables;
    expect(env[ENV.tableName]).toEqual({ Ref: ids.table });
    // Loopback and secret files are the local twin's alone.
    expect(env[ENV.allowLoopback]).toBeUndefined();
    expect(env[ENV.webhookSecretsDir]).toBeUndefined();
  });

  it('reads Webhook items only, and the webhook secrets only; publishes nothing, reads no article', () => {
    const statements = statementsOfRole(template, logicalId(stack.delivery.function.role!));
    const items = statements.find((s) => s.Sid === 'ArticlesTableWebhookItems');
    expect(items && actionsOf(items)).toEqual(['dynamodb:Query']);
    expect(items?.Resource).toEqual(getAtt(ids.table));
    expect(items?.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['WEBHOOKS'] },
    });
    expect(allows(statements, 'secretsmanager:GetSecretValue').map((s) => s.Resource)).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':secretsmanager:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':secret:newswatch/webhooks/*',
          ],
        ],
      },
    ]);
    for (const action of [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      's3:GetObject',
      'sns:Publish',
      'secretsmanager:CreateSecret',
    ]) {
      expect(allows(statements, action), action).toEqual([]);
    }
  });
});

describe('poller', () => {
  it('runs every five minutes, one run at a time within the period, and keeps a run that failed as a whole', () => {
    const poller = logicalId(stack.poller.function);
    const dlq = logicalId(stack.poller.deadLetterQueue);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: getAtt(poller), DeadLetterConfig: { Arn: getAtt(dlq) } })],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('polls the followed feeds'),
      ReservedConcurrentExecutions: 1,
      Timeout: 240,
      Environment: {
        Variables: Match.objectLike({
          [ENV.tableName]: { Ref: ids.table },
          [ENV.articlesBucket]: { Ref: ids.bucket },
          [ENV.articlesPrefix]: 'articles/',
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: poller },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: getAtt(dlq) } },
    });
    const env = (
      template.findResources('AWS::Lambda::Function')[poller]?.Properties as {
        Environment: { Variables: Record<string, unknown> };
      }
    ).Environment.Variables;
    // Loopback is the local twin's alone: the deployed guard allows public unicast only.
    expect(env[ENV.allowLoopback]).toBeUndefined();
  });

  it('writes Source items only, and objects under articles/feeds/ only', () => {
    const statements = statementsOfRole(template, logicalId(stack.poller.function.role!));
    const items = statements.find((s) => s.Sid === 'ArticlesTableSourceItems') as Statement & {
      Condition?: unknown;
    };
    expect(actionsOf(items).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );
    expect(items.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SOURCE#*'] },
    });
    expect(allows(statements, 'dynamodb:Query').map((s) => s.Resource)).toEqual([
      { 'Fn::Join': ['', [getAtt(ids.table), '/index/gsi1']] },
    ]);
    expect(allows(statements, 's3:PutObject').map((s) => s.Resource)).toEqual([
      { 'Fn::Join': ['', [getAtt(ids.bucket), '/articles/feeds/*']] },
    ]);
    expect(allows(statements, 's3:GetObject')).toEqual([]);
    expect(allows(statements, 'sns:Publish')).toEqual([]);
  });

  it('alarms once a followed feed has been failing for a day', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Newswatch',
      MetricName: 'SourcesFailingForADay',
      Dimensions: [{ Name: 'service', Value: 'newswatch-poller' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: ids.opsTopic }],
    });
  });
});

describe('dashboard', () => {
  it('has one dashboard, unnamed, graphing the pipeline’s own metrics beside the functions’ and queues’', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.Properties.DashboardName).toBeUndefined();
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
    for (const metric of [
      'ArticlesIngested',
      'ArticlesRejected',
      'TopicMatches',
      'AlertsSent',
      'AlertsSuppressed',
      'DigestsSent',
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'SourcesPolled',
      'FeedEntriesWritten',
      'WebhookPosts',
    ]) {
      expect(body, metric).toContain(metric);
    }
    // Every function and every dead-letter queue of the stack is on it, not only the first three.
    const functions = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) =>
      /^(Ingest|Alert|Digest|Poller|Delivery|Reprocess|ConsoleApi)Function/.test(id),
    );
    expect(functions).toHaveLength(7);
    for (const id of functions) expect(body, id).toContain(id);
    for (const id of Object.keys(template.findResources('AWS::SQS::Queue')).filter((q) =>
      /DeadLetter|Dlq/i.test(q),
    ))
      expect(body, id).toContain(id);
    expect(body).toContain('Newswatch');
  });
});

describe('alerts topic', () => {
  it('is encrypted with a rotating customer-managed key whose policy lets the alert function publish via SNS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: getAtt(ids.alertsKey),
      DisplayName: 'Newswatch alerts',
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ids.alertsTopic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const key = template.findResources('AWS::KMS::Key')[ids.alertsKey];
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    expect(key?.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { AWS: getAtt(ids.alertRole) },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    );
  });

  it('subscribes the emails and phones given in context', () => {
    // Besides the webhook delivery queue's (see 'webhook delivery').
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription'))
      .filter((s) => s.Properties.Protocol !== 'sqs')
      .map((s) => [s.Properties.TopicArn.Ref, s.Properties.Protocol, s.Properties.Endpoint]);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        [ids.alertsTopic, 'email', 'news-desk@example.com'],
        [ids.alertsTopic, 'email', 'editor@example.org'],
        [ids.alertsTopic, 'sms', '+14155550123'],
        [ids.alertsTopic, 'email', 'summit-watch@example.com'],
        [ids.alertsTopic, 'sms', '+14155550199'],
        [ids.opsTopic, 'email', 'oncall@example.com'],
      ]),
    );
    expect(subscriptions).toHaveLength(6);
  });

  it('gives each `subscriptions` entry a filter policy on topic and certainty, and alertEmails/alertPhones none', () => {
    const policies = Object.fromEntries(
      Object.values(template.findResources('AWS::SNS::Subscription'))
        .filter((s) => s.Properties.Protocol !== 'sqs')
        .map((s) => [s.Properties.Endpoint, [s.Properties.FilterPolicy, s.Properties.FilterPolicyScope]]),
    );
    expect(policies).toEqual({
      'summit-watch@example.com': [
        { topic: ['trump-kim-summit'], certainty: ['planned', 'confirmed', 'denied'] },
        undefined,
      ],
      '+14155550199': [{ certainty: ['confirmed', 'denied'] }, undefined],
      'news-desk@example.com': [undefined, undefined],
      'editor@example.org': [undefined, undefined],
      '+14155550123': [undefined, undefined],
      'oncall@example.com': [undefined, undefined],
    });
  });

  it('fails synthesis with a clear message for a phone number that is not E.164, or a bad email', () => {
    expect(() => buildTestApp({ alertPhones: '+14155550123,555-0123' })).toThrow(
      /alertPhones: invalid phone number\(s\) "555-0123" \(expected E\.164/,
    );
    expect(() => buildTestApp({ alertEmails: '["not-an-email"]' })).toThrow(
      /alertEmails: invalid email address\(es\) "not-an-email"/,
    );
    expect(() => buildTestApp({ opsEmails: '[oops' })).toThrow(/context opsEmails: not valid JSON/);
  });

  it('reads lists as comma-separated strings or JSON arrays', () => {
    expect(parseListContext(' a@example.com , b@example.com ,', 'k')).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect(parseListContext('["+14155550123"]', 'k')).toEqual(['+14155550123']);
    expect(parseListContext(['x@example.com'], 'k')).toEqual(['x@example.com']);
    expect(parseListContext(undefined, 'k')).toEqual([]);
    expect(() => parseListContext(42, 'k')).toThrow(/context k: expected/);
  });
});

describe('operations', () => {
  it('alarms on function errors, dead-letter messages and stream iterator age, notifying the encrypted ops topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: getAtt(ids.opsKey) });
    expect(
      template.findResources('AWS::KMS::Key')[ids.opsKey]?.Properties.KeyPolicy.Statement,
    ).toContainEqual(expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' } }));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const alarm = (metric: string, dimension: Record<string, unknown>) =>
      alarms.filter(
        (a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
      );
    const expectations = [
      ['Errors', { Ref: ids.ingestFn }, 'GreaterThanOrEqualToThreshold', 1],
      ['Errors', { Ref: ids.alertFn }, 'GreaterThanOrEqualToThreshold', 1],
      ['Errors', { Ref: ids.digestFn }, 'GreaterThanOrEqualToThreshold', 1],
      ['ApproximateNumberOfMessagesVisible', getAtt(ids.ingestDlq, 'QueueName'), 'GreaterThanThreshold', 0],
      ['ApproximateNumberOfMessagesVisible', getAtt(ids.alertDlq, 'QueueName'), 'GreaterThanThreshold', 0],
      ['ApproximateNumberOfMessagesVisible', getAtt(ids.digestDlq, 'QueueName'), 'GreaterThanThreshold', 0],
      ['IteratorAge', { Ref: ids.alertFn }, 'GreaterThanThreshold', 10 * 60 * 1000],
      ['Errors', { Ref: logicalId(stack.reprocess.function) }, 'GreaterThanOrEqualToThreshold', 1],
      ['Errors', { Ref: logicalId(stack.console!.api.function) }, 'GreaterThanOrEqualToThreshold', 1],
      ['Errors', { Ref: logicalId(stack.poller.function) }, 'GreaterThanOrEqualToThreshold', 1],
      [
        'ApproximateNumberOfMessagesVisible',
        getAtt(logicalId(stack.poller.deadLetterQueue), 'QueueName'),
        'GreaterThanThreshold',
        0,
      ],
      ['Errors', { Ref: logicalId(stack.delivery.function) }, 'GreaterThanOrEqualToThreshold', 1],
      [
        'ApproximateNumberOfMessagesVisible',
        getAtt(logicalId(stack.delivery.deadLetterQueue), 'QueueName'),
        'GreaterThanThreshold',
        0,
      ],
    ] as const;
    for (const [metric, dimension, comparison, threshold] of expectations) {
      const found = alarm(metric, dimension);
      expect(found, `${metric} alarm on ${JSON.stringify(dimension)}`).toHaveLength(1);
      expect(found[0]).toMatchObject({
        ComparisonOperator: comparison,
        Threshold: threshold,
        AlarmActions: [{ Ref: ids.opsTopic }],
        OKActions: [{ Ref: ids.opsTopic }],
        TreatMissingData: 'notBreaching',
      });
    }
    // Plus the reprocess state machine's failed executions (test/infra/reprocess-machine.test.ts)
    // and the failing-sources alarm (above).
    expect(alarms).toHaveLength(expectations.length + 2);
  });
});

it('outputs what the CLI finds the stack by: bucket, table, topics, functions, queues, dashboard, console', () => {
  expect(Object.keys(template.findOutputs('*')).sort()).toEqual(
    [
      'AlertDeadLetterQueueUrl',
      'AlertFunctionName',
      'AlertsTopicArn',
      'ArticlesBucketName',
      'ConsoleUrl',
      'ConsoleUserPoolId',
      'DashboardName',
      'DeliveryDeadLetterQueueUrl',
      'DeliveryQueueUrl',
      'DigestDeadLetterQueueUrl',
      'DigestFunctionName',
      'IngestDeadLetterQueueUrl',
      'IngestFunctionName',
      'OpsTopicArn',
      'PollerDeadLetterQueueUrl',
      'PollerFunctionName',
      'ReprocessStateMachineArn',
      'TableName',
    ].sort(),
  );
});

it('hard-codes no physical names', () => {
  const named = Object.entries(
    template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>,
  )
    .filter(([, r]) =>
      [
        'BucketName',
        'TableName',
        'FunctionName',
        'TopicName',
        'QueueName',
        'RoleName',
        'LogGroupName',
        'AlarmName',
      ].some((p) => typeof r.Properties?.[p] === 'string'),
    )
    .map(([id]) => id);
  expect(named).toEqual([]);
});
