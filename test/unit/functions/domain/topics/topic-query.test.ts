import { describe, expect, it } from 'vitest';
import {
  evaluateTopicQuery,
  InvalidTopicQueryError,
  parseTopicQuery,
  queryWords,
  tokeniseForQuery,
  type TopicQuery,
} from '../../../../../functions/domain/topics/topic-query';

// Small AST factories, so expected trees read like the queries they come from.
const term = (word: string, prefix = false): TopicQuery => ({ kind: 'term', word, prefix });
const phrase = (words: string, prefix = false): TopicQuery => ({
  kind: 'phrase',
  words: words.split(' '),
  prefix,
});
const and = (...operands: TopicQuery[]): TopicQuery => ({ kind: 'and', operands });
const or = (...operands: TopicQuery[]): TopicQuery => ({ kind: 'or', operands });
const not = (operand: TopicQuery): TopicQuery => ({ kind: 'not', operand });
const near = (distance: number, left: TopicQuery, right: TopicQuery): TopicQuery => ({
  kind: 'near',
  distance,
  left,
  right,
});

/** Does the query match these texts (each one a sentence, as matchTopics passes them)? */
const matches = (query: string, ...texts: string[]) =>
  evaluateTopicQuery(parseTopicQuery(query), tokeniseForQuery(texts));

describe('parseTopicQuery: syntax and precedence', () => {
  it.each<[string, TopicQuery]>([
    ['kim', term('kim')],
    ['Kim', term('kim')],
    ['trump kim', and(term('trump'), term('kim'))],
    ['trump AND kim', and(term('trump'), term('kim'))],
    ['a OR b c', or(term('a'), and(term('b'), term('c')))],
    ['a b OR c', or(and(term('a'), term('b')), term('c'))],
    ['(a OR b) c', and(or(term('a'), term('b')), term('c'))],
    ['NOT a b', and(not(term('a')), term('b'))],
    ['NOT NOT a', not(not(term('a')))],
    ['a NOT b', and(term('a'), not(term('b')))],
    ['a NEAR/3 b c', and(near(3, term('a'), term('b')), term('c'))],
    ['a OR b NEAR/2 c', or(term('a'), near(2, term('b'), term('c')))],
    ['a NEAR/1 b NEAR/2 c', near(2, near(1, term('a'), term('b')), term('c'))],
    ['(a OR "b c") NEAR/4 d', near(4, or(term('a'), phrase('b c')), term('d'))],
    ['a NEAR/3 (b NEAR/2 c)', near(3, term('a'), near(2, term('b'), term('c')))],
    ['a AND (b OR (c AND NOT d))', and(term('a'), or(term('b'), and(term('c'), not(term('d')))))],
  ])('%s', (query, expected) => {
    expect(parseTopicQuery(query)).toEqual(expected);
  });

  it('reads quoted text as a phrase, and one quoted word as a term', () => {
    expect(parseTopicQuery('"Sit Down"')).toEqual(phrase('sit down'));
    expect(parseTopicQuery('"trump"')).toEqual(term('trump'));
  });

  it('treats hyphens and other punctuation inside a term as word breaks, so it becomes a phrase', () => {
    expect(parseTopicQuery('sit-down')).toEqual(phrase('sit down'));
    expect(parseTopicQuery('"Kim Jong-un"')).toEqual(phrase('kim jong un'));
  });

  it('reads a trailing * as a prefix on the (last) word', () => {
    expect(parseTopicQuery('rate*')).toEqual(term('rate', true));
    expect(parseTopicQuery('"interest rate*"')).toEqual(phrase('interest rate', true));
  });

  it('keeps lower-case and, or, not, near and words that start with NEAR as searchable words', () => {
    expect(parseTopicQuery('rates and or not near NEARBY')).toEqual(
      and(term('rates'), term('and'), term('or'), term('not'), term('near'), term('nearby')),
    );
  });
});

