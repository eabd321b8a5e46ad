import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { ENV } from './env-names';

/**
 * SDK clients, built once per cold start by the handler modules. Endpoints are the SDK's own
 * business (AWS_ENDPOINT_URL_<SERVICE> points them at local stand-ins); retries use the SDK's
 * adaptive mode so throttling backs off instead of failing the invocation.
 */
const common = { maxAttempts: 5, retryMode: 'adaptive' } as const;

export const createDynamoDbClient = () => new DynamoDBClient(common);

export const createS3Client = (env: NodeJS.ProcessEnv = process.env) =>
  new S3Client({ ...common, forcePathStyle: env[ENV.s3ForcePathStyle] === 'true' });

export const createSnsClient = () => new SNSClient(common);
