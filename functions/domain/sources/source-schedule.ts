import { newSource, type SourceHealth } from '../../contracts/source-record';

/**
 * When a feed source is polled next, and how its health reads: pure rules, so the poller, the CLI
 * and the tests agree. A source that fails is polled less and less often (exponential backoff,
 * capped at a day) and reads `failing` from its first failure; it reads `ok` again after one good
 * poll. An alarm fires once a source has been failing for a day (FAILING_ALARM_MINUTES).
 */

/** The poller runs every 5 minutes: a shorter interval would not be honoured. */
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
export const DEFAULT_INTERVAL_MINUTES = 15;
/** Backoff never waits longer than this between two tries of a failing source. */
export const MAX_BACKOFF_MINUTES = 24 * 60;
/** A source failing this long raises the alarm. */
export const FAILING_ALARM_MINUTES = 24 * 60;

export class InvalidIntervalError extends Error {
  override readonly name = 'InvalidIntervalError';
}

/** `15m`, `2h`, `1d` or a number of minutes, between 5 minutes and a day. */
export function parseInterval(text: string): number {
  const match = /^\s*(\d+)\s*(m|min|h|d)?\s*$/i.exec(text);
  if (!match) throw new InvalidIntervalError(`"${text}" is not an interval: write 15m, 2h or 1d`);
  const unit = (match[2] ?? 'm').toLowerCase();
  const minutes = Number(match[1]) * (unit === 'h' ? 60 : unit === 'd' ? 1440 : 1);
  if (minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
    throw new InvalidIntervalError(
      `every ${text}: the interval must be between ${MIN_INTERVAL_MINUTES}m and 1d (the poller runs every 5 minutes)`,
    );
  }
  return minutes;
}

export type PollOutcome = { ok: true } | { ok: false; error: string };

const addMinutes = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/** A new source is due at once. */
export const initialHealth = (now: Date): SourceHealth =>
  newSource({ id: '', url: '', name: '', intervalMinutes: DEFAULT_INTERVAL_MINUTES }, now).health;

/**
 * The health after a poll. A failure doubles the wait from the source's own interval
 * (15m, 30m, 1h, … up to a day); the error text is kept, cut to 300 characters.
 */
export function afterPoll(
  health: SourceHealth,
  intervalMinutes: number,
  outcome: PollOutcome,
  now: Date,
): SourceHealth {
  const lastPolledAt = now.toISOString();
  if (outcome.ok) {
    return { status: 'ok', failures: 0, lastPolledAt, nextPollAt: addMinutes(now, intervalMinutes) };
  }
  const failures = health.failures + 1;
  const wait = Math.min(intervalMinutes * 2 ** (failures - 1), MAX_BACKOFF_MINUTES);
  return {
    status: 'failing',
    failingSince: health.status === 'failing' && health.failingSince ? health.failingSince : lastPolledAt,
    lastError: outcome.error.slice(0, 300),
    failures,
    lastPolledAt,
    nextPollAt: addMinutes(now, wait),
  };
}

export const isDue = (health: Pick<SourceHealth, 'nextPollAt'>, now: Date) =>
  Date.parse(health.nextPollAt) <= now.getTime();

/** Minutes the source has been failing (0 when ok): what the alarm's metric reports. */
export const failingMinutes = (health: Pick<SourceHealth, 'status' | 'failingSince'>, now: Date) =>
  health.status === 'failing' && health.failingSince
    ? Math.max(0, Math.floor((now.getTime() - Date.parse(health.failingSince)) / 60_000))
    : 0;
