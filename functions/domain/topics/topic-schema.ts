import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { DELIVERIES, MINIMUM_CERTAINTIES, TOPIC_ID_PATTERN, TOPIC_ID_RULE } from '../../contracts/vocabulary';
import { InvalidTopicQueryError, parseTopicQuery } from './topic-query';
import { BUILT_IN_EVENT_TYPES, isBuiltInEventType } from './events/event-types';

/**
 * Tracked topics: what a user wants to hear about, as data. A topic is an event between actors,
 * not a bag of keywords: it matches a sentence that names every actor together with one of the
 * event's trigger words.
 */

// zod's mini build rather than its classic one: the same checks and messages (its English locale,
// which the classic build sets up itself) from a fraction of the code, which the ingest function
// loads and runs at cold start to validate the default topics.
z.config(en());

const nonEmpty = z.string().check(z.trim(), z.minLength(1));
const listOf = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), []);

const actorSchema = z.object({
  /** Canonical name, e.g. "Kim Jong Un". Always counts as a mention. */
  name: nonEmpty,
  /** Unambiguous alternatives that always count ("Kim Jong-un", "President Trump"). */
  aliases: listOf(nonEmpty),
  /**
   * Ambiguous short forms ("Kim", "Trump") that count only once the article has named the actor by
   * name or alias, as news style introduces a person before shortening the name.
   */
  shortNames: listOf(nonEmpty),
  /**
   * Role descriptions news uses for the actor once named ("North Korean leader", "US president"),
   * written without "the": they count only in an article that also names the actor. Aliases that
   * put a role of two words or more before the name imply theirs.
   */
  descriptions: listOf(nonEmpty),
});

/** Long enough for any sensible query; bounds the parser's work on a definition from the table. */
const MAX_QUERY_LENGTH = 2000;

/**
 * A topic's optional keyword filter (see topic-query.ts), parsed here so that a bad query fails
 * validation with its column rather than at the first article.
 */
const querySchema = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(MAX_QUERY_LENGTH),
  z.superRefine((query: string, ctx) => {
    try {
      parseTopicQuery(query);
    } catch (error) {
      if (!(error instanceof InvalidTopicQueryError)) throw error;
      ctx.addIssue({ code: 'custom', message: `invalid query: ${error.message}` });
    }
  }),
);

/**
 * The event a topic tracks. A built-in type (see events/event-types.ts: meeting, visit, call,
 * election, …) brings its vocabulary with every inflection, and what only looks like it (a phone
 * call is not a meeting); `triggers` extend it and `excludes` take words out. Any other type
 * needs its own triggers. Topic files written before built-in types, which list every form as
 * triggers, stay valid: their triggers extend the type's vocabulary.
 */
const eventSchema = z
  .object({
    type: nonEmpty,
    /** Words and phrases, matched case-insensitively on word boundaries; a known word brings its forms. */
    triggers: listOf(nonEmpty),
    /** Phrases that contain a trigger but are not the event ("met the deadline"). */
    excludes: listOf(nonEmpty),
  })
  .check(
    z.superRefine((event: { type: string; triggers: string[] }, ctx) => {
      if (event.triggers.length > 0 || isBuiltInEventType(event.type)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['triggers'],
        message: `event type "${event.type}" is not built in, so it needs triggers; built-in types: ${BUILT_IN_EVENT_TYPES.join(', ')}`,
      });
    }),
  );

/** One topic on its own: what `topics add <file>` and the topic table validate. */
export const topicSchema = z.object({
  id: z.string().check(z.regex(TOPIC_ID_PATTERN, TOPIC_ID_RULE)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  description: z._default(z.string(), ''),
  actors: z.array(actorSchema).check(z.minLength(1)),
  event: eventSchema,
  /** The least certain news that alerts. Denials always alert; mentions of past events never do. */
  minimumCertainty: z._default(z.enum(MINIMUM_CERTAINTIES), 'speculative'),
  /**
   * Besides the event, the article's title and prose must satisfy this boolean query (AND, OR,
   * NOT, "phrases", NEAR/n, prefix*), for topics whose actors and triggers alone are too broad.
   */
  query: z.optional(querySchema),
  /** `instant`: alert at once; `digest`: collect the day's matches into one daily message. */
  delivery: z._default(z.enum(DELIVERIES), 'instant'),
});

export const topicsFileSchema = z.object({ topics: z.array(topicSchema).check(z.minLength(1)) }).check(
  z.superRefine((file: { topics: { id: string }[] }, ctx) => {
    const seen = new Set<string>();
    file.topics.forEach((topic, index) => {
      if (seen.has(topic.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate topic id "${topic.id}"`,
          path: ['topics', index, 'id'],
        });
      }
      seen.add(topic.id);
    });
  }),
);

export type Topic = z.infer<typeof topicSchema>;
/** A definition as written: defaults (description, aliases, delivery …) may be left out. */
export type TopicDefinition = z.input<typeof topicSchema>;
export type Actor = Topic['actors'][number];

export class InvalidTopicsError extends Error {
  override readonly name = 'InvalidTopicsError';
}

/** Validates topic definitions, with every problem listed and its path, or throws. */
export const parseTopics = (input: unknown): Topic[] => {
  const parsed = topicsFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidTopicsError(`invalid topic definitions:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.topics;
};

/** Validates one topic definition in the same way (paths relative to the topic), or throws. */
export const parseTopic = (input: unknown): Topic => {
  const parsed = topicSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidTopicsError(`invalid topic definition:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
};

/** A problem with a definition: `path` as dotted keys (`actors.0.name`), the message as above. */
export interface TopicIssue {
  path: string;
  message: string;
}

/**
 * Validates one topic definition as parseTopic does, with the problems as data rather than one
 * message: the console API answers them field by field, with the words `topics add` prints.
 */
export const validateTopic = (
  input: unknown,
): { ok: true; topic: Topic } | { ok: false; issues: TopicIssue[] } => {
  const parsed = topicSchema.safeParse(input);
  if (parsed.success) return { ok: true, topic: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
};
