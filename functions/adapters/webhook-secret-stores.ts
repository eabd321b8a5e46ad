import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webhookSecretName, WEBHOOK_ID_PATTERN } from '../contracts/webhook';
import type { WebhookSecrets } from '../ports/webhook-ports';

/**
 * Where webhook secrets are kept: Secrets Manager deployed (one secret per webhook under
 * `newswatch/webhooks/<id>`, the delivery role reading only those), a file per webhook locally.
 * Neither ever logs a secret; errors name the webhook id only.
 */

const isNotFound = (error: unknown) =>
  (error as { name?: string } | undefined)?.name === 'ResourceNotFoundException';

export class SecretsManagerWebhookSecrets implements WebhookSecrets {
  constructor(private readonly client: SecretsManagerClient) {}

  async get(webhookId: string): Promise<string | undefined> {
    try {
      const answer = await this.client.send(
        new GetSecretValueCommand({ SecretId: webhookSecretName(webhookId) }),
      );
      return answer.SecretString;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async put(webhookId: string, secret: string): Promise<void> {
    await this.client.send(
      new CreateSecretCommand({
        Name: webhookSecretName(webhookId),
        SecretString: secret,
        Description: `Newswatch: signing secret of webhook ${webhookId}`,
      }),
    );
  }

  async remove(webhookId: string): Promise<void> {
    try {
      // No recovery window: an unsubscribed webhook's secret must stop working now.
      await this.client.send(
        new DeleteSecretCommand({ SecretId: webhookSecretName(webhookId), ForceDeleteWithoutRecovery: true }),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/** The local twin's store: `<dir>/<webhook id>`, readable by the owner only (mode 0600). */
export class FileWebhookSecrets implements WebhookSecrets {
  constructor(private readonly dir: string) {}

  private fileOf(webhookId: string) {
    // The id names a file: only ids of the form subscribe makes, so no path can be smuggled in.
    if (!WEBHOOK_ID_PATTERN.test(webhookId)) throw new RangeError(`not a webhook id: ${webhookId}`);
    return join(this.dir, webhookId);
  }

  async get(webhookId: string): Promise<string | undefined> {
    try {
      return (await readFile(this.fileOf(webhookId), 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async put(webhookId: string, secret: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(webhookId);
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    // The mode given to writeFile is masked by the umask; this one is not.
    await chmod(file, 0o600);
  }

  async remove(webhookId: string): Promise<void> {
    await rm(this.fileOf(webhookId), { force: true });
  }
}

/**
 * Secrets read through a cache for `ttlMs`: one GetSecretValue per webhook per few minutes rather
 * than one per alert (cost, and Secrets Manager's request rate). A rotated secret takes effect
 * within the ttl.
 */
export class CachedWebhookSecrets implements WebhookSecrets {
  private readonly cache = new Map<string, { value: string | undefined; until: number }>();

  constructor(
    private readonly inner: WebhookSecrets,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(webhookId: string): Promise<string | undefined> {
    const hit = this.cache.get(webhookId);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await this.inner.get(webhookId);
    this.cache.set(webhookId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  async put(webhookId: string, secret: string): Promise<void> {
    this.cache.delete(webhookId);
    await this.inner.put(webhookId, secret);
  }

  async remove(webhookId: string): Promise<void> {
    this.cache.delete(webhookId);
    await this.inner.remove(webhookId);
  }
}
