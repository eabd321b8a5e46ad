import { Stack, type RemovalPolicy } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ConsoleConfig } from '../../../../functions/contracts/console-api';
import type { FunctionLogLevel } from '../compute/newswatch-function';
import type { AlertsTopic } from '../messaging/alerts-topic';
import type { ArticlesTable } from '../storage/articles-table';
import { ConsoleApi } from './console-api';
import { ConsoleSite, type ConsoleAppBuild } from './console-site';
import { ConsoleUsers, cognitoDomainUrl, consoleDomainPrefix } from './console-users';

export interface ConsoleProps {
  /** FUNCTION_ENTRIES.api */
  readonly apiEntry: string;
  readonly build: ConsoleAppBuild;
  readonly table: ArticlesTable;
  readonly alerts: AlertsTopic;
  /** The dead-letter queues /api/health reports. */
  readonly deadLetterQueues: readonly sqs.IQueue[];
  /** The first user, invited by email. */
  readonly adminEmail?: string;
  readonly removalPolicy?: RemovalPolicy;
  readonly logLevel?: FunctionLogLevel;
  readonly logSampleRate?: number;
  readonly maxArticleBytes?: number;
}

/**
 * The web console deployed (issue 16): the site on CloudFront, its users in Cognito and its API on
 * API Gateway, wired together. The hosted-UI domain is computed from the stack, not read from the
 * user pool, so that the site's CSP does not depend on the pool while the pool's invitation names
 * the site's URL.
 */
export class Console extends Construct {
  readonly site: ConsoleSite;
  readonly users: ConsoleUsers;
  readonly api: ConsoleApi;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const domainPrefix = consoleDomainPrefix(stack);
    const domainUrl = cognitoDomainUrl(stack, domainPrefix);

    this.site = new ConsoleSite(this, 'Site', {
      cognitoDomainUrl: domainUrl,
      build: props.build,
      removalPolicy: props.removalPolicy,
    });
    this.users = new ConsoleUsers(this, 'Users', {
      consoleUrl: this.site.url,
      domainPrefix,
      adminEmail: props.adminEmail,
      removalPolicy: props.removalPolicy,
    });
    this.api = new ConsoleApi(this, 'Api', {
      entry: props.apiEntry,
      users: this.users,
      logLevel: props.logLevel,
      logSampleRate: props.logSampleRate,
      maxArticleBytes: props.maxArticleBytes,
    });
    props.table.grantReadAndTopicWrites(this.api.function);
    this.api.grantManageSubscriptions(props.alerts);
    this.api.grantReadQueueDepths(props.deadLetterQueues);
    // CloudFormation names the stack's alarms `<stack name>-<logical id>-<suffix>`.
    this.api.grantDescribeAlarms(`${stack.stackName}-`);

    this.site.routeApi(this.api.domainName);
    const config: ConsoleConfig = {
      auth: {
        type: 'cognito',
        domain: domainUrl,
        clientId: this.users.client.userPoolClientId,
        redirectUri: this.site.url,
      },
    };
    this.site.deploy(config);
  }
}
