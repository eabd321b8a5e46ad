import type { SubscriptionView, TopicTestView } from '../contracts/console-api';
import { validateTopic, type Topic } from '../domain/topics/topic-schema';
import { InvalidRequestError, PayloadTooLargeError } from './api-errors';
import {
  noQuery,
  normalisedEndpoint,
  parseOr400,
  subscriptionIdParam,
  subscriptionRequest,
  topicIdParam,
  topicTestRequest,
} from './request-schemas';
import type { ApiRequest, Route } from './route-types';
import { subscriptionView } from './views';

/** A topic or a subscription is a few kilobytes; anything near this is not one. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;
/** Room in a topic test's body beside the article: its JSON envelope and the draft topics. */
const TEST_ENVELOPE_BYTES = 64 * 1024;

/** The body as JSON, after its size; a body that is not JSON is a 400. */
function jsonBody(request: ApiRequest, limit: number): unknown {
  const bytes = request.body ?? new Uint8Array();
  if (bytes.length > limit) throw new PayloadTooLargeError(bytes.length, limit);
  if (bytes.length === 0) throw new InvalidRequestError('the request needs a JSON body');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new InvalidRequestError('the body is not valid JSON');
  }
}

/** Topic definitions checked as `topics add` checks them, every problem under `path`. */
function topicOr400(input: unknown, path: readonly (string | number)[] = []): Topic {
  const result = validateTopic(input);
  if (result.ok) return result.topic;
  const prefix = path.map(String).join('.');
  throw new InvalidRequestError(
    'invalid topic definition',
    result.issues.map((issue) => ({
      path: [prefix, issue.path].filter(Boolean).join('.'),
      message: issue.message,
    })),
  );
}

/** Topic writes, the topic test and subscriptions. */
export const writeRoutes: readonly Route[] = [
  // Before `/topics/:id`, which would take `test` as an id.
  {
    method: 'POST',
    path: '/topics/test',
    async handle(request, _params, { store, loadTopicTest, maxArticleBytes }) {
      parseOr400(noQuery, request.query, 'query');
      const body = parseOr400(
        topicTestRequest,
        jsonBody(request, maxArticleBytes + TEST_ENVELOPE_BYTES),
        'topic test',
      );
      const textBytes = new TextEncoder().encode(body.text).length;
      if (textBytes > maxArticleBytes) throw new PayloadTooLargeError(textBytes, maxArticleBytes);
      const topics =
        body.topics === undefined
          ? (await store.topics()).topics
          : body.topics.map((topic, index) => topicOr400(topic, ['topics', index]));
      const testArticleText = await loadTopicTest();
      const result: TopicTestView = testArticleText(body, topics, maxArticleBytes);
      return { status: 200, body: result };
    },
  },
  {
    method: 'PUT',
    path: '/topics/:id',
    async handle(request, params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      const id = parseOr400(topicIdParam, params.id, 'topic id');
      const topic = topicOr400(jsonBody(request, MAX_JSON_BODY_BYTES));
      if (topic.id !== id) {
        throw new InvalidRequestError('invalid topic definition', [
          { path: 'id', message: `the definition has id "${topic.id}", the URL "${id}"` },
        ]);
      }
      await store.putTopic(topic);
      return { status: 200, body: topic };
    },
  },
  {
    method: 'DELETE',
    path: '/topics/:id',
    async handle(request, params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      // A missing topic is the store's TopicNotFoundError: a 404.
      await store.removeTopic(parseOr400(topicIdParam, params.id, 'topic id'));
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/subscriptions',
    async handle(request, _params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      // A topic has a handful of subscribers: one page, never more than the contract's bound.
      const rows = await store.subscriptions();
      return { status: 200, body: { items: rows.slice(0, 100).map(subscriptionView) } };
    },
  },
  {
    method: 'POST',
    path: '/subscriptions',
    async handle(request, _params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      const body = parseOr400(subscriptionRequest, jsonBody(request, MAX_JSON_BODY_BYTES), 'subscription');
      const endpoint = normalisedEndpoint(body.protocol, body.endpoint);
      const minimumCertainty = body.minimumCertainty ?? 'speculative';
      const result = await store.subscribe({
        protocol: body.protocol,
        endpoint,
        ...(body.topics === undefined ? {} : { topics: body.topics }),
        minimumCertainty,
      });
      const view: SubscriptionView = {
        id: result.subscriptionArn,
        protocol: body.protocol,
        endpoint,
        pendingConfirmation: result.pendingConfirmation,
        topics: body.topics ?? 'all',
        minimumCertainty,
      };
      return { status: result.action === 'created' ? 201 : 200, body: view };
    },
  },
  {
    method: 'DELETE',
    path: '/subscriptions/:id',
    async handle(request, params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      // None with that ARN is a NotFoundError (404); one awaiting confirmation a ConflictError (409).
      await store.unsubscribe(parseOr400(subscriptionIdParam, params.id, 'subscription id'));
      return { status: 204 };
    },
  },
];
