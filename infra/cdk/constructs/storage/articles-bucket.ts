import { Duration, FeatureFlags, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { ENV } from '../../../../functions/contracts/env-names';
import { iam5ResourceFinding } from '../nag';

export const DEFAULT_ARTICLES_PREFIX = 'articles/';

export interface ArticlesBucketProps {
  /** Key prefix under which uploads are articles. Must end with `/`. @default 'articles/' */
  readonly articlesPrefix?: string;
  /** Applies to both buckets. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** How long overwritten or deleted article versions are kept. @default 30 days */
  readonly noncurrentVersionExpiration?: Duration;
  /** How long server access logs are kept. @default 365 days */
  readonly accessLogsExpiration?: Duration;
}

/** Throws a synth-time error for a prefix S3 filters and IAM ARNs would silently misread. */
export const validateArticlesPrefix = (prefix: string): string => {
  if (!/^[A-Za-z0-9!_.'()\-/]+\/$/.test(prefix) || prefix.startsWith('/') || prefix.includes('//')) {
    throw new Error(
      `articlesPrefix must be a non-empty S3 key prefix ending in "/" without wildcards, e.g. "articles/" (got ${JSON.stringify(prefix)})`,
    );
  }
  return prefix;
};

/**
 * Where articles are uploaded. Private, TLS-only, versioned (an overwrite keeps the version an
 * article item was made from), with server access logs in a separate bucket.
 *
 * SSE-S3 rather than SSE-KMS: articles are published news text, not secrets, and SSE-S3 needs no
 * kms:Decrypt grant for each reader and no per-request KMS cost. The access-log bucket must use
 * SSE-S3 anyway: S3 server access logging cannot deliver to an SSE-KMS bucket.
 */
export class ArticlesBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  readonly articlesPrefix: string;

  constructor(scope: Construct, id: string, props: ArticlesBucketProps = {}) {
    super(scope, id);
    this.articlesPrefix = validateArticlesPrefix(props.articlesPrefix ?? DEFAULT_ARTICLES_PREFIX);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    // Without this flag CDK grants log delivery through the legacy LogDeliveryWrite ACL, which a
    // bucket with ACLs disabled (BUCKET_OWNER_ENFORCED) cannot have.
    if (!FeatureFlags.of(this).isEnabled(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY)) {
      throw new Error(
        `ArticlesBucket needs the feature flag ${S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY}=true (set in cdk.json; run through \`cdk synth\` or pass cdk.json's context to new App()).`,
      );
    }

    const secureDefaults = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
    } as const;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      ...secureDefaults,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: props.accessLogsExpiration ?? Duration.days(365) },
      ],
    });
    // No AwsSolutions-S1 finding here: cdk-nag recognises a bucket that receives access logs.

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureDefaults,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'articles-bucket/',
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }

  /** ARN pattern of the article objects: `<bucket arn>/articles/*`. */
  get articleObjectsArn(): string {
    return this.bucket.arnForObjects(`${this.articlesPrefix}*`);
  }

  /**
   * Lets `fn` read article objects (any version) under the prefix, and nothing else in the bucket.
   * s3:ListBucket on the bucket itself is granted so that a missing object answers 404 NoSuchKey
   * (which the ingest function turns into a `not-found` outcome) instead of 403 AccessDenied.
   */
  grantReadArticles(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadArticleObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.articleObjectsArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DistinguishMissingArticles',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    Validations.of(fn.role ?? fn).acknowledge({
      id: iam5ResourceFinding(this, this.articleObjectsArn),
      reason: `Object-level S3 permissions need an object ARN pattern; the wildcard is confined to the "${this.articlesPrefix}" prefix of this one bucket.`,
    });
  }

  /**
   * Lets the feed poller write new entries under `<prefix>feeds/` (and nowhere else: it cannot
   * read or overwrite an uploaded article), and tells it the bucket and the prefix
   * (ARTICLES_BUCKET, ARTICLES_PREFIX). The bucket's notification then hands them to ingest.
   */
  grantWriteFeedEntries(fn: lambda.Function): void {
    const entries = this.bucket.arnForObjects(`${this.articlesPrefix}feeds/*`);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'WriteFeedEntries', actions: ['s3:PutObject'], resources: [entries] }),
    );
    fn.addEnvironment(ENV.articlesBucket, this.bucket.bucketName);
    fn.addEnvironment(ENV.articlesPrefix, this.articlesPrefix);
    Validations.of(fn.role ?? fn).acknowledge({
      id: iam5ResourceFinding(this, entries),
      reason: `Object-level S3 permissions need an object ARN pattern; the wildcard is confined to "${this.articlesPrefix}feeds/" of this one bucket.`,
    });
  }

  /**
   * Invokes `fn` for every object created under the prefix, and tells it which prefix that is
   * (ARTICLES_PREFIX) so that the function can reject anything else defensively.
   */
  notifyOnArticleCreated(fn: lambda.Function): void {
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(fn), {
      prefix: this.articlesPrefix,
    });
    fn.addEnvironment(ENV.articlesPrefix, this.articlesPrefix);
    this.acknowledgeNotificationsHandler();
  }

  /**
   * Invokes `fn` for every object created **or removed** under the prefix: a removal leaves a
   * tombstone in place of the article (functions/ingest/delete-article.ts). Both event types go
   * to the one function so that the per-key sequencer orders a create against a delete.
   * Use this instead of {@link notifyOnArticleCreated}, not beside it.
   */
  notifyOnArticleChanges(fn: lambda.Function): void {
    this.notifyOnArticleCreated(fn);
    this.bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new LambdaDestination(fn), {
      prefix: this.articlesPrefix,
    });
  }

  /**
   * `addEventNotification` creates a stack-wide singleton custom resource (BucketNotificationsHandler)
   * whose Lambda role CDK always builds with the AWS managed basic-execution policy; CDK exposes
   * no way to give it another role. (Its s3:PutBucketNotification grant is scoped to this bucket.)
   */
  private acknowledgeNotificationsHandler(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    const role = handler?.node.tryFindChild('Role');
    if (!role) return;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK-owned BucketNotificationsHandler custom resource: its role always gets AWSLambdaBasicExecutionRole and CDK exposes no way to replace it. It only runs during deployments.',
    });
  }
}
