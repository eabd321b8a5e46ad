import { describe, expect, it } from 'vitest';
import {
  ALERT_CERTAINTIES,
  CERTAINTIES,
  CERTAINTIES_AT_LEAST,
  MINIMUM_CERTAINTIES,
  TOPIC_ID_PATTERN,
  filterPolicyFor,
  protocolOf,
} from '../../../../functions/contracts/vocabulary';

describe('the vocabulary', () => {
  it('alerts on every certainty but past, and every minimum lets denials through', () => {
    expect(ALERT_CERTAINTIES).toEqual(CERTAINTIES.filter((c) => c !== 'past'));
    for (const minimum of MINIMUM_CERTAINTIES) expect(CERTAINTIES_AT_LEAST[minimum]).toContain('denied');
    expect(CERTAINTIES_AT_LEAST.planned).toEqual(['planned', 'confirmed', 'denied']);
  });

  it('builds one filter policy shape: topics only when listed, de-duplicated', () => {
    expect(filterPolicyFor({})).toEqual({ certainty: [...CERTAINTIES_AT_LEAST.speculative] });
    expect(filterPolicyFor({ topics: ['a-b', 'a-b'], minimumCertainty: 'confirmed' })).toEqual({
      topic: ['a-b'],
      certainty: ['confirmed', 'denied'],
    });
    expect(filterPolicyFor({ topics: [] })).not.toHaveProperty('topic');
  });

  it('tells an email from an E.164 number, and neither from junk', () => {
    expect(protocolOf('desk@example.com')).toBe('email');
    expect(protocolOf('+447700900123')).toBe('sms');
    expect(protocolOf('07700 900123')).toBeUndefined();
    expect(protocolOf('not an address')).toBeUndefined();
  });

  it('topic ids are short lower-case slugs', () => {
    expect(TOPIC_ID_PATTERN.test('trump-kim-summit')).toBe(true);
    expect(TOPIC_ID_PATTERN.test('Trump')).toBe(false);
    expect(TOPIC_ID_PATTERN.test('-x')).toBe(false);
  });
});
