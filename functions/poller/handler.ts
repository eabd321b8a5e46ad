import { createDynamoDbClient, createS3Client } from '../adapters/aws-clients';
import { DynamoSourceRepository } from '../adapters/dynamo-source-repository';
import { S3ObjectWriter } from '../adapters/s3-object-store';
import { DEFAULT_FETCH_POLICY, guardedFetch, systemResolver } from '../adapters/web/guarded-fetch';
import { createFunctionRuntime, lambdaHandler } from '../runtime/handler-chain';
import { loadPollerConfig } from './config';
import { createPollEventHandler, type PollEvent } from './handle-poll-event';
import { createPollSources } from './poll-sources';

// Cold start: configuration and clients once per execution environment. Feeds are fetched through
// the SSRF guard only: public unicast destinations (loopback as well in the local twin).
const runtime = createFunctionRuntime('newswatch-poller');
const config = loadPollerConfig(process.env);
const policy = { ...DEFAULT_FETCH_POLICY, resolve: systemResolver, allowLoopback: config.allowLoopback };
const pollSources = createPollSources({
  sources: new DynamoSourceRepository(runtime.traced(createDynamoDbClient()), config.tableName),
  objects: new S3ObjectWriter(runtime.traced(createS3Client()), config.articlesBucket),
  fetch: (request) => guardedFetch(request, policy),
  articlesPrefix: config.articlesPrefix,
});
const handlePoll = createPollEventHandler({ pollSources, counter: runtime.counter });

// Invoked by the five-minute EventBridge schedule, or by `newswatch sources poll` with `{ sourceIds }`.
export const handler = lambdaHandler(runtime, (event: PollEvent, context) =>
  handlePoll(event, context.getRemainingTimeInMillis()),
);
