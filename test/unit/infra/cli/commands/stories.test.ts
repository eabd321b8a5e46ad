import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseStoryId } from '../../../../../infra/cli/args';
import type { DeployedBackend } from '../../../../../infra/cli/environment';
import { renderStories, renderStory } from '../../../../../infra/cli/commands/stories';
import {
  groupStories,
  outletOf,
  storiesWindow,
  storyArticleOf,
  storyDetail,
  storySearchStart,
  type StoryArticle,
} from '../../../../../functions/console-queries/story-queries';
import { runCli } from '../../../../../infra/cli/program';
import { articleImage } from '../../../../support/article-factories';
import { articleTopicMatch } from '../../../../support/match-factories';
import { captureIo } from '../support';

const SUMMIT = '2025-10-1a2b3c4d5e';
const STORM = '2025-11-99aa88bb77';

/** An Article item of a content story, as ingest writes it. */
const storyItem = (key: string, overrides: Record<string, unknown> = {}) =>
  articleImage({
    pk: `ARTICLE#${key}`,
    key,
    title: `Title of ${key}`,
    storyId: SUMMIT,
    storyRole: 'original',
    ingestedAt: '2025-11-05T08:00:00.000Z',
    matches: [],
    ...overrides,
  });

const article = (key: string, overrides: Record<string, unknown> = {}): StoryArticle => {
  const read = storyArticleOf(storyItem(key, overrides));
  if (!read) throw new Error(`${key} has no story`);
  return read;
};

/** Marshalled as DynamoDB returns it. */
const item = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });

const summit = (certainty: string, extra: Record<string, unknown> = {}) =>
  articleTopicMatch({ certainty: certainty as never, ...extra });

describe('the story view of an Article item', () => {
  it('dates it by publication, else by ingest; names the outlet by source, url host or upload folder', () => {
    expect(article('articles/a.txt', { publishedAt: '2025-10-27' }).date).toBe('2025-10-27');
    expect(article('articles/a.txt', { publishedAt: null }).date).toBe('2025-11-05');
    expect(outletOf({ source: 'Reuters', url: 'https://www.bbc.co.uk/x', key: 'articles/ap/a.txt' })).toBe(
      'Reuters',
    );
    expect(outletOf({ url: 'https://www.bbc.co.uk/news/1', key: 'articles/ap/a.txt' })).toBe('bbc.co.uk');
    expect(outletOf({ url: 'not a url', key: 'articles/ap/a.txt' })).toBe('ap');
    expect(outletOf({ key: 'articles/a.txt' })).toBeNull();
  });

  it('keeps a copy’s original and leaves out items without a story', () => {
    expect(article('articles/b.txt', { storyRole: 'copy', copyOf: 'articles/a.txt' })).toMatchObject({
      role: 'copy',
      copyOf: 'articles/a.txt',
    });
    expect(storyArticleOf(storyItem('articles/old.txt', { storyId: undefined }))).toBeUndefined();
    expect(storyArticleOf(storyItem('articles/gone.txt', { type: 'DeletedArticle' }))).toBeUndefined();
  });
});

