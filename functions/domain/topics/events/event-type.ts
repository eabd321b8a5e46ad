/**
 * The shape of a built-in event vocabulary. Everything is written as lemmas, lower case, single
 * spaces; inflections.ts derives the surface forms, so "hold talks" also gives "held talks".
 * A verb phrase inflects its first word, a noun phrase its last.
 */

/** Verbs that mark the event only with one of these objects: "cut" + "rates", "hold" + "talks". */
export interface LightVerbs {
  readonly verbs: readonly string[];
  /** Written with their usual determiner ("a deal"), as the forms are matched as contiguous words. */
  readonly objects: readonly string[];
}

/** Nouns that name the event only after one of these modifiers: "rate" + "cut". */
export interface LightNouns {
  readonly nouns: readonly string[];
  readonly modifiers: readonly string[];
}

/**
 * Look-alikes: phrases containing (or standing in for) a trigger that do not report the event, e.g.
 * "meet the deadline", "summit of Everest", "phone call" for a meeting. A trigger occurrence that
 * overlaps an exclude occurrence is not the event; an exclude that shares no word with a trigger
 * ("by phone" for a meeting) says the sentence reports a different event.
 */
export interface Excludes {
  /** Verb phrases, inflected: "meet the demands" also excludes "met the demands". */
  readonly verbs?: readonly string[];
  /** Noun phrases, pluralised: "phone call" also excludes "phone calls". */
  readonly nouns?: readonly string[];
  /** Fixed phrases, matched as written: "by phone", "a host of", "free of charge". */
  readonly phrases?: readonly string[];
}

export interface EventTypeDefinition {
  /** One line for people choosing a type. */
  readonly description: string;
  /** Verb lemmas that mark the event on their own: "meet", "sit down", "shake hands". */
  readonly verbs: readonly string[];
  /** Noun lemmas that name the event: "meeting", "summit", "talks". */
  readonly nouns: readonly string[];
  readonly lightVerbs?: LightVerbs;
  readonly lightNouns?: LightNouns;
  readonly excludes: Excludes;
}
