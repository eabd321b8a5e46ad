import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';

/**
 * What the console's reads and writes work on: a client and the resource it names. The CLI builds
 * these from the stack's outputs (or the local stand-ins), the API function from its environment.
 */
export interface TableAccess {
  client: DynamoDBClient;
  tableName: string;
}

export interface AlertsAccess {
  client: SNSClient;
  topicArn: string;
}