describe('parseTopicQuery: errors say what was expected and at which column', () => {
  it.each([
    ['', 'expected a term at column 1, found the end of the query'],
    ['   ', 'expected a term at column 4, found the end of the query'],
    ['kim NOT )', 'expected a term after NOT at column 9, found ")"'],
    ['trump AND', 'expected a term after AND at column 10, found the end of the query'],
    ['trump OR OR kim', 'expected a term after OR at column 10, found "OR"'],
    ['OR kim', 'expected a term at column 1, found "OR"'],
    ['AND kim', 'expected a term at column 1, found "AND"'],
    ['()', 'expected a term after ( at column 2, found ")"'],
    ['(kim OR trump', 'expected ")" at column 14 to close the "(" at column 1, found the end of the query'],
    ['(a (b) c', 'expected ")" at column 9 to close the "(" at column 1, found the end of the query'],
    ['kim)', 'expected the end of the query at column 4, found ")"'],
    [
      '"sit down',
      'expected a closing " at column 10 for the phrase opened at column 1, found the end of the query',
    ],
    ['kim "  "', 'expected words inside the quotes at column 6'],
    ['kim NEAR trump', 'expected a distance after NEAR (as in NEAR/5) at column 5, found "NEAR"'],
    ['kim NEAR/x trump', 'expected a distance after NEAR (as in NEAR/5) at column 5, found "NEAR/x"'],
    ['kim NEAR/0 trump', 'expected a distance from 1 to 50 after NEAR/ at column 10, found 0'],
    ['kim NEAR/51 trump', 'expected a distance from 1 to 50 after NEAR/ at column 10, found 51'],
    ['kim NEAR/2', 'expected a term after NEAR/2 at column 11, found the end of the query'],
    ['NOT kim NEAR/3 trump', 'expected a term or phrase before NEAR/3 at column 1, found "NOT"'],
    ['(a b) NEAR/3 trump', 'expected a term or phrase before NEAR/3 at column 1, found "("'],
    ['kim NEAR/3 (trump AND summit)', 'expected a term or phrase after NEAR/3 at column 12, found "("'],
    ['kim NEAR/3 NOT trump', 'expected a term or phrase after NEAR/3 at column 12, found "NOT"'],
    ['ra*te', 'expected * only at the end of a word at column 3'],
    ['kim r*', 'expected at least 2 letters before * at column 6'],
    ['kim-*', 'expected at least 2 letters before * at column 5'],
    ['"interest r*"', 'expected at least 2 letters before * at column 12'],
    ['kim && trump', 'expected a word (letters or digits) at column 5, found "&&"'],
    [`${'('.repeat(33)}a${')'.repeat(33)}`, 'expected at most 32 nested parentheses at column 33'],
  ])('%j', (query, message) => {
    let caught: unknown;
    try {
      parseTopicQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTopicQueryError);
    expect((caught as InvalidTopicQueryError).message).toBe(message);
    expect((caught as InvalidTopicQueryError).column).toBe(Number(/column (\d+)/.exec(message)?.[1]));
  });

  it('accepts the deepest nesting allowed', () => {
    expect(parseTopicQuery(`${'('.repeat(32)}a${')'.repeat(32)}`)).toEqual(term('a'));
  });
});

describe('queryWords: the words a query and a text are compared on', () => {
  it('lower-cases, splits on punctuation and drops possessive s', () => {
    expect(queryWords('Trump’s sit-down with KIM, in U.S.')).toEqual([
      'trump',
      'sit',
      'down',
      'with',
      'kim',
      'in',
      'u',
      's',
    ]);
  });
});

