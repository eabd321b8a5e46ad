import {
  API_PREFIX,
  type ApiError,
  type ApiIssue,
  type ArticleDetailView,
  type ArticleSummaryView,
  type HealthView,
  type Page,
  type RejectionView,
  type StoryDetailView,
  type StorySummaryView,
  type SubscriptionRequest,
  type SubscriptionView,
  type TopicListView,
  type TopicTestRequest,
  type TopicTestView,
  type TopicView,
} from '../../contracts/console-api';
import { authHeaders, onUnauthorized } from './auth';

/** An answer other than 2xx, with the API's message and the fields it found wrong. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | undefined>;

const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API_PREFIX + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) await onUnauthorized();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = parsed as Partial<ApiError> | undefined;
    throw new ApiFailure(
      response.status,
      typeof error?.error === 'string' ? error.error : `the API answered ${response.status}`,
      Array.isArray(error?.issues) ? error.issues : [],
    );
  }
  return parsed as T;
}

const id = (value: string): string => encodeURIComponent(value);

export const api = {
  stories: (query: Query) => call<Page<StorySummaryView>>('GET', withQuery('/stories', query)),
  story: (storyId: string) => call<StoryDetailView>('GET', `/stories/${id(storyId)}`),
  articles: (query: Query) => call<Page<ArticleSummaryView>>('GET', withQuery('/articles', query)),
  article: (key: string, entry?: string) =>
    call<ArticleDetailView>('GET', withQuery(`/articles/${id(key)}`, { entry })),
  topics: () => call<TopicListView>('GET', '/topics'),
  saveTopic: (topic: TopicView) => call<TopicView>('PUT', `/topics/${id(topic.id)}`, topic),
  deleteTopic: (topicId: string) => call<void>('DELETE', `/topics/${id(topicId)}`),
  testTopics: (request: TopicTestRequest) => call<TopicTestView>('POST', '/topics/test', request),
  subscriptions: (query: Query) => call<Page<SubscriptionView>>('GET', withQuery('/subscriptions', query)),
  subscribe: (request: SubscriptionRequest) => call<SubscriptionView>('POST', '/subscriptions', request),
  unsubscribe: (subscriptionId: string) => call<void>('DELETE', `/subscriptions/${id(subscriptionId)}`),
  rejections: (query: Query) => call<Page<RejectionView>>('GET', withQuery('/rejections', query)),
  health: () => call<HealthView>('GET', '/health'),
};

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
