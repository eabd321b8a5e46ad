import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { ApiError } from '../contracts/console-api';

/**
 * Placeholder so the stack synthesises before the console API lands (issue 16): replaced on merge
 * by the real handler, which answers the routes of functions/contracts/console-api.ts.
 */
export const handler = async (): Promise<APIGatewayProxyResultV2> => {
  const body: ApiError = { error: 'The console API is not deployed yet.' };
  return { statusCode: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
};
