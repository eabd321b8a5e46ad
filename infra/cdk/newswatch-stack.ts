import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct, Node } from 'constructs';
import { AlertFunction } from './constructs/compute/alert-function';
import { AlertsTopic } from './constructs/messaging/alerts-topic';
import { Console } from './constructs/console/console';
import { assertConsoleBuilt } from './constructs/console/console-site';
import { validateAdminEmail } from './constructs/console/console-users';
import { Dashboard } from './constructs/monitoring/dashboard';
import { DigestFunction } from './constructs/compute/digest-function';
import { POLLER_SERVICE_NAME, PollerFunction } from './constructs/compute/poller-function';
import { DeliveryFunction } from './constructs/compute/delivery-function';
import {
  ArticlesBucket,
  DEFAULT_ARTICLES_PREFIX,
  validateArticlesPrefix,
} from './constructs/storage/articles-bucket';
import { TABLE_ACCESS } from '../../functions/contracts/table-access';
import { ArticlesTable } from './constructs/storage/articles-table';
import { IngestFunction } from './constructs/compute/ingest-function';
import type { FunctionLogLevel } from './constructs/compute/newswatch-function';
import { Operations } from './constructs/monitoring/operations';
import { TraceSampling } from './constructs/monitoring/trace-sampling';
import { ReprocessMachine } from './constructs/orchestration/reprocess-machine';
import { FUNCTION_ENTRIES } from '../paths';
import {
  parseListContext,
  parseSubscriptionsContext,
  placeEndpoints,
  rejectDuplicateEndpoints,
  validateEmails,
  validatePhones,
  validateSubscriptions,
  type AlertSubscriptionSpec,
} from './settings/subscriptions';

/** Deployment settings. Each can also come from CDK context under the same name (`-c name=value`). */
export interface NewswatchSettings {
  /** S3 key prefix of articles. @default 'articles/' */
  readonly articlesPrefix: string;
  /** Alert email subscribers. */
  readonly alertEmails: readonly string[];
  /** Alert SMS subscribers (E.164). */
  readonly alertPhones: readonly string[];
  /** Alert subscribers filtered by topic and minimum certainty (a JSON array in context). */
  readonly subscriptions: readonly AlertSubscriptionSpec[];
  /** Operational alarm email subscribers. */
  readonly opsEmails: readonly string[];
  /** @default 5 MiB (the ingest function's own default applies when unset) */
  readonly maxArticleBytes?: number;
  /** @default unreserved */
  readonly ingestReservedConcurrency?: number;
  /** @default 'WARN' (DEFAULT_LOG_LEVEL) */
  readonly logLevel?: FunctionLogLevel;
  /** Share of invocations logged in full, 0 to 1. @default 0.01 (DEFAULT_LOG_SAMPLE_RATE) */
  readonly logSampleRate?: number;
  /** Share of invocations X-Ray traces, 0 to 1. @default 0.01 (DEFAULT_TRACE_SAMPLE_RATE) */
  readonly traceSampleRate?: number;
  /** What gsi1 copies (see ArticlesTableProps.indexProjection). @default 'listing' */
  readonly gsi1Projection?: 'listing' | 'all';
  /** Batches `newswatch reprocess` runs at once. @default 50 */
  readonly reprocessConcurrency?: number;
  /** `s3://bucket/key` of an S3 Inventory manifest.json that reprocess reads instead of listing. */
  readonly inventoryManifest?: string;
  /** The web console (site, users, API). `-c console=false` leaves it out. @default true */
  readonly console?: boolean;
  /** The console's first user, invited by email with a temporary password. @default none */
  readonly consoleAdminEmail?: string;
  /**
   * Deploy a placeholder page instead of the console build (functions/console/dist), e.g. to
   * synthesise before `npm run build:console` has run. @default false (a missing build is an error)
   */
  readonly consolePlaceholder?: boolean;
}

