import type { SQSEvent } from 'aws-lambda';
import * as aws from '../adapters/aws-clients';
import { DynamoWebhookRepository } from '../adapters/dynamo-webhook-repository';
import { SqsRetryBackoff } from '../adapters/queues/sqs-retry-backoff';
import { DEFAULT_POST_POLICY, guardedPost } from '../adapters/web/guarded-post';
import { systemResolver } from '../adapters/web/guarded-fetch';
import * as secrets from '../adapters/webhook-secret-stores';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadDeliveryConfig } from './config';
import { createDeliverAlert } from './deliver-alert';
import { createSqsEventHandler } from './handle-sqs-event';

// Cold start. Posts go through the SSRF guard only (public unicast; loopback in the local twin).
const runtime = createFunctionRuntime('newswatch-delivery');
const { logger, counter } = runtime;
const config = loadDeliveryConfig(process.env);
const policy = { ...DEFAULT_POST_POLICY, resolve: systemResolver, allowLoopback: config.allowLoopback };
// Locally secrets are files and there is no queue (the twin hands messages over directly).
const local = config.webhookSecretsDir;
const store = local
  ? new secrets.FileWebhookSecrets(local)
  : new secrets.SecretsManagerWebhookSecrets(runtime.traced(aws.createSecretsManagerClient()));
const deliverAlert = createDeliverAlert({
  webhooks: new DynamoWebhookRepository(runtime.traced(aws.createDynamoDbClient()), config.tableName),
  secrets: new secrets.CachedWebhookSecrets(store),
  send: (post) => guardedPost(post, policy),
  log: logger,
});
const backoff = local
  ? undefined
  : new SqsRetryBackoff(runtime.traced(aws.createSqsClient()), (m, f) => logger.warn(m, f));
const handleBatch = createSqsEventHandler({
  deliverAlert,
  counter,
  log: logger,
  ...(backoff && { backoff }),
});

// Fed by the alerts topic's delivery queue (SNS → SQS), ReportBatchItemFailures on.
export const handler = lambdaHandler(runtime, (event: SQSEvent) => handleBatch(event));
