import type { ConsoleStore } from '../console-queries/console-store';
import type { TestArticleText } from './topic-test';

/** A request as the routes read it: the method, the path's segments, the query, the raw body. */
export interface ApiRequest {
  method: string;
  /** The path without its query, as sent (segments still URL-encoded). */
  path: string;
  query: Record<string, string>;
  body?: Uint8Array;
}

export interface ApiResponse {
  status: number;
  /** Absent: no body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the routes work with: the store, the analysis (loaded on first use) and the limits. */
export interface RouteDeps {
  store: ConsoleStore;
  loadTopicTest: () => Promise<TestArticleText>;
  maxArticleBytes: number;
}

export interface Route {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Under API_PREFIX; `:name` is one URL-decoded segment. */
  path: string;
  handle(request: ApiRequest, params: Record<string, string>, deps: RouteDeps): Promise<ApiResponse>;
}