export interface NewswatchStackProps extends StackProps {
  /** Overrides settings read from context. */
  readonly settings?: Partial<NewswatchSettings>;
  /**
   * What happens to the bucket and table when they leave the stack.
   * @default RemovalPolicy.RETAIN (and table deletion protection on)
   */
  readonly dataRemovalPolicy?: RemovalPolicy;
}

const LOG_LEVELS: readonly FunctionLogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

const optionalInt = (node: Node, key: string, min: number): number | undefined => {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`context ${key}: expected an integer >= ${min} (got ${JSON.stringify(raw)})`);
  }
  return value;
};

/** A share from 0 to 1 (a sample rate), or undefined when the key is not set. */
const optionalShare = (node: Node, key: string): number | undefined => {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`context ${key}: expected a number from 0 to 1 (got ${JSON.stringify(raw)})`);
  }
  return value;
};

/** A boolean context value (`true`/`false`, as CDK passes `-c key=value` strings or JSON). */
const optionalBoolean = (node: Node, key: string): boolean | undefined => {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context ${key}: expected true or false (got ${JSON.stringify(raw)})`);
};

/**
 * Reads and validates the settings from CDK context. Bad values throw here, before anything is
 * bundled, with a message naming the context key.
 */
export const readSettingsFromContext = (node: Node): NewswatchSettings => {
  const logLevel: unknown = node.tryGetContext('logLevel');
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel as FunctionLogLevel)) {
    throw new Error(
      `context logLevel: expected one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(logLevel)})`,
    );
  }
  const logSampleRate = optionalShare(node, 'logSampleRate');
  const traceSampleRate = optionalShare(node, 'traceSampleRate');
  const gsi1Projection: unknown = node.tryGetContext('gsi1Projection');
  if (gsi1Projection !== undefined && gsi1Projection !== 'listing' && gsi1Projection !== 'all') {
    throw new Error(
      `context gsi1Projection: expected listing or all (got ${JSON.stringify(gsi1Projection)})`,
    );
  }
  const inventoryManifest: unknown = node.tryGetContext('inventoryManifest');
  if (inventoryManifest !== undefined && typeof inventoryManifest !== 'string') {
    throw new Error('context inventoryManifest: expected s3://<bucket>/<key of manifest.json>');
  }
  const consoleAdminEmail: unknown = node.tryGetContext('consoleAdminEmail');
  if (consoleAdminEmail !== undefined && typeof consoleAdminEmail !== 'string') {
    throw new Error('context consoleAdminEmail: expected an email address such as admin@example.com');
  }
  const prefix: unknown = node.tryGetContext('articlesPrefix');
  if (prefix !== undefined && typeof prefix !== 'string') {
    throw new Error('context articlesPrefix: expected a string such as "articles/"');
  }
  return {
    articlesPrefix: prefix ?? DEFAULT_ARTICLES_PREFIX,
    alertEmails: parseListContext(node.tryGetContext('alertEmails'), 'alertEmails'),
    alertPhones: parseListContext(node.tryGetContext('alertPhones'), 'alertPhones'),
    subscriptions: parseSubscriptionsContext(node.tryGetContext('subscriptions'), 'subscriptions'),
    opsEmails: parseListContext(node.tryGetContext('opsEmails'), 'opsEmails'),
    maxArticleBytes: optionalInt(node, 'maxArticleBytes', 1),
    ingestReservedConcurrency: optionalInt(node, 'ingestReservedConcurrency', 1),
    logLevel: logLevel as FunctionLogLevel | undefined,
    logSampleRate,
    traceSampleRate,
    gsi1Projection: gsi1Projection as 'listing' | 'all' | undefined,
    reprocessConcurrency: optionalInt(node, 'reprocessConcurrency', 1),
    inventoryManifest: inventoryManifest === '' ? undefined : inventoryManifest,
    console: optionalBoolean(node, 'console'),
    consoleAdminEmail:
      consoleAdminEmail === undefined || consoleAdminEmail.trim() === ''
        ? undefined
        : validateAdminEmail(consoleAdminEmail),
    consolePlaceholder: optionalBoolean(node, 'consolePlaceholder'),
  };
};

/**
 * Newswatch: articles uploaded to S3 are summarised into DynamoDB by the ingest function; the
 * table's stream drives the alert function, which publishes matches to an SNS topic.
 *
 *   S3 (articles/) --ObjectCreated/Removed--> Ingest λ --PutItem--> DynamoDB --stream--> Alert λ --> SNS
 *                                       └─ DLQ                                     └─ DLQ
 *   EventBridge (daily) --> Digest λ --Query/claim--> DynamoDB ------------------------------> SNS
 */
export class NewswatchStack extends Stack {
  readonly settings: NewswatchSettings;
  readonly articles: ArticlesBucket;
  readonly table: ArticlesTable;
  readonly alerts: AlertsTopic;
  readonly ingest: IngestFunction;
  readonly alert: AlertFunction;
  readonly digest: DigestFunction;
  readonly poller: PollerFunction;
  readonly delivery: DeliveryFunction;
  readonly reprocess: ReprocessMachine;
  readonly operations: Operations;
  readonly traceSampling: TraceSampling;
  readonly dashboard: Dashboard;
  /** The web console; undefined with `-c console=false`. */
  readonly console?: Console;

  constructor(scope: Construct, id: string, props: NewswatchStackProps = {}) {
    super(scope, id, props);
    const fromContext = readSettingsFromContext(this.node);
    const overrides = Object.fromEntries(
      Object.entries(props.settings ?? {}).filter(([, v]) => v !== undefined),
    );
    const settings: NewswatchSettings = { ...fromContext, ...overrides };
    // Fail fast, before the functions below are bundled.
    validateArticlesPrefix(settings.articlesPrefix);
    const alertEmails = validateEmails(settings.alertEmails, 'context alertEmails');
    const alertPhones = validatePhones(settings.alertPhones, 'context alertPhones');
    const subscriptions = validateSubscriptions(settings.subscriptions, 'context subscriptions');
    rejectDuplicateEndpoints(
      placeEndpoints(
        { emails: alertEmails, phones: alertPhones, subscriptions },
        {
          emails: 'context alertEmails',
          phones: 'context alertPhones',
          subscriptions: 'context subscriptions',
        },
      ),
    );
    validateEmails(settings.opsEmails, 'context opsEmails');
    if (settings.consoleAdminEmail !== undefined) validateAdminEmail(settings.consoleAdminEmail);
    // Before any function is bundled: the console's build must exist unless a placeholder will do.
    if (settings.console !== false && settings.consolePlaceholder !== true) assertConsoleBuilt();
    this.settings = settings;
    const removalPolicy = props.dataRemovalPolicy ?? RemovalPolicy.RETAIN;

    this.articles = new ArticlesBucket(this, 'Articles', {
      articlesPrefix: settings.articlesPrefix,
      removalPolicy,
    });
    this.table = new ArticlesTable(this, 'Table', {
      removalPolicy,
      ...(settings.gsi1Projection ? { indexProjection: settings.gsi1Projection } : {}),
    });
    this.alerts = new AlertsTopic(this, 'Alerts', {
      emails: settings.alertEmails,
      phones: settings.alertPhones,
      subscriptions: settings.subscriptions,
    });

    this.ingest = new IngestFunction(this, 'IngestFunction', {
      entry: FUNCTION_ENTRIES.ingest,
      maxArticleBytes: settings.maxArticleBytes,
      reservedConcurrency: settings.ingestReservedConcurrency,
      logLevel: settings.logLevel,
      logSampleRate: settings.logSampleRate,
    });
    this.articles.notifyOnArticleChanges(this.ingest.function);
    this.articles.grantReadArticles(this.ingest.function);
    this.table.grantItemActions(this.ingest.function, TABLE_ACCESS.ingest);
    // The topics added at run time are listed on gsi1; ingest matches articles against them.
    this.table.grantIndexQuery(this.ingest.function);

    this.alert = new AlertFunction(this, 'AlertFunction', {
      entry: FUNCTION_ENTRIES.alert,
      table: this.table.table,
      logLevel: settings.logLevel,
      logSampleRate: settings.logSampleRate,
    });
    this.table.grantItemActions(this.alert.function, TABLE_ACCESS.alert);
    this.alerts.grantPublish(this.alert.function);

    this.digest = new DigestFunction(this, 'DigestFunction', {
      entry: FUNCTION_ENTRIES.digest,
      logLevel: settings.logLevel,
      logSampleRate: settings.logSampleRate,
    });
    this.table.grantItemActions(this.digest.function, TABLE_ACCESS.digest);
    this.table.grantIndexQuery(this.digest.function);
    this.alerts.grantPublish(this.digest.function);

    // The feed poller: followed sources' new entries become objects under <prefix>feeds/.
    this.poller = new PollerFunction(this, 'PollerFunction', {
      entry: FUNCTION_ENTRIES.poller,
      logLevel: settings.logLevel,
      logSampleRate: settings.logSampleRate,
    });
    this.table.grantSourceItems(this.poller.function);
    this.articles.grantWriteFeedEntries(this.poller.function);

    // Webhook channels: the alerts topic's queue → the delivery function → Slack, Teams, JSON.
    this.delivery = new DeliveryFunction(this, 'DeliveryFunction', {
      entry: FUNCTION_ENTRIES.delivery,
      topic: this.alerts.topic,
      logLevel: settings.logLevel,
      logSampleRate: settings.logSampleRate,
    });
    this.table.grantWebhookReads(this.delivery.function);

    this.traceSampling = new TraceSampling(this, 'TraceSampling', {
      ...(settings.traceSampleRate === undefined ? {} : { fixedRate: settings.traceSampleRate }),
    });
    // `newswatch reprocess`: the ingest use case over the bucket's objects (Step Functions).
    this.reprocess = new ReprocessMachine(this, 'Reprocess', {
      entry: FUNCTION_ENTRIES.reprocess,
      bucket: this.articles.bucket,
      articlesPrefix: settings.articlesPrefix,
      maxConcurrency: settings.reprocessConcurrency,
      inventoryManifest: settings.inventoryManifest,
      maxArticleBytes: settings.maxArticleBytes,
      logLevel: settings.logLevel,
    });
    this.articles.grantReadArticles(this.reprocess.function);
    this.table.grantItemActions(this.reprocess.function, TABLE_ACCESS.reprocess);
    this.table.grantIndexQuery(this.reprocess.function);

    this.operations = new Operations(this, 'Operations', { emails: settings.opsEmails });
    const alarms = [
      this.operations.alarmOnErrors('Ingest', this.ingest.function),
      this.operations.alarmOnErrors('Alert', this.alert.function),
      this.operations.alarmOnErrors('Digest', this.digest.function),
      this.operations.alarmOnDeadLetters('Ingest', this.ingest.deadLetterQueue),
      this.operations.alarmOnDeadLetters('Alert', this.alert.deadLetterQueue),
      this.operations.alarmOnDeadLetters('Digest', this.digest.deadLetterQueue),
      this.operations.alarmOnErrors('Poller', this.poller.function),
      this.operations.alarmOnDeadLetters('Poller', this.poller.deadLetterQueue),
      this.operations.alarmOnFailingSources(POLLER_SERVICE_NAME),
      this.operations.alarmOnErrors('Delivery', this.delivery.function),
      this.operations.alarmOnDeadLetters('Delivery', this.delivery.deadLetterQueue),
      this.operations.alarmOnIteratorAge('Alert', this.alert.function, Duration.minutes(10)),
      this.operations.alarmOnErrors('Reprocess', this.reprocess.function),
      this.operations.alarmOnFailedExecutions('Reprocess', this.reprocess.stateMachine),
    ];
    // One list of the stack's dead-letter queues, for the console's health page and the dashboard.
    const deadLetterQueues = {
      ingest: this.ingest.deadLetterQueue,
      alert: this.alert.deadLetterQueue,
      digest: this.digest.deadLetterQueue,
      poller: this.poller.deadLetterQueue,
      delivery: this.delivery.deadLetterQueue,
    };
    if (settings.console !== false) {
      this.console = new Console(this, 'Console', {
        apiEntry: FUNCTION_ENTRIES.api,
        build: settings.consolePlaceholder === true ? 'placeholder' : 'dist',
        table: this.table,
        alerts: this.alerts,
        deadLetterQueues: Object.values(deadLetterQueues),
        adminEmail: settings.consoleAdminEmail,
        removalPolicy,
        logLevel: settings.logLevel,
        logSampleRate: settings.logSampleRate,
        maxArticleBytes: settings.maxArticleBytes,
      });
      alarms.push(this.operations.alarmOnErrors('ConsoleApi', this.console.api.function));
    }
    this.dashboard = new Dashboard(this, 'Dashboard', {
      functions: {
        ingest: this.ingest.function,
        alert: this.alert.function,
        digest: this.digest.function,
        poller: this.poller.function,
        delivery: this.delivery.function,
        reprocess: this.reprocess.function,
        ...(this.console ? { api: this.console.api.function } : {}),
      },
      deadLetterQueues,
      table: this.table.table,
      streamConsumer: this.alert.function,
      alarms,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output(
      'ArticlesBucketName',
      this.articles.bucket.bucketName,
      `Upload articles under s3://<bucket>/${settings.articlesPrefix}`,
    );
    output('TableName', this.table.table.tableName, 'Single table: articles, rejections, alerts');
    output('AlertsTopicArn', this.alerts.topic.topicArn, 'Alerts are published here');
    output('OpsTopicArn', this.operations.topic.topicArn, 'Operational alarms are published here');
    output(
      'IngestDeadLetterQueueUrl',
      this.ingest.deadLetterQueue.queueUrl,
      'S3 events the ingest function gave up on',
    );
    output('DashboardName', this.dashboard.dashboard.dashboardName, 'CloudWatch dashboard of the pipeline');
    output('IngestFunctionName', this.ingest.function.functionName, 'Redrive re-invokes it');
    output('AlertFunctionName', this.alert.function.functionName, 'Redrive re-invokes it');
    output('DigestFunctionName', this.digest.function.functionName, 'Sends the daily digest');
    output('PollerFunctionName', this.poller.function.functionName, 'newswatch sources poll invokes it');
    output(
      'PollerDeadLetterQueueUrl',
      this.poller.deadLetterQueue.queueUrl,
      'Poller runs that failed as a whole',
    );
    output(
      'DeliveryDeadLetterQueueUrl',
      this.delivery.deadLetterQueue.queueUrl,
      'Alerts a webhook still failed on after the retries: newswatch redrive --queue delivery',
    );
    output('DeliveryQueueUrl', this.delivery.queue.queueUrl, 'Alerts queued for webhook delivery');
    output(
      'ReprocessStateMachineArn',
      this.reprocess.stateMachine.stateMachineArn,
      'newswatch reprocess starts it: the bucket through the ingest use case',
    );
    output(
      'DigestDeadLetterQueueUrl',
      this.digest.deadLetterQueue.queueUrl,
      'Digest runs that failed after their retries',
    );
    output(
      'AlertDeadLetterQueueUrl',
      this.alert.deadLetterQueue.queueUrl,
      'Stream records the alert function gave up on',
    );
    if (this.console) {
      output(
        'ConsoleUrl',
        this.console.site.url,
        'The web console: sign in with a user of ConsoleUserPoolId',
      );
      output(
        'ConsoleUserPoolId',
        this.console.users.userPool.userPoolId,
        'Console users: aws cognito-idp admin-create-user --user-pool-id <this> --username <email>',
      );
    }
  }
}
