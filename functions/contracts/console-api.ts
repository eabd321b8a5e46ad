import type { Certainty, MinimumCertainty } from './vocabulary';

/**
 * The console's JSON API (issue 16), defined once: the API function (functions/api) answers with
 * these shapes, the browser app (functions/console) reads them, and the local console serves the
 * same handler. Imports nothing but the vocabulary, so the browser bundle can load it.
 *
 * Every list is a page: `{ items, cursor? }` with at most `limit` items (default
 * DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE); pass `cursor` back for the next page. Every error is
 * `{ error, issues? }` with a 4xx (or 5xx) status.
 */

export const API_PREFIX = '/api';
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** A field the request got wrong: `path` as dotted keys (`actors.0.name`), `message` as the CLI says it. */
export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiError {
  error: string;
  issues?: ApiIssue[];
}

/** `GET /api/stories?topic=&certainty=&from=YYYY-MM-DD&to=YYYY-MM-DD&limit=&cursor=`, newest first. */
export interface StorySummaryView {
  storyId: string;
  title: string;
  firstSeen: string;
  lastSeen: string;
  /** Articles of the story, copies included. */
  articles: number;
  copies: number;
  outlets: string[];
  /** The story's certainty per topic id (its latest reported match). */
  certainty: Record<string, Certainty>;
}

export interface EvidenceView {
  sentence: string;
  certainty: Certainty;
  /** The cue words as written in `sentence`: the browser marks them, as text. */
  cues: string[];
  site?: string;
  participants?: string[];
  trigger?: string;
}

export interface TopicMatchView {
  topicId: string;
  topicName: string;
  certainty: Certainty;
  alerts: boolean;
  reported: boolean;
  /** What the match did: sent, duplicate, below-minimum, side-mention, digest, backfill… when known. */
  outcome?: string;
  evidence: EvidenceView[];
}

/** One article as a point on a story's timeline. */
export interface TimelineEntryView {
  key: string;
  entryId?: string;
  title: string;
  /** `YYYY-MM-DD`: publication date, else ingest date. */
  date: string;
  outlet: string | null;
  role: 'original' | 'copy';
  copyOf?: string;
  certainty: Record<string, Certainty>;
  /** What the article did to the story per topic (started, escalated, denied, repeat, side-mention…). */
  changes: Record<string, string>;
  matches: TopicMatchView[];
}

/** `GET /api/stories/:id` (the id URL-encoded). */
export interface StoryDetailView extends Omit<StorySummaryView, 'articles'> {
  articles: TimelineEntryView[];
}

export interface EntitiesView {
  people: string[];
  organizations: string[];
  places: string[];
}

/** `GET /api/articles?entity=&topic=&from=&to=&limit=&cursor=`, newest first. */
export interface ArticleSummaryView {
  key: string;
  entryId?: string;
  title: string;
  publishedAt: string | null;
  summaryLine?: string;
  source?: string;
  url?: string;
  storyId?: string;
  ingestedAt?: string;
  entities: EntitiesView;
  /** Topic ids this article matched. */
  topics: string[];
}

/** `GET /api/articles/:key` (the object key URL-encoded; `?entry=` for one entry of a feed). */
export interface ArticleDetailView extends ArticleSummaryView {
  summary: string[];
  /** Dates the article names, as resolved (`value`) beside the words (`text`). */
  dates: { text: string; value: string }[];
  wordCount?: number;
  matches: TopicMatchView[];
}

/** A topic as stored (the topics file's shape, see functions/domain/topics/topic-schema.ts). */
export interface TopicView {
  id: string;
  name: string;
  [field: string]: unknown;
}

/** `GET /api/topics`: `items` are the effective topics; `origin` says where each comes from. */
export interface TopicListView extends Page<TopicView & { origin: 'default' | 'stored' | 'overridden' }> {
  /** Stored definitions that no longer validate, with why. */
  invalid: { id: string; issues: string[] }[];
}

/** `PUT /api/topics/:id` takes a TopicView (its id must equal `:id`) and answers the saved topic. */
/** `DELETE /api/topics/:id` answers 204. */

/** `POST /api/topics/test`: an article as text; nothing is saved. */
export interface TopicTestRequest {
  /** The article itself: plain text, HTML, Markdown or JSON, as an upload would be. */
  text: string;
  /** Optional file name that tells the format (`x.html`, `x.md`, `x.json`); plain text otherwise. */
  filename?: string;
  /** Test these draft topics instead of the stored ones (the topic form's "try" button). */
  topics?: TopicView[];
}

export interface TopicTestView {
  entries: {
    entryId?: string;
    title: string;
    publishedAt: string | null;
    matches: TopicMatchView[];
  }[];
}

export const SUBSCRIPTION_PROTOCOLS = ['email', 'sms'] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

/** `GET /api/subscriptions` (signed-in users only: endpoints are personal data). */
export interface SubscriptionView {
  /** The subscription ARN: DELETE /api/subscriptions/:id takes it URL-encoded. */
  id: string;
  protocol: string;
  endpoint: string;
  pendingConfirmation: boolean;
  topics: string[] | 'all';
  minimumCertainty: string;
}

/** `POST /api/subscriptions` answers 201 with the SubscriptionView. */
export interface SubscriptionRequest {
  protocol: SubscriptionProtocol;
  endpoint: string;
  topics?: string[];
  minimumCertainty?: MinimumCertainty;
}

/** `GET /api/rejections?from=&to=&limit=&cursor=`, newest first. */
export interface RejectionView {
  key: string;
  reason: string;
  detail: string;
  rejectedAt: string;
  size?: number;
}

/** `GET /api/health`. */
export interface HealthView {
  /** Messages waiting in each dead-letter queue (`null` when it cannot be read here, e.g. locally). */
  deadLetterQueues: { name: string; depth: number | null }[];
  /** ingestedAt of the newest article, or null when there is none. */
  lastIngest: string | null;
  /** The stack's alarms and their states (empty locally). */
  alarms: { name: string; state: string }[];
}

/**
 * `GET /config.json` beside the app: how the browser signs in. Deployed: Cognito's hosted sign-in
 * (authorisation code with PKCE); locally: none (the console is bound to 127.0.0.1).
 */
export type ConsoleConfig =
  | { auth: { type: 'none' } }
  | {
      auth: {
        type: 'cognito';
        /** `https://<prefix>.auth.<region>.amazoncognito.com` */
        domain: string;
        clientId: string;
        /** Where Cognito sends the browser back: the console's URL. */
        redirectUri: string;
      };
    };
