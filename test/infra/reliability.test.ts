import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACCESS } from '../../functions/contracts/table-access';
import { ArticlesBucket } from '../../infra/cdk/constructs/storage/articles-bucket';
import type { NewswatchStack } from '../../infra/cdk/newswatch-stack';
import {
  CDK_JSON_CONTEXT,
  TEST_CONTEXT,
  actionsOf,
  buildTestApp,
  logicalId,
  statementsOfRole,
  type Statement,
} from './synth-newswatch';

/**
 * The reliability properties of the synthesised stack, checked for every function, queue and
 * topic it has (so a function added later is held to the same rules): alarms, dead-letter queues,
 * retries, the stream mapping, least-privilege grants, encryption, TLS-only policies, log
 * retention, concurrency, memory and timeouts. Wiring only: bundling is skipped.
 */
let stack: NewswatchStack;
let template: Template;
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
let resources: Resources;

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });

/**
 * Our functions: every Lambda function except CDK's own custom-resource handlers (bucket
 * notifications, and the console site's BucketDeployment), which run only during deployments.
 */
const newswatchFunctions = () =>
  ofType('AWS::Lambda::Function').filter(
    ([id]) => !id.startsWith('BucketNotificationsHandler') && !id.startsWith('CustomCDKBucketDeployment'),
  );

beforeAll(() => {
  ({ stack } = buildTestApp({ ...TEST_CONTEXT, 'aws:cdk:bundling-stacks': [] }));
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
});

describe('alarms', () => {
  it('has an Errors alarm on every function, notifying the operations topic', () => {
    const opsTopic = { Ref: logicalId(stack.operations.topic) };
    expect(newswatchFunctions().length).toBeGreaterThanOrEqual(2);
    for (const [id] of newswatchFunctions()) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [opsTopic],
      });
    }
  });

  it('has a depth alarm on every dead-letter queue, firing on the first message', () => {
    // The webhook delivery queue is a work queue (it has a RedrivePolicy): its failures show in its DLQ.
    const queues = ofType('AWS::SQS::Queue').filter(([, q]) => q.Properties.RedrivePolicy === undefined);
    expect(queues.length).toBeGreaterThanOrEqual(2);
    for (const [id] of queues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: getAtt(id, 'QueueName') }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('has an iterator-age alarm on every stream-fed function', () => {
    // Stream mappings have a starting position; the delivery queue's SQS mapping has none.
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => m.Properties.StartingPosition !== undefined,
    );
    expect(mappings.length).toBeGreaterThanOrEqual(1);
    for (const [, mapping] of mappings) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Dimensions: [{ Name: 'FunctionName', Value: mapping.Properties.FunctionName }],
        Statistic: 'Maximum',
      });
    }
  });
});

describe('dead-letter queues', () => {
  it('are encrypted (SSE-SQS), keep messages 14 days and deny requests without TLS (the delivery work queue too, 4 days)', () => {
    for (const [id, queue] of ofType('AWS::SQS::Queue')) {
      const workQueue = queue.Properties.RedrivePolicy !== undefined;
      expect(queue.Properties, id).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: workQueue ? 4 * 86400 : 1209600,
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

  it('receive the ingest function’s failed async events after two retries within six hours', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(stack.ingest.function) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: getAtt(logicalId(stack.ingest.deadLetterQueue)) } },
    });
  });

  it('receive the alert stream’s failed records after bisecting and three retries, with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.alert.function) },
      EventSourceArn: getAtt(logicalId(stack.table.table), 'StreamArn'),
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRecordAgeInSeconds: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: getAtt(logicalId(stack.alert.deadLetterQueue)) } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('"type":\\{"S":\\["Article"\\]\\}') }] },
    });
  });
});

