import { describe, expect, it } from 'vitest';
import { CERTAINTIES_AT_LEAST } from '../../functions/contracts/vocabulary';
import { KNOWN_TOPIC_IDS, parseSubscriptionsContext } from '../../infra/cdk/settings/subscriptions';
import { buildTestApp, TEST_CONTEXT } from './synth-newswatch';

// No synthesis here: each bad context throws while the stack is being built, before bundling.
const withSubscriptions = (subscriptions: unknown, extra: Record<string, unknown> = {}) =>
  buildTestApp({ ...TEST_CONTEXT, subscriptions: JSON.stringify(subscriptions), ...extra });

describe('subscriptions context', () => {
  it('maps each minimum certainty to the certainties it lets through, denials always included', () => {
    expect(CERTAINTIES_AT_LEAST).toEqual({
      speculative: ['speculative', 'conditional', 'planned', 'confirmed', 'denied'],
      planned: ['planned', 'confirmed', 'denied'],
      confirmed: ['confirmed', 'denied'],
    });
    expect(KNOWN_TOPIC_IDS).toContain('trump-kim-summit');
  });

  it('reads a JSON string or an array; absent or empty means none', () => {
    const entry = { endpoint: ' a@example.com ', topics: ['trump-kim-summit', 'trump-kim-summit'] };
    const expected = [{ endpoint: 'a@example.com', topics: ['trump-kim-summit'] }];
    expect(parseSubscriptionsContext(JSON.stringify([entry]), 'subscriptions')).toEqual(expected);
    expect(parseSubscriptionsContext([entry], 'subscriptions')).toEqual(expected);
    expect(parseSubscriptionsContext(undefined, 'subscriptions')).toEqual([]);
    expect(parseSubscriptionsContext('', 'subscriptions')).toEqual([]);
    expect(() => parseSubscriptionsContext('[{', 'subscriptions')).toThrow(
      /^context subscriptions: not valid JSON/,
    );
    expect(() => parseSubscriptionsContext('{"endpoint":"a@example.com"}', 'subscriptions')).toThrow(
      /^context subscriptions: expected a JSON array/,
    );
  });

  it('fails synthesis naming the entry for an unknown topic id', () => {
    expect(() =>
      withSubscriptions([
        { endpoint: 'a@example.com' },
        { endpoint: 'b@example.com', topics: ['trump-kim-summit', 'moon-landing'] },
      ]),
    ).toThrow(
      /^context subscriptions\[1\] "b@example\.com": unknown topic id\(s\) "moon-landing" \(seeds\/topics\.json has trump-kim-summit/,
    );
    expect(() => withSubscriptions([{ endpoint: 'a@example.com', topics: [] }])).toThrow(
      /subscriptions\[0\] "a@example\.com": "topics" must be a non-empty array/,
    );
  });

  it('fails synthesis naming the entry for an endpoint that is neither email nor E.164', () => {
    for (const endpoint of ['555-0100', 'https://example.com/hook', 'a@b', '+0123456789']) {
      expect(() => withSubscriptions([{ endpoint }])).toThrow(
        `context subscriptions[0] ${JSON.stringify(endpoint)}: endpoint is neither an email address`,
      );
    }
    expect(() => withSubscriptions([{ topics: ['trump-kim-summit'] }])).toThrow(
      /^context subscriptions\[0\]: "endpoint" must be a non-empty string/,
    );
    expect(() => withSubscriptions(['a@example.com'])).toThrow(
      /^context subscriptions\[0\]: expected an object/,
    );
    expect(() => withSubscriptions([{ endpoint: 'a@example.com', topic: ['trump-kim-summit'] }])).toThrow(
      /^context subscriptions\[0\] "a@example\.com": unknown key\(s\) "topic"/,
    );
  });

  it('fails synthesis for a duplicate endpoint, within subscriptions or across alertEmails/alertPhones', () => {
    expect(() =>
      withSubscriptions([
        { endpoint: 'a@example.com' },
        { endpoint: 'A@Example.com', minimumCertainty: 'confirmed' },
      ]),
    ).toThrow(
      /^duplicate alert endpoint "A@Example\.com" in context subscriptions\[0\] and in context subscriptions\[1\]/,
    );
    expect(() => withSubscriptions([{ endpoint: 'editor@example.org' }])).toThrow(
      /^duplicate alert endpoint "editor@example\.org" in context alertEmails and in context subscriptions\[0\]/,
    );
    expect(() => withSubscriptions([{ endpoint: '+14155550123', minimumCertainty: 'planned' }])).toThrow(
      /^duplicate alert endpoint "\+14155550123" in context alertPhones and in context subscriptions\[0\]/,
    );
  });

  it('fails synthesis for a minimumCertainty that is not speculative, planned or confirmed', () => {
    for (const minimumCertainty of ['denied', 'conditional', 'Confirmed', 3]) {
      expect(() => withSubscriptions([{ endpoint: '+14155550100', minimumCertainty }])).toThrow(
        `context subscriptions[0] "+14155550100": "minimumCertainty" must be one of speculative, planned, confirmed (got ${JSON.stringify(minimumCertainty)})`,
      );
    }
  });
});
