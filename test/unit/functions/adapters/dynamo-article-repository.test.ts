import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoArticleRepository } from '../../../../functions/adapters/dynamo-article-repository';
import { MATCHED_ATTRIBUTE } from '../../../../functions/contracts/table-schema';
import type { ArticleRecord } from '../../../../functions/ports/records';
import { articleTopicMatch } from '../../../support/match-factories';

const dynamo = mockClient(DynamoDBClient);
const repository = () => new DynamoArticleRepository(new DynamoDBClient({ region: 'eu-west-1' }), 'table');

const record = (overrides: Partial<ArticleRecord> = {}): ArticleRecord => ({
  key: 'articles/summit.txt',
  bucket: 'newswatch-articles',
  size: 120,
  sequencer: '0000000000000000000000000000000A',
  format: 'plain-text',
  title: 'Leaders may meet',
  titleGenerated: false,
  publishedAt: '2025-11-02',
  summary: ['Leaders may meet.'],
  summaryLine: 'Leaders may meet.',
  entities: { people: [], organizations: [], places: [] },
  entityDetails: [],
  dates: [],
  keyPhrases: [],
  wordCount: 3,
  contentHash: 'a'.repeat(64),
  ingestedAt: '2025-11-02T08:00:00.000Z',
  storyId: '2025-11-0123456789',
  storyRole: 'original',
  matches: [],
  ...overrides,
});

const writtenItem = () => unmarshall(dynamo.commandCalls(PutItemCommand)[0]!.args[0].input.Item!);

beforeEach(() => {
  dynamo.reset();
  dynamo.on(PutItemCommand).resolves({});
});

describe('DynamoArticleRepository.saveArticle: the matched marker the alert stream filter selects on', () => {
  it('marks an article that matched a topic', async () => {
    await repository().saveArticle(record({ matches: [articleTopicMatch()] }));
    expect(writtenItem()).toMatchObject({ type: 'Article', [MATCHED_ATTRIBUTE]: true });
  });

  it('leaves the marker out of an article that matched nothing', async () => {
    await repository().saveArticle(record());
    expect(writtenItem()).not.toHaveProperty(MATCHED_ATTRIBUTE);
  });
});
