import { describe, expect, it } from 'vitest';
import {
  ENTITY_BITS,
  ENTITY_TAGS,
  TAG_COUNT,
  documentContext,
} from '../../../../../../functions/domain/language/entities/entity-features';
import {
  allowedAfter,
  createEntityTagger,
  spansOfTags,
} from '../../../../../../functions/domain/language/entities/entity-tagger';
import { tagEntities } from '../../../../../../functions/domain/language/entities/tag-entities';
import { WeightsFormatError } from '../../../../../../functions/domain/language/syntax/weights-codec';
import { tagTokens } from '../../../../../../functions/domain/topics/certainty/event-factuality';

const tag = (...tags: string[]) => tags.map((t) => ENTITY_TAGS.indexOf(t as (typeof ENTITY_TAGS)[number]));

/** The shipped tagger on a sentence given as space-separated tokens. */
const shipped = (sentence: string) => {
  const tokens = sentence.split(' ');
  const words = tagTokens(tokens).map((w, i) => ({ text: tokens[i] ?? '', pos: w.pos }));
  return tagEntities(words, documentContext(tokens)).map((span) => ({
    text: tokens.slice(span.start, span.end).join(' '),
    kind: span.kind,
  }));
};

describe('BIO decoding', () => {
  it('lets an I- tag continue only a name of its own kind', () => {
    const [o, bPer, iPer, , iOrg] = tag('O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG');
    expect(allowedAfter(bPer!, iPer!)).toBe(true);
    expect(allowedAfter(iPer!, iPer!)).toBe(true);
    expect(allowedAfter(bPer!, iOrg!)).toBe(false);
    expect(allowedAfter(o!, iPer!)).toBe(false);
    expect(allowedAfter(o!, bPer!)).toBe(true);
  });

  it('reads spans off a tag sequence, a stray I- opening a name', () => {
    expect(spansOfTags(tag('B-PER', 'I-PER', 'O', 'I-LOC', 'B-ORG', 'B-ORG', 'I-ORG'))).toEqual([
      { start: 0, end: 2, kind: 'person' },
      { start: 3, end: 4, kind: 'place' },
      { start: 4, end: 5, kind: 'organization' },
      { start: 5, end: 7, kind: 'organization' },
    ]);
  });
});

describe('the shipped entity tagger', () => {
  it('refuses weights made for another table or other tags', () => {
    const table = { bits: ENTITY_BITS, classes: TAG_COUNT, scale: 1, count: 0, entries: '' };
    expect(() =>
      createEntityTagger({ format: 1, source: '', tags: ENTITY_TAGS, table: { ...table, bits: 12 } }),
    ).toThrow(WeightsFormatError);
    expect(() => createEntityTagger({ format: 1, source: '', tags: ['O', 'B-X'], table })).toThrow(
      WeightsFormatError,
    );
  });

  it('loads the committed weights and finds people, places and organisations in fixed sentences', () => {
    expect(shipped('Angela Merkel visited Paris on Monday with officials .')).toEqual([
      { text: 'Angela Merkel', kind: 'person' },
      { text: 'Paris', kind: 'place' },
    ]);
    expect(shipped('I bought it at the Home Depot in Tampa last week .')).toEqual([
      { text: 'Home Depot', kind: 'organization' },
      { text: 'Tampa', kind: 'place' },
    ]);
    expect(shipped('the weather was nice and we walked home .')).toEqual([]);
  });
});