describe('a story in order', () => {
  // Out of order on purpose: the walk is by date, then by ingest time.
  const articles = [
    article('articles/4-denied.txt', { publishedAt: '2025-10-30', matches: [summit('denied')] }),
    article('articles/1-maybe.txt', {
      publishedAt: '2025-10-20',
      source: 'Reuters',
      matches: [
        summit('speculative'),
        articleTopicMatch({ topicId: 'fed', certainty: 'planned', alerts: false }),
      ],
    }),
    article('articles/2-wire.txt', {
      publishedAt: '2025-10-20',
      ingestedAt: '2025-11-05T09:00:00.000Z',
      source: 'AP',
      storyRole: 'copy',
      copyOf: 'articles/1-maybe.txt',
      matches: [summit('speculative')],
    }),
    article('articles/3-date-set.txt', {
      publishedAt: '2025-10-25',
      source: 'Reuters',
      matches: [summit('planned'), summit('planned', { topicId: 'talks', reported: false })],
    }),
    article('articles/3b-again.txt', { publishedAt: '2025-10-26', matches: [summit('speculative')] }),
  ];

  it('tells each change in the order ingest stored the articles, as the alert function claimed them', () => {
    // Another outlet's report dated a day earlier, uploaded after the first: the first alerted.
    const story = storyDetail([
      article('articles/first-uploaded.txt', {
        publishedAt: '2025-10-20',
        ingestedAt: '2025-10-20T09:00:00.000Z',
        matches: [summit('speculative')],
      }),
      article('articles/dated-earlier.txt', {
        publishedAt: '2025-10-19',
        ingestedAt: '2025-10-21T09:00:00.000Z',
        matches: [summit('speculative')],
      }),
    ]);
    expect(story.articles.map((a) => [a.key, a.changes['trump-kim-summit']])).toEqual([
      ['articles/dated-earlier.txt', 'duplicate'],
      ['articles/first-uploaded.txt', 'new'],
    ]);
  });

  it('lists the articles oldest first with the change each made per topic', () => {
    const story = storyDetail(articles);
    expect(story.articles.map((a) => [a.key, a.role, a.certainty, a.changes])).toEqual([
      [
        'articles/1-maybe.txt',
        'original',
        { 'trump-kim-summit': 'speculative', fed: 'planned' },
        { 'trump-kim-summit': 'new', fed: 'below-minimum' },
      ],
      [
        'articles/2-wire.txt',
        'copy',
        { 'trump-kim-summit': 'speculative' },
        { 'trump-kim-summit': 'duplicate' },
      ],
      [
        'articles/3-date-set.txt',
        'original',
        { 'trump-kim-summit': 'planned', talks: 'planned' },
        { 'trump-kim-summit': 'escalated', talks: 'side-mention' },
      ],
      [
        'articles/3b-again.txt',
        'original',
        { 'trump-kim-summit': 'speculative' },
        { 'trump-kim-summit': 'duplicate' },
      ],
      [
        'articles/4-denied.txt',
        'original',
        { 'trump-kim-summit': 'denied' },
        { 'trump-kim-summit': 'flipped' },
      ],
    ]);
    expect(story.articles[1]?.copyOf).toBe('articles/1-maybe.txt');
  });

  it('sums the story up: first original’s title, dates, copies, outlets, certainty per topic', () => {
    const [summary] = groupStories(articles);
    expect(summary).toEqual({
      storyId: SUMMIT,
      title: 'Title of articles/1-maybe.txt',
      firstSeen: '2025-10-20',
      lastSeen: '2025-10-30',
      articles: 5,
      copies: 1,
      outlets: ['AP', 'Reuters'],
      // Alerted topics: the certainty reached; topics never alerted: the newest article's.
      certainty: { fed: 'planned', talks: 'planned', 'trump-kim-summit': 'denied' },
    });
  });

  it('a duplicate that steps down leaves the certainty the story alerted at', () => {
    const story = storyDetail(articles.filter((a) => !a.key.includes('denied')));
    expect(story.certainty['trump-kim-summit']).toBe('planned');
  });

  it('the title is an original’s even when a copy is dated first', () => {
    const story = storyDetail([
      article('articles/copy.txt', {
        publishedAt: '2025-10-01',
        storyRole: 'copy',
        copyOf: 'articles/o.txt',
      }),
      article('articles/o.txt', { publishedAt: '2025-10-02' }),
    ]);
    expect(story.title).toBe('Title of articles/o.txt');
  });
});

describe('stories', () => {
  const storm = article('articles/storm.txt', { storyId: STORM, publishedAt: '2025-11-04' });
  const earlier = article('articles/earlier.txt', {
    storyId: '2025-09-0000000000',
    publishedAt: '2025-11-04',
  });
  const summitArticle = article('articles/summit.txt', {
    publishedAt: '2025-10-27',
    matches: [summit('speculative')],
  });

  it('newest first by last seen, then first seen; --topic keeps the stories that matched it', () => {
    const earlierStart = article('articles/earlier-start.txt', {
      storyId: '2025-09-0000000000',
      publishedAt: '2025-09-30',
    });
    expect(groupStories([summitArticle, earlier, storm, earlierStart]).map((s) => s.storyId)).toEqual([
      STORM,
      '2025-09-0000000000',
      SUMMIT,
    ]);
    expect(groupStories([summitArticle, storm], { topic: 'trump-kim-summit' }).map((s) => s.storyId)).toEqual(
      [SUMMIT],
    );
  });

  it('reads 90 days back by default; a story from the month before it began', () => {
    expect(storiesWindow({}, new Date('2026-03-01T12:00:00Z'))).toEqual({ from: '2025-12-01' });
    expect(storiesWindow({ to: '2025-11-30' })).toEqual({ from: '2025-09-01', to: '2025-11-30' });
    expect(storiesWindow({ from: '2025-10-01' })).toEqual({ from: '2025-10-01' });
    expect(storySearchStart('2025-11-3fa9c1d2e4')).toBe('2025-10-01');
    expect(storySearchStart('2026-01-3fa9c1d2e4')).toBe('2025-12-01');
  });

  it('takes a story id alone or as matches shows it, and refuses anything else', () => {
    expect(parseStoryId('2025-11-3fa9c1d2e4')).toBe('2025-11-3fa9c1d2e4');
    expect(parseStoryId('trump-kim-summit#2025-11-3fa9c1d2e4')).toBe('2025-11-3fa9c1d2e4');
    expect(() => parseStoryId('trump-kim-summit#2025-11')).toThrow(/expected a story id/);
  });

  it('prints a table of stories and a story with its articles', () => {
    expect(renderStories([])).toBe('(no stories)\n');
    const table = renderStories(groupStories([summitArticle, storm]));
    expect(table).toMatch(/│ last seen +│ first seen +│ story +│ title/);
    expect(table).toMatch(
      /│ 2025-10-27 +│ 2025-10-27 +│ 2025-10-1a2b3c4d5e │ Title of articles\/summit\.txt .*│ 1 +│ +│ trump-kim-summit: speculative │/,
    );
    const copy = article('articles/wire.txt', {
      publishedAt: '2025-10-28',
      storyRole: 'copy',
      copyOf: 'articles/summit.txt',
      source: 'AP',
      matches: [summit('speculative')],
    });
    const text = renderStory(storyDetail([summitArticle, copy]));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Title of articles/summit.txt',
      `story ${SUMMIT}  ·  first seen 2025-10-27  ·  last seen 2025-10-28  ·  2 articles (1 copy)  ·  outlets: AP`,
      'certainty: trump-kim-summit: speculative',
    ]);
    expect(text).toMatch(
      /│ 2025-10-27 │ articles\/summit\.txt │ - +│ original +│ trump-kim-summit: speculative, new +│/,
    );
    expect(text).toMatch(
      /│ 2025-10-28 │ articles\/wire\.txt +│ AP +│ copy of articles\/summit\.txt │ trump-kim-summit: speculative, duplicate │/,
    );
  });
});

