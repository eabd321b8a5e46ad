import { describe, expect, it } from 'vitest';
import {
  matchesFilterPolicy,
  parseFilterPolicy,
} from '../../../../../../infra/local/emulators/sns/filter-policy';
import type { MessageAttributeValue } from '../../../../../../infra/local/emulators/sns/protocol';

const attrs = (values: Record<string, string>): Record<string, MessageAttributeValue> =>
  Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { dataType: 'String', stringValue: value }]),
  );

describe('filter policies', () => {
  it('ANDs the keys, ORs the values, and an absent attribute fails the key', () => {
    const policy = JSON.stringify({ topic: ['trump-kim-summit'], certainty: ['planned', 'confirmed'] });
    expect(matchesFilterPolicy(policy, attrs({ topic: 'trump-kim-summit', certainty: 'planned' }))).toBe(
      true,
    );
    expect(matchesFilterPolicy(policy, attrs({ topic: 'trump-kim-summit', certainty: 'speculative' }))).toBe(
      false,
    );
    expect(matchesFilterPolicy(policy, attrs({ topic: 'other', certainty: 'planned' }))).toBe(false);
    expect(matchesFilterPolicy(policy, attrs({ certainty: 'planned' }))).toBe(false);
    expect(matchesFilterPolicy(undefined, {})).toBe(true);
  });

  it('evaluates anything-but, prefix and exists', () => {
    expect(
      matchesFilterPolicy('{"certainty":[{"anything-but":["past"]}]}', attrs({ certainty: 'planned' })),
    ).toBe(true);
    expect(matchesFilterPolicy('{"certainty":[{"anything-but":"past"}]}', attrs({ certainty: 'past' }))).toBe(
      false,
    );
    expect(matchesFilterPolicy('{"topic":[{"prefix":"trump-"}]}', attrs({ topic: 'trump-kim-summit' }))).toBe(
      true,
    );
    expect(matchesFilterPolicy('{"topic":[{"exists":false}]}', attrs({}))).toBe(true);
    expect(matchesFilterPolicy('{"topic":[{"exists":true}]}', attrs({}))).toBe(false);
  });

  it('refuses what it cannot evaluate instead of matching it wrong', () => {
    expect(() => parseFilterPolicy('not json')).toThrow(/not valid JSON/);
    expect(() => parseFilterPolicy('["a"]')).toThrow(/JSON object/);
    expect(() => parseFilterPolicy('{"topic":[]}')).toThrow(/non-empty array/);
    expect(() => parseFilterPolicy('{"n":[{"numeric":[">",1]}]}')).toThrow(/unsupported condition/);
  });
});
