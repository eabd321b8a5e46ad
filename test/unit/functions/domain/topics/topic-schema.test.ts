import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopicQuery } from '../../../../../functions/domain/topics/topic-query';
import {
  InvalidTopicsError,
  parseTopic,
  parseTopics,
  type TopicDefinition,
} from '../../../../../functions/domain/topics/topic-schema';

/** A minimal valid definition; each test changes only what it is about. */
const definition = (overrides: Record<string, unknown> = {}): TopicDefinition & Record<string, unknown> => ({
  id: 'ecb-rate-decision',
  name: 'ECB interest-rate decision',
  actors: [{ name: 'European Central Bank', shortNames: ['ECB'] }],
  event: { type: 'rate decision', triggers: ['cut', 'raised', 'held'] },
  ...overrides,
});

const errorOf = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTopicsError);
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
};

describe('parseTopic: one definition', () => {
  it('fills in the defaults: instant delivery, no query', () => {
    const topic = parseTopic(definition());
    expect(topic).toMatchObject({ delivery: 'instant', minimumCertainty: 'speculative', description: '' });
    expect(topic.query).toBeUndefined();
    expect(topic.actors[0]?.aliases).toEqual([]);
  });

  it('keeps a digest delivery and a valid query', () => {
    const query = '"interest rate*" NEAR/5 (cut* OR rais* OR held)';
    expect(parseTopic(definition({ delivery: 'digest', query }))).toMatchObject({
      delivery: 'digest',
      query,
    });
  });

  it('rejects a bad query with its path and the parser’s column', () => {
    const message = errorOf(() => parseTopic(definition({ query: 'rates AND NOT' })));
    expect(message).toMatch(/^invalid topic definition:/);
    expect(message).toContain(
      'invalid query: expected a term after NOT at column 14, found the end of the query',
    );
    expect(message).toMatch(/→ at query$/m);
  });

  it('rejects an empty query rather than reading it as "match everything"', () => {
    expect(errorOf(() => parseTopic(definition({ query: '  ' })))).toMatch(/→ at query$/m);
  });

  it('rejects an unknown delivery with its path', () => {
    const message = errorOf(() => parseTopic(definition({ delivery: 'weekly' })));
    expect(message).toMatch(/"instant"\|"digest"/);
    expect(message).toMatch(/→ at delivery$/m);
  });

  it('reports the query along with the other problems of the same definition', () => {
    const message = errorOf(() => parseTopic(definition({ id: 'Bad Id', query: 'kim)' })));
    expect(message).toMatch(/→ at id$/m);
    expect(message).toContain('expected the end of the query at column 4, found ")"');
  });

  it('rejects what is not a definition at all', () => {
    expect(errorOf(() => parseTopic(null))).toMatch(/invalid topic definition/);
    expect(errorOf(() => parseTopic('trump-kim-summit'))).toMatch(/invalid topic definition/);
  });
});

describe('parseTopics: the topics file', () => {
  it('locates a bad query and a bad delivery in the list', () => {
    const message = errorOf(() =>
      parseTopics({
        topics: [
          definition(),
          definition({ id: 'second', query: 'kim NEAR/99 trump' }),
          definition({ id: 'third', delivery: 'hourly' }),
        ],
      }),
    );
    expect(message).toMatch(/^invalid topic definitions:/);
    expect(message).toContain('expected a distance from 1 to 50 after NEAR/ at column 10, found 99');
    expect(message).toMatch(/→ at topics\[1\]\.query$/m);
    expect(message).toMatch(/→ at topics\[2\]\.delivery$/m);
    expect(message).not.toMatch(/topics\[0\]/);
  });
});

describe('the shipped seeds/topics.json', () => {
  const topics = parseTopics(JSON.parse(readFileSync('seeds/topics.json', 'utf8')));
  const byId = new Map(topics.map((topic) => [topic.id, topic]));

  it('keeps the summit topic instant and without a query', () => {
    expect(byId.get('trump-kim-summit')).toMatchObject({ delivery: 'instant' });
    expect(byId.get('trump-kim-summit')?.query).toBeUndefined();
  });

  it('has a digest topic whose query uses NEAR', () => {
    const digest = topics.find((topic) => topic.delivery === 'digest');
    expect(digest?.query).toMatch(/NEAR\/\d+/);
    expect(() => parseTopicQuery(digest?.query ?? '')).not.toThrow();
  });
});