describe('newswatch stories / story (against a mocked table)', () => {
  const dynamo = mockClient(DynamoDBClient);
  const backend = (): DeployedBackend =>
    ({
      mode: 'deployed',
      stackName: 'Newswatch',
      table: async () => ({ client: new DynamoDBClient({ region: 'eu-west-2' }), tableName: 'T' }),
      close: async () => {},
    }) as unknown as DeployedBackend;
  const run = async (...argv: string[]) => {
    const io = captureIo();
    const code = await runCli(argv, { io, deployedBackend: backend });
    return { code, out: io.out(), err: io.err() };
  };
  const sortKeyRange = (call: number) => {
    const values = dynamo.commandCalls(QueryCommand)[call]?.args[0].input.ExpressionAttributeValues;
    return [values?.[':from']?.S, values?.[':to']?.S];
  };

  beforeEach(() => {
    dynamo.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-12-01T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('--json: the stories of the last 90 days, undated articles by their ingest day', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          item(storyItem('articles/storm.txt', { storyId: STORM, publishedAt: '2025-11-04' })),
          item(storyItem('articles/summit.txt', { publishedAt: '2025-10-27', matches: [summit('planned')] })),
          item(storyItem('articles/old.txt', { publishedAt: '2025-10-26', storyId: undefined })),
        ],
      })
      .resolves({
        Items: [
          item(storyItem('articles/undated.txt', { publishedAt: null, ingestedAt: '2025-11-20T08:00:00Z' })),
          item(storyItem('articles/long-ago.txt', { publishedAt: null, ingestedAt: '2025-01-20T08:00:00Z' })),
        ],
      });
    const result = await run('--json', 'stories');
    expect(result.code, result.err).toBe(0);
    expect(sortKeyRange(0)).toEqual(['2025-09-02', '9999\uffff']);
    expect(sortKeyRange(1)).toEqual(['0000-00-00', '0000-00-00\uffff']);
    const { stories } = JSON.parse(result.out) as { stories: Record<string, unknown>[] };
    expect(stories).toEqual([
      {
        storyId: SUMMIT,
        title: 'Title of articles/summit.txt',
        firstSeen: '2025-10-27',
        lastSeen: '2025-11-20',
        articles: 2,
        copies: 0,
        outlets: [],
        certainty: { 'trump-kim-summit': 'planned' },
      },
      expect.objectContaining({ storyId: STORM, articles: 1 }),
    ]);
  });

  it('story <id> --json: its articles from the month before it began; an unknown id exits 1', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          item(storyItem('articles/other.txt', { storyId: STORM, publishedAt: '2025-11-04' })),
          item(
            storyItem('articles/feed.xml', {
              publishedAt: '2025-10-27',
              entryId: 'guid-1',
              matches: [summit('planned')],
            }),
          ),
        ],
      })
      .resolves({ Items: [] });
    const result = await run('--json', 'story', SUMMIT);
    expect(result.code, result.err).toBe(0);
    expect(sortKeyRange(0)).toEqual(['2025-09-01', '9999\uffff']);
    expect(JSON.parse(result.out)).toEqual({
      storyId: SUMMIT,
      title: 'Title of articles/feed.xml',
      firstSeen: '2025-10-27',
      lastSeen: '2025-10-27',
      copies: 0,
      outlets: [],
      certainty: { 'trump-kim-summit': 'planned' },
      articles: [
        {
          key: 'articles/feed.xml',
          entryId: 'guid-1',
          title: 'Title of articles/feed.xml',
          date: '2025-10-27',
          outlet: null,
          role: 'original',
          certainty: { 'trump-kim-summit': 'planned' },
          changes: { 'trump-kim-summit': 'new' },
        },
      ],
    });

    dynamo.reset();
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const missing = await run('story', '2025-11-0123456789');
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: 'newswatch: no story 2025-11-0123456789 (see: newswatch stories)\n',
    });
    const bad = await run('story', 'summit');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/^newswatch: .*expected a story id such as 2025-11-3fa9c1d2e4/);
  });
});