describe('grants', () => {
  const roleStatements = (fn: lambda.IFunction) => statementsOfRole(template, logicalId(fn.role!));
  const bucketId = () => logicalId(stack.articles.bucket);
  const tableId = () => logicalId(stack.table.table);

  it('ingest: reads only article objects, writes only its table actions, and nothing else', () => {
    const statements = roleStatements(stack.ingest.function);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => [actionsOf(s).sort(), s.Resource])).toEqual([
      [['s3:GetObject', 's3:GetObjectVersion'], { 'Fn::Join': ['', [getAtt(bucketId()), '/articles/*']] }],
      [['s3:ListBucket'], getAtt(bucketId())],
    ]);
    const dynamodb = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamodb.map((s) => [actionsOf(s).sort(), s.Resource])).toEqual([
      [[...TABLE_ACCESS.ingest].sort(), getAtt(tableId())],
      // The topics added at run time, listed on gsi1.
      [['dynamodb:Query'], { 'Fn::Join': ['', [getAtt(tableId()), '/index/gsi1']] }],
    ]);
    const allowed =
      /^(s3:(GetObject|GetObjectVersion|ListBucket)|dynamodb:\w+|logs:(CreateLogStream|PutLogEvents)|sqs:(SendMessage|GetQueueAttributes|GetQueueUrl)|xray:Put\w+)$/;
    const unexpected = statements.flatMap(actionsOf).filter((action) => !allowed.test(action));
    expect(unexpected).toEqual([]);
    // Never a write to S3, never a wildcard action.
    expect(
      statements.flatMap(actionsOf).filter((a) => a.includes('*') || /^s3:(Put|Delete)/.test(a)),
    ).toEqual([]);
  });

  it('alert: reads its stream (never the articles), writes its table actions and publishes to the alerts topic only', () => {
    const statements = roleStatements(stack.alert.function);
    const has = (action: string, resource: unknown) =>
      statements.some(
        (s: Statement) =>
          actionsOf(s).includes(action) && JSON.stringify(s.Resource) === JSON.stringify(resource),
      );
    expect(has('sns:Publish', { Ref: logicalId(stack.alerts.topic) })).toBe(true);
    expect(has('dynamodb:GetRecords', getAtt(tableId(), 'StreamArn'))).toBe(true);
    for (const action of TABLE_ACCESS.alert) expect(has(action, getAtt(tableId())), action).toBe(true);
    // The stream record carries the matches: no S3 access at all.
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(
      statements.flatMap(actionsOf).filter((a) => a.includes('*') || /^s3:(Put|Delete)/.test(a)),
    ).toEqual([]);
    // Only dynamodb:ListStreams and X-Ray have no resource-level permissions.
    const onStar = statements.filter((s) => s.Resource === '*').flatMap(actionsOf);
    expect(onStar.filter((a) => a !== 'dynamodb:ListStreams' && !a.startsWith('xray:'))).toEqual([]);
  });
});

describe('encryption and TLS', () => {
  it('encrypts both buckets, the table, every topic and every queue', () => {
    for (const [id, bucket] of ofType('AWS::S3::Bucket')) {
      expect(JSON.stringify(bucket.Properties.BucketEncryption), id).toMatch(/SSEAlgorithm/);
    }
    template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: true } });
    const topics = ofType('AWS::SNS::Topic');
    expect(topics.length).toBeGreaterThanOrEqual(2);
    for (const [id, topic] of topics) expect(topic.Properties.KmsMasterKeyId, id).toBeDefined();
    for (const [id, queue] of ofType('AWS::SQS::Queue'))
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
  });

  it('denies requests without TLS on every bucket and topic', () => {
    const denyInsecure = Match.arrayWith([
      Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    for (const [id] of ofType('AWS::S3::Bucket')) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: denyInsecure },
      });
    }
    for (const [id] of ofType('AWS::SNS::Topic')) {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: id }],
        PolicyDocument: { Statement: denyInsecure },
      });
    }
  });
});

describe('functions', () => {
  it('log to their own group with a retention period', () => {
    for (const [id, fn] of newswatchFunctions()) {
      const group = (fn.Properties.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)?.LogGroup
        ?.Ref;
      expect(group, id).toBeDefined();
      expect(resources[group as string]?.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('have the memory and timeouts their work needs, within the alert claim lease', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Description: Match.stringLikeRegexp('uploaded article'),
      MemorySize: 512,
      Timeout: 30,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('alerts'),
      MemorySize: 512,
      Timeout: 60,
    });
    for (const [id, fn] of newswatchFunctions()) {
      // Each that can claim a story must finish well inside the 300 s lease of a claim. The
      // reprocess function claims none: what it stores reaches the alert function through the stream;
      // nor does the feed poller, which only writes objects for ingest.
      if (/reprocess|polls the followed feeds/.test(String(fn.Properties.Description ?? ''))) continue;
      expect(fn.Properties.Timeout as number, id).toBeLessThanOrEqual(120);
    }
  });

  it('bound concurrency: the stream mapping processes one batch per shard, ingest is reservable by context', () => {
    for (const [, mapping] of ofType('AWS::Lambda::EventSourceMapping')) {
      expect(mapping.Properties.ParallelizationFactor ?? 1).toBe(1);
    }
    const { stack: reserved } = buildTestApp({ ingestReservedConcurrency: 5, 'aws:cdk:bundling-stacks': [] });
    Template.fromStack(reserved).hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('uploaded article'),
      ReservedConcurrentExecutions: 5,
    });
  });
});

describe('articles bucket notifications', () => {
  it('notifyOnArticleChanges sends created and removed objects under the prefix to one function', () => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const small = new Stack(app, 'Small');
    const bucket = new ArticlesBucket(small, 'Articles');
    const fn = new lambda.Function(small, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    bucket.notifyOnArticleChanges(fn);
    const filter = { Key: { FilterRules: [{ Name: 'prefix', Value: 'articles/' }] } };
    const fnArn = getAtt(logicalId(fn));
    Template.fromStack(small).hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: filter, LambdaFunctionArn: fnArn },
          { Events: ['s3:ObjectRemoved:*'], Filter: filter, LambdaFunctionArn: fnArn },
        ],
      },
    });
  });
});
