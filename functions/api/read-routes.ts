import type { HealthView, TopicListView } from '../contracts/console-api';
import { ResourceNotFoundError } from './api-errors';
import { pageOf, pageRequest, readThrough } from './paging';
import {
  articleKeyParam,
  articleQuery,
  articlesQuery,
  noQuery,
  pagingQuery,
  parseOr400,
  rejectionsQuery,
  storiesQuery,
  storyIdParam,
} from './request-schemas';
import type { Route } from './route-types';
import {
  articleDetailView,
  articleSummaryView,
  rejectionView,
  storyDetailView,
  storySummaryView,
} from './views';

/** Everything a list with a certainty filter reads: the stories of the window are grouped whole anyway. */
const WHOLE_WINDOW = Number.MAX_SAFE_INTEGER;

const dates = (query: { from?: string | undefined; to?: string | undefined }) => ({
  ...(query.from === undefined ? {} : { from: query.from }),
  ...(query.to === undefined ? {} : { to: query.to }),
});

/** The GET routes: stories, articles, topics, rejections and health. */
export const readRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/stories',
    async handle(request, _params, { store }) {
      const query = parseOr400(storiesQuery, request.query, 'query');
      const page = pageRequest(query);
      const stories = await store.stories({
        ...dates(query),
        ...(query.topic === undefined ? {} : { topic: query.topic }),
        limit: query.certainty === undefined ? readThrough(page) : WHOLE_WINDOW,
      });
      // With a topic, its certainty; without, any topic's.
      const kept =
        query.certainty === undefined
          ? stories
          : stories.filter((story) =>
              query.topic === undefined
                ? Object.values(story.certainty).includes(query.certainty as never)
                : story.certainty[query.topic] === query.certainty,
            );
      return { status: 200, body: pageOf(kept, page, storySummaryView) };
    },
  },
  {
    method: 'GET',
    path: '/stories/:id',
    async handle(request, params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      const id = parseOr400(storyIdParam, params.id, 'story id');
      const story = await store.story(id);
      if (!story) throw new ResourceNotFoundError(`no story ${id}`);
      return { status: 200, body: storyDetailView(story) };
    },
  },
  {
    method: 'GET',
    path: '/articles',
    async handle(request, _params, { store }) {
      const query = parseOr400(articlesQuery, request.query, 'query');
      const page = pageRequest(query);
      const articles = await store.articles({
        ...dates(query),
        ...(query.topic === undefined ? {} : { topic: query.topic }),
        ...(query.entity === undefined ? {} : { entity: query.entity }),
        limit: readThrough(page),
      });
      return { status: 200, body: pageOf(articles, page, articleSummaryView) };
    },
  },
  {
    method: 'GET',
    path: '/articles/:key',
    async handle(request, params, { store }) {
      const { entry } = parseOr400(articleQuery, request.query, 'query');
      const key = parseOr400(articleKeyParam, params.key, 'article key');
      const article = await store.article(key, entry);
      if (!article)
        throw new ResourceNotFoundError(`no article ${key}${entry === undefined ? '' : `#${entry}`}`);
      return { status: 200, body: articleDetailView(article) };
    },
  },
  {
    method: 'GET',
    path: '/topics',
    async handle(request, _params, { store }) {
      const page = pageRequest(parseOr400(pagingQuery, request.query, 'query'));
      const listing = await store.topics();
      const body: TopicListView = {
        ...pageOf(listing.topics, page, (topic) => topic),
        invalid: listing.invalid.map((problem) => ({
          id: problem.id,
          issues: problem.error
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        })),
      };
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/rejections',
    async handle(request, _params, { store }) {
      const query = parseOr400(rejectionsQuery, request.query, 'query');
      const page = pageRequest(query);
      const rows = await store.rejections({ ...dates(query), limit: readThrough(page) });
      return { status: 200, body: pageOf(rows, page, rejectionView) };
    },
  },
  {
    method: 'GET',
    path: '/health',
    async handle(request, _params, { store }) {
      parseOr400(noQuery, request.query, 'query');
      const [deadLetterQueues, lastIngest, alarms] = await Promise.all([
        store.deadLetterQueues(),
        store.lastIngest(),
        store.alarms(),
      ]);
      const body: HealthView = { deadLetterQueues, lastIngest, alarms };
      return { status: 200, body };
    },
  },
];
