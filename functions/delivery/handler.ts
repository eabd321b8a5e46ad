import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDynamoDbClient, createSecretsManagerClient } from '../adapters/aws-clients';
import { DynamoWebhookRepository } from '../adapters/dynamo-webhook-repository';
import { DEFAULT_POST_POLICY, guardedPost } from '../adapters/web/guarded-post';
import { systemResolver } from '../adapters/web/guarded-fetch';
import {
  CachedWebhookSecrets,
  FileWebhookSecrets,
  SecretsManagerWebhookSecrets,
} from '../adapters/webhook-secret-stores';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadDeliveryConfig } from './config';
import { createDeliverAlert } from './deliver-alert';
import { createSqsEventHandler } from './handle-sqs-event';

// Cold start: configuration and clients once. Webhooks are posted through the SSRF guard only
// (public unicast; loopback too in the local twin), and their secrets are cached for minutes.
const runtime = createFunctionRuntime('newswatch-delivery');
const config = loadDeliveryConfig(process.env);
const policy = { ...DEFAULT_POST_POLICY, resolve: systemResolver, allowLoopback: config.allowLoopback };
const store = config.webhookSecretsDir
  ? new FileWebhookSecrets(config.webhookSecretsDir)
  : new SecretsManagerWebhookSecrets(runtime.traced(createSecretsManagerClient()));
const deliverAlert = createDeliverAlert({
  webhooks: new DynamoWebhookRepository(runtime.traced(createDynamoDbClient()), config.tableName),
  secrets: new CachedWebhookSecrets(store),
  send: (post) => guardedPost(post, policy),
  log: runtime.logger,
});
const handleBatch = createSqsEventHandler({ deliverAlert, counter: runtime.counter, log: runtime.logger });

// The alerts topic's delivery queue (SNS → SQS), ReportBatchItemFailures on.
export const handler = lambdaHandler(runtime, (event: SQSEvent): Promise<SQSBatchResponse> =>
  handleBatch(event),
);
