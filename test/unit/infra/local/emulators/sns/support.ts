import { SNSClient } from '@aws-sdk/client-sns';
import type { SnsSink } from '../../../../../../infra/local/emulators/sns/server';

/** The one topic the sink under test knows (it refuses a Publish to any other). */
export const TOPIC = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts-local';

/** A real SDK client aimed at the sink; one attempt, so a refused request fails the test at once. */
export const clientFor = (sink: SnsSink): SNSClient =>
  new SNSClient({
    region: 'us-east-1',
    endpoint: sink.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
