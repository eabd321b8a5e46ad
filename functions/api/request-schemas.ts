import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MAX_PAGE_SIZE, SUBSCRIPTION_PROTOCOLS, type ApiIssue } from '../contracts/console-api';
import {
  CERTAINTIES,
  E164_PATTERN,
  EMAIL_PATTERN,
  MINIMUM_CERTAINTIES,
  STORY_ID_PATTERN,
  TOPIC_ID_PATTERN,
  TOPIC_ID_RULE,
} from '../contracts/vocabulary';
import { InvalidRequestError } from './api-errors';

/**
 * Every query parameter, path parameter and body the API takes, checked here with zod before a
 * route reads it. Unknown query parameters are refused, so a mistyped filter is an error rather
 * than silently ignored. zod's mini build, as the domain's topic schema uses.
 */
z.config(en());

/** zod's issues as the contract's: dotted paths, the messages as written. */
export const issuesOf = (error: z.core.$ZodError): ApiIssue[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** The parsed value, or an InvalidRequestError (400) listing every problem. */
export const parseOr400 = <T extends z.ZodMiniType>(schema: T, input: unknown, what: string): z.infer<T> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidRequestError(`invalid ${what}`, issuesOf(parsed.error));
  return parsed.data;
};

const isCalendarDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** `YYYY-MM-DD` that is a real calendar day (the CLI's --from and --to take the same). */
const day = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
    z.refine(isCalendarDay, 'no such day'),
  );

const limit = z
  .string()
  .check(
    z.refine(
      (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_PAGE_SIZE,
      `expected a whole number from 1 to ${MAX_PAGE_SIZE}`,
    ),
  );

/** Opaque to the client; paging.ts reads it. Bounded so a forged one cannot cost anything. */
const cursor = z.string().check(z.minLength(1), z.maxLength(200));

const topicId = z.string().check(z.regex(TOPIC_ID_PATTERN, `topic ${TOPIC_ID_RULE}`));

const paging = { limit: z.optional(limit), cursor: z.optional(cursor) };

const range = { from: z.optional(day), to: z.optional(day) };

/** from ≤ to when both are given: an empty range is a mistake, not an empty page. */
const ordered = z.superRefine((query: { from?: string | undefined; to?: string | undefined }, ctx) => {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `from ${query.from} is after to ${query.to}` });
  }
});

export const storiesQuery = z
  .strictObject({
    ...range,
    ...paging,
    topic: z.optional(topicId),
    certainty: z.optional(z.enum(CERTAINTIES)),
  })
  .check(ordered);

export const articlesQuery = z
  .strictObject({
    ...range,
    ...paging,
    topic: z.optional(topicId),
    entity: z.optional(z.string().check(z.trim(), z.minLength(1, 'entity needs a name'), z.maxLength(200))),
  })
  .check(ordered);

/** A list with no filters (the topics). */
export const pagingQuery = z.strictObject({ ...paging });

export const rejectionsQuery = z.strictObject({ ...range, ...paging }).check(ordered);

/** What GET of a single thing takes: nothing but (for an article) the entry of a feed. */
export const noQuery = z.strictObject({});
export const articleQuery = z.strictObject({
  entry: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

/** Path parameters, URL-decoded. */
export const storyIdParam = z
  .string()
  .check(z.regex(STORY_ID_PATTERN, 'expected a story id such as 2025-11-3fa9c1d2e4'));
export const articleKeyParam = z.string().check(z.minLength(1), z.maxLength(1024));
export const topicIdParam = topicId;
export const subscriptionIdParam = z
  .string()
  .check(z.regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+:[\w-]+$/, 'expected a subscription ARN'));

/** The phone number as SNS wants it: spaces, dashes and brackets are how people write it. */
const compactPhone = (value: string) => value.replace(/[\s()-]/g, '');

export const subscriptionRequest = z
  .strictObject({
    protocol: z.enum(SUBSCRIPTION_PROTOCOLS),
    endpoint: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)),
    topics: z.optional(z.array(topicId).check(z.minLength(1), z.maxLength(MAX_PAGE_SIZE))),
    minimumCertainty: z.optional(z.enum(MINIMUM_CERTAINTIES)),
  })
  .check(
    // The CLI's --email and --sms messages (infra/cli/args.ts).
    z.superRefine((request, ctx) => {
      if (request.protocol === 'email' && !EMAIL_PATTERN.test(request.endpoint)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: 'expected an email address such as name@example.com',
        });
      }
      if (request.protocol === 'sms' && !E164_PATTERN.test(compactPhone(request.endpoint))) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoint'],
          message: 'expected an E.164 phone number such as +447700900123',
        });
      }
    }),
  );

export const normalisedEndpoint = (protocol: 'email' | 'sms', endpoint: string) =>
  protocol === 'sms' ? compactPhone(endpoint) : endpoint.trim();

/** POST /api/topics/test: the draft topics are validated one by one with the topic schema. */
export const topicTestRequest = z.strictObject({
  text: z.string().check(z.minLength(1, 'the article has no text')),
  filename: z.optional(
    z.string().check(z.regex(/^[\w .-]{1,200}$/, 'expected a file name such as article.html')),
  ),
  topics: z.optional(z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_PAGE_SIZE))),
});
