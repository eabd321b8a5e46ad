import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ENV } from '../../../../functions/contracts/env-names';
import {
  GSI1,
  GSI1_PROJECTED_ATTRIBUTES,
  TABLE_KEY,
  TTL_ATTRIBUTE,
  sourceKey,
  topicKey,
  webhookKey,
} from '../../../../functions/contracts/table-schema';
import { TABLE_ACCESS } from '../../../../functions/contracts/table-access';

export interface ArticlesTableProps {
  /**
   * What gsi1 copies: the listing attributes only, or every attribute as stacks deployed before
   * the slim index did. CloudFormation cannot change an index's projection in place, so such a
   * stack keeps `all` (context `gsi1Projection=all`) until the index is rebuilt.
   * @default 'listing'
   */
  readonly indexProjection?: 'listing' | 'all';
  /** @default RemovalPolicy.RETAIN, which also turns deletion protection on */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single table (keys and GSI from functions/contracts/table-schema.ts). On-demand capacity,
 * point-in-time recovery, a NEW_AND_OLD_IMAGES stream for the alert function, and encryption with
 * the AWS managed key (aws/dynamodb: auditable in CloudTrail, no key to administer, and stream
 * consumers need no kms:* grants).
 *
 * `Table` rather than `TableV2`: the table is single-region, `Table` synthesises a plain
 * AWS::DynamoDB::Table that the local runner mirrors with CreateTable, and cdk-nag's PITR rule
 * (AwsSolutions-DDB3) only inspects AWS::DynamoDB::Table.
 */
export class ArticlesTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: ArticlesTableProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1.indexName,
      partitionKey: { name: GSI1.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: GSI1.sortKey, type: dynamodb.AttributeType.STRING },
      ...(props.indexProjection === 'all'
        ? { projectionType: dynamodb.ProjectionType.ALL }
        : {
            projectionType: dynamodb.ProjectionType.INCLUDE,
            nonKeyAttributes: [...GSI1_PROJECTED_ATTRIBUTES],
          }),
    });
  }

  /**
   * Grants exactly the given item actions on the base table (no index, no stream, no wildcard) and
   * sets TABLE_NAME on the function.
   */
  grantItemActions(fn: lambda.Function, actions: readonly string[]): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableItems',
        actions: [...actions],
        resources: [this.table.tableArn],
      }),
    );
    fn.addEnvironment(ENV.tableName, this.table.tableName);
  }

  /**
   * Grants dynamodb:Query on gsi1 only (the topic store lists topics there), and sets TABLE_NAME.
   */
  grantIndexQuery(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableIndexQuery',
        actions: ['dynamodb:Query'],
        resources: [`${this.table.tableArn}/index/${GSI1.indexName}`],
      }),
    );
    fn.addEnvironment(ENV.tableName, this.table.tableName);
  }

  /**
   * Grants reads of any item (GetItem, BatchGetItem, Query on the table; Query on gsi1) and writes
   * (PutItem, UpdateItem, DeleteItem) of Topic items only: a `dynamodb:LeadingKeys` condition
   * confines them to partition keys `TOPIC#…`. Sets TABLE_NAME. For the console API, which lists
   * everything and edits topics.
   */
  grantReadAndTopicWrites(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableReads',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [this.table.tableArn],
      }),
    );
    this.grantIndexQuery(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableTopicWrites',
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${TOPIC_PARTITION_PREFIX}*`] },
        },
      }),
    );
    fn.addEnvironment(ENV.tableName, this.table.tableName);
  }

  /**
   * Grants the poller's item actions (TABLE_ACCESS.poller) on Source and SourceEntry items only (a
   * `dynamodb:LeadingKeys` condition confines them to partition keys `SOURCE#…`), Query on gsi1
   * (where sources are listed), and sets TABLE_NAME. A feed's content can never reach an Article.
   */
  /**
   * Grants the delivery function's reads (TABLE_ACCESS.delivery: one Query) of Webhook items only:
   * a `dynamodb:LeadingKeys` condition confines it to the `WEBHOOKS` partition, so the function
   * that talks to the internet can read no article, topic or source. Sets TABLE_NAME.
   */
  grantWebhookReads(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableWebhookItems',
        actions: [...TABLE_ACCESS.delivery],
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [WEBHOOK_PARTITION] },
        },
      }),
    );
    fn.addEnvironment(ENV.tableName, this.table.tableName);
  }

  grantSourceItems(fn: lambda.Function): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ArticlesTableSourceItems',
        actions: [...TABLE_ACCESS.poller],
        resources: [this.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${SOURCE_PARTITION_PREFIX}*`] },
        },
      }),
    );
    this.grantIndexQuery(fn);
  }
}

/** The partition key of every Webhook item (`WEBHOOKS`, sk `WEBHOOK#<id>`). */
export const WEBHOOK_PARTITION = webhookKey('').pk;

/** The partition-key prefix of Source and SourceEntry items (`SOURCE#<source id>`). */
export const SOURCE_PARTITION_PREFIX = sourceKey('').pk;

/** The partition-key prefix of Topic items (`TOPIC#<topic id>`). */
export const TOPIC_PARTITION_PREFIX = topicKey('').pk;
