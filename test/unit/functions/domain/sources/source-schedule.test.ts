import { describe, expect, it } from 'vitest';
import {
  InvalidIntervalError,
  afterPoll,
  failingMinutes,
  initialHealth,
  isDue,
  parseInterval,
} from '../../../../../functions/domain/sources/source-schedule';

describe('parseInterval', () => {
  it.each([
    ['15m', 15],
    ['5', 5],
    ['2h', 120],
    ['1d', 1440],
    [' 30 min ', 30],
  ])('reads %s as %d minutes', (text, minutes) => {
    expect(parseInterval(text)).toBe(minutes);
  });
  it.each(['1m', '2d', 'soon', '', '-5m', '1.5h'])('refuses %s', (text) => {
    expect(() => parseInterval(text)).toThrow(InvalidIntervalError);
  });
});

describe('afterPoll', () => {
  const t0 = new Date('2026-12-01T00:00:00Z');
  it('doubles the wait after each failure, up to a day, and recovers after one good poll', () => {
    let health = initialHealth(t0);
    expect(isDue(health, t0)).toBe(true);
    const waits: number[] = [];
    let now = t0;
    for (let i = 0; i < 9; i++) {
      health = afterPoll(health, 60, { ok: false, error: 'HTTP 500' }, now);
      waits.push((Date.parse(health.nextPollAt) - now.getTime()) / 60_000);
      now = new Date(health.nextPollAt);
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1440, 1440, 1440, 1440]);
    expect(health.failingSince).toBe(t0.toISOString());
    expect(failingMinutes(health, now)).toBeGreaterThan(24 * 60);
    health = afterPoll(health, 60, { ok: true }, now);
    expect(health).toEqual({
      status: 'ok',
      failures: 0,
      lastPolledAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    expect(failingMinutes(health, now)).toBe(0);
  });
});
