import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { MiddlewareStack } from '@smithy/types';
import { ENV } from '../contracts/env-names';

/**
 * SDK clients, built once per cold start by the handler modules. Endpoints are the SDK's own
 * business (AWS_ENDPOINT_URL_<SERVICE> points them at local stand-ins).
 *
 * Retries: `standard` mode (exponential backoff with full jitter, a retry quota per client) rather
 * than `adaptive`. Adaptive mode adds a client-side rate limiter, but each Lambda execution
 * environment has its own client, so it never sees the fleet's rate, and after a throttling burst
 * it also delays the first attempt of unrelated later calls. Every write the functions make is
 * conditional (sequencer, story claim), so a retried write whose first response was lost is
 * harmless; that is what makes generous attempt counts safe.
 *
 * Timeouts: without them a hung connection holds the invocation until the Lambda timeout (30 s
 * ingest, 60 s alert and digest) and the retry budget is never used. Each attempt is capped well
 * below the function timeout: attempts × requestTimeout plus backoff still fits.
 */
export const CLIENT_SETTINGS = {
  dynamodb: {
    // Throttling on an on-demand table is a burst above the previous peak: worth five tries.
    maxAttempts: 5,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  },
  s3: {
    maxAttempts: 4,
    // A GetObject streams up to MAX_ARTICLE_BYTES: a socket idle cap rather than a total one.
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 10_000 },
  },
  sns: {
    // Publish is not idempotent: a retry after a lost response sends the alert twice. Fewer tries
    // bound that; the stream record's own retries cover a longer SNS outage.
    maxAttempts: 4,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  },
  sqs: {
    // ChangeMessageVisibility of a failed webhook delivery (the backoff); losing one is harmless.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  },
  secretsmanager: {
    // Webhook secrets: read once per few minutes per webhook (the delivery function caches them).
    maxAttempts: 4,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
  },
} as const;

export type ClientService = keyof typeof CLIENT_SETTINGS;

/**
 * TEST SEAM, for fault-injection tests only (test/support/fault-injection.ts): a registration
 * here is applied to the middleware stack of every client built afterwards. Production code
 * never registers anything, so the registry is empty and clients are exactly as configured
 * above. It lives on `globalThis` under a registry symbol so that a test and the handler modules
 * it loads share it even when a module loader gives them separate copies of this file.
 */
export type ClientMiddlewareRegistration = (
  stack: MiddlewareStack<object, object>,
  client: { service: ClientService },
) => void;

const REGISTRY = Symbol.for('newswatch.aws-clients.middleware');
const registry = (): ClientMiddlewareRegistration[] => {
  const holder = globalThis as { [REGISTRY]?: ClientMiddlewareRegistration[] };
  return (holder[REGISTRY] ??= []);
};

/** Test seam (see above). Returns a function that removes the registration for later clients. */
export const addClientMiddleware = (registration: ClientMiddlewareRegistration): (() => void) => {
  registry().push(registration);
  return () => {
    const registrations = registry();
    const index = registrations.indexOf(registration);
    if (index >= 0) registrations.splice(index, 1);
  };
};

const withRegisteredMiddleware = <C extends { middlewareStack: unknown }>(
  client: C,
  service: ClientService,
): C => {
  for (const register of registry()) {
    register(client.middlewareStack as MiddlewareStack<object, object>, { service });
  }
  return client;
};

export const createDynamoDbClient = () =>
  withRegisteredMiddleware(
    new DynamoDBClient({ ...CLIENT_SETTINGS.dynamodb, retryMode: 'standard' }),
    'dynamodb',
  );

export const createS3Client = (env: NodeJS.ProcessEnv = process.env) =>
  withRegisteredMiddleware(
    new S3Client({
      ...CLIENT_SETTINGS.s3,
      retryMode: 'standard',
      forcePathStyle: env[ENV.s3ForcePathStyle] === 'true',
    }),
    's3',
  );

export const createSnsClient = () =>
  withRegisteredMiddleware(new SNSClient({ ...CLIENT_SETTINGS.sns, retryMode: 'standard' }), 'sns');

export const createSecretsManagerClient = () =>
  withRegisteredMiddleware(
    new SecretsManagerClient({ ...CLIENT_SETTINGS.secretsmanager, retryMode: 'standard' }),
    'secretsmanager',
  );

export const createSqsClient = () =>
  withRegisteredMiddleware(new SQSClient({ ...CLIENT_SETTINGS.sqs, retryMode: 'standard' }), 'sqs');