describe('evaluateTopicQuery', () => {
  it('matches whole words, whatever their case', () => {
    expect(matches('kim', 'KIM said so.')).toBe(true);
    expect(matches('kim', 'Kimchi was served.')).toBe(false);
    expect(matches('trump', 'Trump’s envoy arrived.')).toBe(true);
  });

  it('matches a phrase only as consecutive words, hyphen or space alike', () => {
    expect(matches('"sit down"', 'A sit-down is planned.')).toBe(true);
    expect(matches('sit-down', 'They will sit down soon.')).toBe(true);
    expect(matches('"sit down"', 'They sit quietly down.')).toBe(false);
    expect(matches('"sit down"', 'Down they sit.')).toBe(false);
  });

  it('never runs a phrase from one sentence into the next', () => {
    expect(matches('"sit down"', 'Please sit.', 'Down the road, a car passed.')).toBe(false);
  });

  it('matches a prefix term, but only at the start of a word', () => {
    expect(matches('rate*', 'Rates rose.')).toBe(true);
    expect(matches('rate*', 'The rate rose.')).toBe(true);
    expect(matches('rate*', 'An irate caller.')).toBe(false);
    expect(matches('"interest rate*"', 'Interest rates rose.')).toBe(true);
    expect(matches('"interest rate*"', 'Interest in rates rose.')).toBe(false);
  });

  it('applies AND, OR, NOT and implicit AND with their precedence', () => {
    expect(matches('kim trump', 'Kim and Trump.')).toBe(true);
    expect(matches('kim trump', 'Kim alone.')).toBe(false);
    expect(matches('kim OR trump summit', 'Kim alone.')).toBe(true);
    expect(matches('kim OR trump summit', 'Trump alone.')).toBe(false);
    expect(matches('kim OR trump summit', 'Trump at the summit.')).toBe(true);
    expect(matches('summit NOT cancelled', 'The summit is on.')).toBe(true);
    expect(matches('summit NOT cancelled', 'The summit was cancelled.')).toBe(false);
    expect(matches('NOT kim')).toBe(true);
  });

  describe('NEAR/n: at most n words between the two, in either order', () => {
    it.each([
      ['Trump one two three Kim', true],
      ['Kim one two three Trump', true],
      ['Trump one two three four Kim', false],
      ['Kim one two three four Trump', false],
      ['Trump Kim', true],
      ['Trump alone', false],
    ])('trump NEAR/3 kim in %j → %s', (text, expected) => {
      expect(matches('trump NEAR/3 kim', text)).toBe(expected);
    });

    it('measures phrases from their nearer end', () => {
      expect(matches('"kim jong un" NEAR/2 trump', 'Kim Jong Un and Donald Trump')).toBe(true);
      expect(matches('trump NEAR/2 "kim jong un"', 'Trump will meet Kim Jong Un')).toBe(true);
      expect(matches('trump NEAR/1 "kim jong un"', 'Trump will meet Kim Jong Un')).toBe(false);
    });

    it('counts words across sentence boundaries', () => {
      expect(matches('trump NEAR/2 kim', 'They asked Trump.', 'Kim replied.')).toBe(true);
    });

    it('finds any pair of occurrences, not only the first of each', () => {
      // The first "rate" is four words from "cut", the second two.
      expect(matches('rate NEAR/2 cut', 'A rate was set.', 'Later the cut in the rate came.')).toBe(true);
      expect(matches('rate NEAR/2 cut', 'A rate was set.', 'Later the cut came.')).toBe(false);
    });

    it('does not read one word as both of its operands', () => {
      expect(matches('rate NEAR/5 rate*', 'The rate held.')).toBe(false);
      expect(matches('rate NEAR/5 rate*', 'The rate and the rates.')).toBe(true);
    });

    it('takes an OR group of terms and phrases as an operand', () => {
      const query = '("interest rate*" OR "borrowing costs") NEAR/3 (cut* OR hold*)';
      expect(matches(query, 'The Fed cut borrowing costs again.')).toBe(true);
      expect(matches(query, 'It is holding interest rates steady.')).toBe(true);
      expect(matches(query, 'Borrowing costs for firms, the bank said, will be cut.')).toBe(false);
    });

    it('chains: the third operand must be near the span of the first two', () => {
      expect(matches('a NEAR/1 b NEAR/1 c', 'a x b x c')).toBe(true);
      expect(matches('a NEAR/1 b NEAR/1 c', 'a x b x x c')).toBe(false);
    });
  });
});
