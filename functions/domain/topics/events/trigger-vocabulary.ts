import { compiledEventType, lexiconEntry, surfaceForms } from './event-lexicon';
import { BUILT_IN_EVENT_TYPES, builtInEventType, normaliseEventType } from './event-types';
import { FormTableBuilder, foldDiacritics, normaliseForm, type Lemma } from './form-table';
import { isIrregularVerb, type PartOfSpeech } from './inflections';

/** A topic's event as written: a type, and optionally forms of its own and look-alikes to drop. */
export interface EventSpec {
  type: string;
  triggers?: readonly string[];
  excludes?: readonly string[];
}

/** The surface vocabulary a topic's event is matched with. */
export interface TriggerVocabulary {
  /** The type, normalised ("rate decision"). */
  readonly type: string;
  /** Whether the type is built in (its vocabulary included) or the topic's own (triggers only). */
  readonly builtIn: boolean;
  /** Every single- and multi-word surface form, lower case, longest first. */
  readonly forms: readonly string[];
  /**
   * Look-alike phrases, lower case: a form occurrence overlapping one of these is not the event;
   * one that shares no word with a form ("by phone") marks a sentence about something else.
   */
  readonly excludes: readonly string[];
  /** The lemma of one of `forms` ("held talks" → "hold talks"), or undefined for another string. */
  lemmaOf(form: string): string | undefined;
  /** False for a custom trigger the built-in vocabulary does not know, as nothing says what it is. */
  isVerb(form: string): boolean;
  isNoun(form: string): boolean;
}

export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';

  constructor(readonly type: string) {
    super(
      `event type "${type}" is not built in and has no triggers: list its triggers, or use one of the ` +
        `built-in types: ${BUILT_IN_EVENT_TYPES.join(', ')}`,
    );
  }
}

interface CustomForm {
  form: string;
  lemma: string;
  partOfSpeech?: PartOfSpeech;
}

const formsOf = (lemma: Lemma): CustomForm[] =>
  surfaceForms(lemma).map((form) => ({ form, lemma: lemma.text, partOfSpeech: lemma.partOfSpeech }));

/** Whether the built-in vocabulary or the irregular-verb table knows the word as a verb lemma. */
const isKnownVerb = (word: string): boolean =>
  isIrregularVerb(word) ||
  (lexiconEntry(word)?.lemmas.some((lemma) => lemma.text === word && lemma.partOfSpeech === 'verb') ?? false);

/**
 * A custom trigger or exclude, kept as written and, where the vocabulary knows what it is, with
 * its other forms: "visit" or "visited" brings all of visit/visits/visited/visiting; "fly" (an
 * irregular verb) flew/flown; "hold a press conference" (a known verb first) held/holding …
 * A word nothing is known of ("parley") stays as written: guessing its forms could add words the
 * user never meant.
 */
const expandCustom = (text: string): CustomForm[] => {
  const written = normaliseForm(text);
  // A known form is among its lemma's forms, and takes that lemma rather than itself.
  const known = lexiconEntry(written);
  if (known) {
    const own = known.lemmas.filter((lemma) => lemma.text === written);
    return (own.length > 0 ? own : known.lemmas).flatMap(formsOf);
  }
  const head = written.split(' ')[0] ?? '';
  if (isKnownVerb(head)) return formsOf({ text: written, partOfSpeech: 'verb' });
  return [...new Set([written, foldDiacritics(written)])].map((form) => ({ form, lemma: written }));
};

/**
 * The vocabulary of a topic's event: the built-in type's forms (when the type is built in) and the
 * topic's own triggers, minus the excludes. A topic's own triggers win over the type's excludes (a
 * topic may want "phone call" as a meeting); the topic's own excludes win over everything.
 *
 * @throws UnknownEventTypeError when the type is not built in and no triggers are given.
 */
export const triggerVocabulary = (event: EventSpec): TriggerVocabulary => {
  const id = builtInEventType(event.type);
  const triggers = (event.triggers ?? []).map(normaliseForm).filter((trigger) => trigger.length > 0);
  if (id === undefined && triggers.length === 0) throw new UnknownEventTypeError(event.type);

  const custom = triggers.flatMap(expandCustom);
  const customForms = new Set(custom.map(({ form }) => form));
  const customExcludes = new Set(
    (event.excludes ?? [])
      .filter((exclude) => exclude.trim().length > 0)
      .flatMap((exclude) => expandCustom(exclude).map(({ form }) => form)),
  );
  const builtIn = id === undefined ? undefined : compiledEventType(id);
  const excludes = new Set([
    ...(builtIn?.excludes ?? []).filter((exclude) => !customForms.has(exclude)),
    ...customExcludes,
  ]);

  const builder = new FormTableBuilder();
  for (const lemma of builtIn?.lemmas ?? []) {
    for (const form of surfaceForms(lemma)) {
      if (!excludes.has(form)) builder.add(form, lemma.text, lemma.partOfSpeech);
    }
  }
  for (const { form, lemma, partOfSpeech } of custom) {
    if (!customExcludes.has(form)) builder.add(form, lemma, partOfSpeech);
  }
  const table = builder.build();

  return {
    type: normaliseEventType(event.type),
    builtIn: id !== undefined,
    forms: table.forms,
    excludes: [...excludes],
    lemmaOf: (form) => table.get(form)?.lemma,
    isVerb: (form) => table.get(form)?.verb ?? false,
    isNoun: (form) => table.get(form)?.noun ?? false,
  };
};
