import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CachedWebhookSecrets,
  FileWebhookSecrets,
  SecretsManagerWebhookSecrets,
} from '../../../../functions/adapters/webhook-secret-stores';
import { InMemoryWebhookSecrets } from '../../../support/webhooks/webhook-fixtures';

const ID = 'wh-0123456789ab';

describe('SecretsManagerWebhookSecrets', () => {
  const sm = mockClient(SecretsManagerClient);
  const store = new SecretsManagerWebhookSecrets(new SecretsManagerClient({ region: 'eu-west-1' }));
  it('names one secret per webhook under newswatch/webhooks/', async () => {
    sm.reset();
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'abc' });
    expect(await store.get(ID)).toBe('abc');
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(
      `newswatch/webhooks/${ID}`,
    );
    await store.put(ID, 'def');
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input).toMatchObject({
      Name: `newswatch/webhooks/${ID}`,
      SecretString: 'def',
    });
    await store.remove(ID);
    expect(sm.commandCalls(DeleteSecretCommand)[0]?.args[0].input).toEqual({
      SecretId: `newswatch/webhooks/${ID}`,
      ForceDeleteWithoutRecovery: true,
    });
  });
  it('a missing secret is undefined, and removing one is not an error', async () => {
    sm.reset();
    const missing = new ResourceNotFoundException({ message: 'no', $metadata: {} });
    sm.on(GetSecretValueCommand).rejects(missing);
    sm.on(DeleteSecretCommand).rejects(missing);
    expect(await store.get(ID)).toBeUndefined();
    await expect(store.remove(ID)).resolves.toBeUndefined();
  });
});

describe('FileWebhookSecrets', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nw-secrets-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes <dir>/<id> with mode 0600, reads it back, removes it', async () => {
    const store = new FileWebhookSecrets(join(dir, 'webhook-secrets'));
    await store.put(ID, 'f'.repeat(64));
    const file = join(dir, 'webhook-secrets', ID);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe('f'.repeat(64));
    expect(await store.get(ID)).toBe('f'.repeat(64));
    await store.remove(ID);
    expect(await store.get(ID)).toBeUndefined();
  });
  it('refuses an id that is not a webhook id (no path in it)', async () => {
    const store = new FileWebhookSecrets(dir);
    await expect(store.get('../etc/passwd')).rejects.toThrow(RangeError);
  });
});

describe('CachedWebhookSecrets', () => {
  it('reads each secret once per ttl', async () => {
    const inner = new InMemoryWebhookSecrets();
    inner.secrets.set(ID, 's1');
    let now = 0;
    const cached = new CachedWebhookSecrets(inner, 1_000, () => now);
    expect(await cached.get(ID)).toBe('s1');
    inner.secrets.set(ID, 's2');
    now = 999;
    expect(await cached.get(ID)).toBe('s1');
    now = 1_001;
    expect(await cached.get(ID)).toBe('s2');
    expect(inner.reads).toBe(2);
  });
});
