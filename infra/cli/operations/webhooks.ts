import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoWebhookRepository } from '../../../functions/adapters/dynamo-webhook-repository';
import {
  FileWebhookSecrets,
  SecretsManagerWebhookSecrets,
} from '../../../functions/adapters/webhook-secret-stores';
import type { MinimumCertainty } from '../../../functions/contracts/vocabulary';
import {
  WEBHOOK_SECRET_BYTES,
  webhookHost,
  type WebhookFormat,
  type WebhookRecord,
} from '../../../functions/contracts/webhook';
import { WebhookNotFoundError, type WebhookSecrets } from '../../../functions/ports/webhook-ports';
import type { Backend, DeployedBackend, LocalBackend } from '../environment';
import { OperationFailedError } from '../errors';

/**
 * `subscribe --webhook`, and the webhooks in `subscriptions` and `unsubscribe`: Webhook items in
 * the table, their secrets in Secrets Manager deployed or in `<state>/webhook-secrets/` locally.
 * The URL is shown by host only (a Slack or Teams URL is its own credential) and a secret only
 * once, when it is made.
 */

/** Where the local twin keeps webhook secrets (the delivery function reads the same folder). */
export const localWebhookSecretsDir = (stateDir: string) => join(stateDir, 'webhook-secrets');

export const webhookSecretsOf = (backend: Backend): WebhookSecrets =>
  backend.mode === 'local'
    ? new FileWebhookSecrets(localWebhookSecretsDir((backend as LocalBackend).stateDir))
    : new SecretsManagerWebhookSecrets((backend as DeployedBackend).secretsManager());

export interface WebhookRow {
  id: string;
  format: WebhookFormat;
  host: string;
  topics: string[] | 'all';
  minimumCertainty: string;
  createdAt: string;
}

const rowOf = (webhook: WebhookRecord): WebhookRow => ({
  id: webhook.id,
  format: webhook.format,
  host: webhookHost(webhook.url),
  topics: webhook.topics && webhook.topics.length > 0 ? webhook.topics : 'all',
  minimumCertainty: webhook.minimumCertainty ?? 'speculative',
  createdAt: webhook.createdAt,
});

const repositoryOf = async (backend: Backend) => {
  const { client, tableName } = await backend.table();
  return new DynamoWebhookRepository(client, tableName);
};

export interface AddWebhookRequest {
  url: string;
  format: WebhookFormat;
  topics?: string[];
  minimumCertainty?: MinimumCertainty;
}

export interface AddedWebhook extends WebhookRow {
  /** json webhooks only: shown once, never stored anywhere the CLI can print it from again. */
  secret?: string;
}

export async function addWebhook(
  backend: Backend,
  request: AddWebhookRequest,
  now = new Date(),
): Promise<AddedWebhook> {
  const webhooks = await repositoryOf(backend);
  if ((await webhooks.list()).some((w) => w.url === request.url)) {
    throw new OperationFailedError(`a webhook to ${webhookHost(request.url)} with this URL exists already`);
  }
  const webhook: WebhookRecord = {
    id: `wh-${randomBytes(6).toString('hex')}`,
    url: request.url,
    format: request.format,
    ...(request.topics && request.topics.length > 0 ? { topics: [...new Set(request.topics)] } : {}),
    ...(request.minimumCertainty ? { minimumCertainty: request.minimumCertainty } : {}),
    createdAt: now.toISOString(),
  };
  let secret: string | undefined;
  if (webhook.format === 'json') {
    secret = randomBytes(WEBHOOK_SECRET_BYTES).toString('hex');
    // The secret first: a webhook item without its secret would fail every delivery.
    await webhookSecretsOf(backend).put(webhook.id, secret);
  }
  await webhooks.add(webhook);
  return { ...rowOf(webhook), ...(secret ? { secret } : {}) };
}

export async function listWebhooks(backend: Backend): Promise<WebhookRow[]> {
  return (await (await repositoryOf(backend)).list()).map(rowOf);
}

export async function removeWebhook(backend: Backend, id: string): Promise<WebhookRow> {
  const webhooks = await repositoryOf(backend);
  const found = (await webhooks.list()).find((w) => w.id === id);
  if (!found) throw new OperationFailedError(`no webhook ${id}`);
  try {
    await webhooks.remove(id);
  } catch (error) {
    if (error instanceof WebhookNotFoundError) throw new OperationFailedError(`no webhook ${id}`);
    throw error;
  }
  await webhookSecretsOf(backend).remove(id);
  return rowOf(found);
}
