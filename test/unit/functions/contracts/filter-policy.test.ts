import { describe, expect, it } from 'vitest';
import {
  ALERT_CERTAINTIES,
  filterPolicyFor,
  matchesFilterPolicy,
  MINIMUM_CERTAINTIES,
  type SubscriptionChoice,
} from '../../../../functions/contracts/vocabulary';

// The predicate the delivery function selects webhooks with must say what SNS says of the same
// filter policy (exact string match on every named attribute).
describe('matchesFilterPolicy against filterPolicyFor', () => {
  const cases: [string, SubscriptionChoice, Record<string, string>, boolean][] = [
    ['everything: any topic, speculative', {}, { topic: 'a', certainty: 'speculative' }, true],
    ['everything: denied', {}, { topic: 'a', certainty: 'denied' }, true],
    ['listed topic', { topics: ['a', 'b'] }, { topic: 'b', certainty: 'planned' }, true],
    ['unlisted topic', { topics: ['a'] }, { topic: 'c', certainty: 'confirmed' }, false],
    ['below minimum', { minimumCertainty: 'planned' }, { topic: 'a', certainty: 'conditional' }, false],
    ['at minimum', { minimumCertainty: 'planned' }, { topic: 'a', certainty: 'planned' }, true],
    ['denial always passes', { minimumCertainty: 'confirmed' }, { topic: 'a', certainty: 'denied' }, true],
    ['past never passes', {}, { topic: 'a', certainty: 'past' }, false],
    ['certainty missing', {}, { topic: 'a' }, false],
    ['topic missing with topics listed', { topics: ['a'] }, { certainty: 'confirmed' }, false],
    ['topic missing, none listed', {}, { certainty: 'confirmed' }, true],
    ['case matters, as in SNS', { topics: ['a'] }, { topic: 'A', certainty: 'confirmed' }, false],
    [
      'extra attributes are ignored',
      { topics: ['a'] },
      { topic: 'a', certainty: 'planned', storyId: 'x' },
      true,
    ],
  ];
  it.each(cases)('%s', (_name, choice, attributes, expected) => {
    expect(matchesFilterPolicy(filterPolicyFor(choice), attributes)).toBe(expected);
  });

  it('passes exactly CERTAINTIES_AT_LEAST for every minimum', () => {
    for (const minimum of MINIMUM_CERTAINTIES) {
      const policy = filterPolicyFor({ minimumCertainty: minimum });
      const passed = ALERT_CERTAINTIES.filter((c) => matchesFilterPolicy(policy, { certainty: c }));
      expect(passed).toEqual(policy.certainty);
    }
  });
});
