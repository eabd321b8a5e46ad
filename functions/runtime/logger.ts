import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One Powertools logger per function bundle. The service name comes from POWERTOOLS_SERVICE_NAME
 * (set by the CDK construct); the fallback keeps local runs and tests readable.
 */
export const createLogger = (serviceName: string) =>
  new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? serviceName });

export type AppLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error' | 'appendKeys'>;
