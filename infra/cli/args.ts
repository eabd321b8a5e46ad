import { checkUrl } from '../../functions/adapters/web/guarded-fetch';
import { InvalidArgumentError } from 'commander';
import { storyOfTopicStoryId } from '../../functions/domain/stories/story-identity';
import { UsageError } from './errors';
import {
  E164_PATTERN,
  EMAIL_PATTERN,
  STORY_ID_PATTERN,
  TOPIC_ID_PATTERN,
  TOPIC_ID_RULE,
} from '../../functions/contracts/vocabulary';

/**
 * Argument parsers for commander: each throws InvalidArgumentError, which commander reports as
 * `error: option '--from <date>' argument '…' is invalid. <reason>` and the CLI exits 64.
 */

/** `YYYY-MM-DD` that is a real calendar day. */
export function parseDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return value;
  }
  throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
}

export const parsePositiveInt =
  (max: number) =>
  (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    }
    return number;
  };

export function parseTopicId(value: string): string {
  if (!TOPIC_ID_PATTERN.test(value)) {
    throw new InvalidArgumentError(`topic ${TOPIC_ID_RULE}`);
  }
  return value;
}

/** For variadic `--topic a b` / repeated `--topic a --topic b`. */
export const collectTopicIds = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  parseTopicId(value),
];

export const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    }
    return value as T;
  };

export function parseEmail(value: string): string {
  if (!EMAIL_PATTERN.test(value.trim()))
    throw new InvalidArgumentError('expected an email address such as name@example.com');
  return value.trim();
}

export function parsePhone(value: string): string {
  const compact = value.replace(/[\s()-]/g, '');
  if (!E164_PATTERN.test(compact))
    throw new InvalidArgumentError('expected an E.164 phone number such as +447700900123');
  return compact;
}

/** A webhook URL: http or https with a host, no credentials (the SSRF guard checks the address). */
export function parseWebhookUrl(value: string): string {
  try {
    return checkUrl(value.trim()).toString();
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** A TCP port; 0 asks the kernel for a free one. */
export function parsePort(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65_535) {
    throw new InvalidArgumentError('expected a port from 0 to 65535 (0: any free port)');
  }
  return number;
}

/** Both bounds given: the range must not be empty. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError(`--from ${from} is after --to ${to}`);
  }
}

/** A content story id (`2025-11-3fa9c1d2e4`); a topic's story id as `matches` shows it (`<topic>#<id>`) too. */
export function parseStoryId(value: string): string {
  const id = storyOfTopicStoryId(value.trim());
  if (!STORY_ID_PATTERN.test(id)) {
    throw new InvalidArgumentError('expected a story id such as 2025-11-3fa9c1d2e4');
  }
  return id;
}
