import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { API_PREFIX, SUBSCRIPTION_PROTOCOLS } from '../../../../functions/contracts/console-api';
import { ENV } from '../../../../functions/contracts/env-names';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../../functions/contracts/limits';
import { NewswatchFunction, type FunctionLogLevel } from '../compute/newswatch-function';
import type { AlertsTopic } from '../messaging/alerts-topic';
import { iam5ResourceFinding } from '../nag';
import type { ConsoleUsers } from './console-users';

/** Steady requests per second and burst across the whole API: a console for a few people. */
export const CONSOLE_API_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

export interface ConsoleApiProps {
  /** Absolute path of the API function's entry (FUNCTION_ENTRIES.api). */
  readonly entry: string;
  readonly users: ConsoleUsers;
  readonly logLevel?: FunctionLogLevel;
  readonly logSampleRate?: number;
  /** The size limit "try an article" applies, as ingest does. @default DEFAULT_MAX_ARTICLE_BYTES */
  readonly maxArticleBytes?: number;
}

/**
 * The console's JSON API: an HTTP API whose one route, `ANY /api/{proxy+}`, needs a JWT from the
 * console's user pool (HttpUserPoolAuthorizer: issuer and audience checked by API Gateway, the
 * function is never invoked without one), throttled, with a JSON access log. The function starts
 * with no access; the grant methods below add each permission with the env var naming its resource.
 */
export class ConsoleApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly function: NodejsFunction;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ConsoleApiProps) {
    super(scope, id);

    this.function = new NewswatchFunction(this, 'Api', {
      entry: props.entry,
      description: 'Newswatch: the console API (stories, articles, topics, subscriptions, health)',
      serviceName: 'newswatch-api',
      memorySize: 512,
      // API Gateway gives up on an integration after 30 s; "try an article" analyses one article.
      timeout: Duration.seconds(29),
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      otherWildcardActions:
        'cloudwatch:DescribeAlarms (for /api/health: the action has no resource-level permissions, and the function filters by the stack alarm-name prefix it is given)',
    }).function;
    this.function.addEnvironment(
      ENV.maxArticleBytes,
      String(props.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES),
    );

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Newswatch console API (behind the console distribution at /api/*)',
      createDefaultStage: false,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: CONSOLE_API_THROTTLE,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            user: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer('ConsoleUsers', props.users.userPool, {
      userPoolClients: [props.users.client],
    });
    this.httpApi.addRoutes({
      path: `${API_PREFIX}/{proxy+}`,
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('ApiFunction', this.function, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      }),
      authorizer,
    });
  }

  /** The API's host name (`<id>.execute-api.<region>.amazonaws.com`), for a CloudFront origin. */
  get domainName(): string {
    return Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }

  /**
   * /api/subscriptions: Subscribe (email and SMS only, by the sns:Protocol condition),
   * Unsubscribe, ListSubscriptionsByTopic and GetSubscriptionAttributes, on the alerts topic and
   * its subscriptions only.
   * No KMS grant: none of these reads or writes a message. Sets ALERTS_TOPIC_ARN.
   */
  grantManageSubscriptions(alerts: AlertsTopic): void {
    const topicArn = alerts.topic.topicArn;
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SubscribeToAlerts',
        actions: ['sns:Subscribe'],
        resources: [topicArn],
        conditions: { StringEquals: { 'sns:Protocol': [...SUBSCRIPTION_PROTOCOLS] } },
      }),
    );
    // Unsubscribe and GetSubscriptionAttributes name a subscription, whose ARN is the topic's
    // plus `:<id>`: granted on both forms, so either way SNS authorises them it stays this topic.
    const subscriptionArns = `${topicArn}:*`;
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ManageAlertSubscriptions',
        actions: ['sns:Unsubscribe', 'sns:ListSubscriptionsByTopic', 'sns:GetSubscriptionAttributes'],
        resources: [topicArn, subscriptionArns],
      }),
    );
    Validations.of(this.function.role ?? this.function).acknowledge({
      id: iam5ResourceFinding(this, subscriptionArns),
      reason:
        'Subscription ARNs are the topic ARN plus ":<subscription id>": the wildcard covers the subscriptions of the alerts topic only, for Unsubscribe and GetSubscriptionAttributes (the console lists and removes them).',
    });
    this.function.addEnvironment(ENV.alertsTopicArn, topicArn);
  }

  /** /api/health: sqs:GetQueueAttributes (the depth) on these queues only. Sets DEAD_LETTER_QUEUE_URLS. */
  grantReadQueueDepths(queues: readonly sqs.IQueue[]): void {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadDeadLetterQueueDepths',
        actions: ['sqs:GetQueueAttributes'],
        resources: queues.map((q) => q.queueArn),
      }),
    );
    this.function.addEnvironment(ENV.deadLetterQueueUrls, queues.map((q) => q.queueUrl).join(','));
  }

  /**
   * /api/health: cloudwatch:DescribeAlarms, which has no resource-level permissions (so "*",
   * acknowledged on the role by NewswatchFunction). Sets ALARM_NAME_PREFIX: the function lists only
   * the alarms whose names start with it.
   */
  grantDescribeAlarms(alarmNamePrefix: string): void {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DescribeStackAlarms',
        actions: ['cloudwatch:DescribeAlarms'],
        resources: ['*'],
      }),
    );
    this.function.addEnvironment(ENV.alarmNamePrefix, alarmNamePrefix);
  }
}
