/**
 * Names of the environment variables each function reads. The CDK construct that grants a function
 * access to a resource sets the variable naming it, using these constants.
 */
export const ENV = {
  /** Every function (ingest, alert, digest): the DynamoDB table name. */
  tableName: 'TABLE_NAME',
  /** Ingest: only keys under this prefix are articles (default `articles/`). */
  articlesPrefix: 'ARTICLES_PREFIX',
  /** Ingest: objects larger than this many bytes are rejected from the event's size. */
  maxArticleBytes: 'MAX_ARTICLE_BYTES',
  /** Alert and digest: the SNS topic alerts and digests are published to. */
  alertsTopicArn: 'ALERTS_TOPIC_ARN',
  /**
   * Ingest (the one function that reads S3): set to `true` only by the local runner, because the
   * local S3 stand-in serves path-style URLs. Endpoints themselves come from the SDK's standard
   * AWS_ENDPOINT_URL_<SERVICE> variables.
   */
  s3ForcePathStyle: 'NEWSWATCH_S3_FORCE_PATH_STYLE',
  /** Poller: the bucket new feed entries are written to (under the articles prefix). */
  articlesBucket: 'ARTICLES_BUCKET',
  /**
   * Poller and delivery: `true` only in the local twin, where feeds and webhook receivers are served on 127.0.0.1: loopback (and only
   * loopback) becomes a permitted destination. Deployed, the SSRF guard allows public unicast only.
   */
  allowLoopback: 'NEWSWATCH_ALLOW_LOOPBACK',
  /**
   * Delivery, the local twin only: webhook secrets are read from files in this folder
   * (`<dir>/<webhook id>`, mode 0600) rather than from Secrets Manager.
   */
  webhookSecretsDir: 'NEWSWATCH_WEBHOOK_SECRETS_DIR',
  /** Console API: the dead-letter queues whose depth /api/health reports (URLs, comma-separated). */
  deadLetterQueueUrls: 'DEAD_LETTER_QUEUE_URLS',
  /** Console API: /api/health lists the CloudWatch alarms whose names start with this. */
  alarmNamePrefix: 'ALARM_NAME_PREFIX',
} as const;
