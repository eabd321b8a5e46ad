import { describe, expect, it } from 'vitest';
import { buildTestApp, TEST_CONTEXT } from './synth-newswatch';

// No synthesis here: a bad context throws while the stack is being built, before bundling.
describe('logging context', () => {
  it('refuses a log sample rate outside 0 to 1, naming the key', () => {
    for (const rate of ['-0.1', '1.5', 'often']) {
      expect(() => buildTestApp({ ...TEST_CONTEXT, logSampleRate: rate })).toThrow(
        /^context logSampleRate: expected a number from 0 to 1/,
      );
    }
  });

  it('refuses an unknown log level, naming the key', () => {
    expect(() => buildTestApp({ ...TEST_CONTEXT, logLevel: 'LOUD' })).toThrow(
      /^context logLevel: expected one of/,
    );
  });
});

describe('trace sampling context', () => {
  it('refuses a trace sample rate outside 0 to 1, naming the key', () => {
    expect(() => buildTestApp({ ...TEST_CONTEXT, traceSampleRate: '2' })).toThrow(
      /^context traceSampleRate: expected a number from 0 to 1/,
    );
  });
});
