import { describe, expect, it } from 'vitest';
import { effectiveTopics } from '../../../../../functions/domain/topics/topic-catalogue';
import { parseTopic, type Topic } from '../../../../../functions/domain/topics/topic-schema';
import type { StoredTopic } from '../../../../../functions/domain/topics/topic-catalogue';

/** A valid definition of a given id, as the CLI would store it (defaults left out). */
const definition = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: `Topic ${id}`,
  actors: [{ name: 'Federal Reserve' }],
  event: { type: 'rate decision', triggers: ['cut'] },
  ...overrides,
});
const defaultTopic = (id: string, overrides: Record<string, unknown> = {}): Topic =>
  parseTopic(definition(id, overrides));
const stored = (id: string, overrides: Record<string, unknown> = {}): StoredTopic => ({
  id,
  definition: definition(id, overrides),
});
const tombstone = (id: string): StoredTopic => ({ id, removed: true });

const ids = (topics: Topic[]) => topics.map((topic) => topic.id);

describe('effectiveTopics', () => {
  it('is the defaults, sorted by id, when the table is empty', () => {
    const result = effectiveTopics([defaultTopic('zz-last'), defaultTopic('aa-first')], []);
    expect(ids(result.topics)).toEqual(['aa-first', 'zz-last']);
    expect(result.invalid).toEqual([]);
  });

  it('adds stored topics of new ids, validated with their defaults filled in', () => {
    const result = effectiveTopics(
      [defaultTopic('mm-default')],
      [stored('bb-stored', { delivery: 'digest' })],
    );
    expect(ids(result.topics)).toEqual(['bb-stored', 'mm-default']);
    expect(result.topics[0]).toMatchObject({ delivery: 'digest', description: '' });
  });

  it('lets a stored definition override the default of the same id', () => {
    const result = effectiveTopics(
      [defaultTopic('fed-rates', { name: 'Shipped name' })],
      [stored('fed-rates', { name: 'Edited name', query: 'rate* NEAR/3 cut' })],
    );
    expect(result.topics).toHaveLength(1);
    expect(result.topics[0]).toMatchObject({
      id: 'fed-rates',
      name: 'Edited name',
      query: 'rate* NEAR/3 cut',
    });
  });

  it('hides a default behind a tombstone, and ignores a tombstone with nothing to hide', () => {
    const result = effectiveTopics(
      [defaultTopic('kept'), defaultTopic('removed')],
      [tombstone('removed'), tombstone('never-existed')],
    );
    expect(ids(result.topics)).toEqual(['kept']);
    expect(result.invalid).toEqual([]);
  });

  it('reports an invalid stored definition, keeps that id’s default and loads the other items', () => {
    const result = effectiveTopics(
      [defaultTopic('fed-rates', { name: 'Shipped name' }), defaultTopic('other')],
      [
        stored('fed-rates', { name: 'Broken edit', query: 'rate NOT' }),
        stored('brand-new', { delivery: 'weekly' }),
        stored('good-one'),
        tombstone('other'),
      ],
    );
    expect(ids(result.topics)).toEqual(['fed-rates', 'good-one']);
    expect(result.topics[0]?.name).toBe('Shipped name');
    expect(result.invalid.map((problem) => problem.id)).toEqual(['fed-rates', 'brand-new']);
    expect(result.invalid[0]?.error).toContain('expected a term after NOT at column 9');
    expect(result.invalid[0]?.error).toMatch(/→ at query/);
    expect(result.invalid[1]?.error).toMatch(/→ at delivery/);
  });

  it('reports a definition that is not an object at all, without throwing', () => {
    const result = effectiveTopics([], [{ id: 'garbage', definition: 'not a topic' }, stored('fine')]);
    expect(ids(result.topics)).toEqual(['fine']);
    expect(result.invalid).toEqual([
      { id: 'garbage', error: expect.stringMatching(/invalid topic definition/) },
    ]);
  });

  it('reports a definition whose id is not the id it is stored under', () => {
    const result = effectiveTopics(
      [defaultTopic('trump-kim-summit')],
      [{ id: 'trump-kim-summit', definition: definition('something-else') }],
    );
    expect(ids(result.topics)).toEqual(['trump-kim-summit']);
    expect(result.invalid).toEqual([
      { id: 'trump-kim-summit', error: 'definition has id "something-else", stored as "trump-kim-summit"' },
    ]);
  });

  it('does not change the defaults it was given', () => {
    const defaults = [defaultTopic('bbb'), defaultTopic('aaa')];
    effectiveTopics(defaults, [tombstone('aaa'), stored('bbb', { name: 'Changed' })]);
    expect(ids(defaults)).toEqual(['bbb', 'aaa']);
    expect(defaults[0]?.name).toBe('Topic bbb');
  });
});
