import type { EventTypeDefinition } from './event-type';
import { BUILT_IN_EVENT_TYPES, EVENT_TYPES, type EventTypeId } from './event-types';
import { FormTableBuilder, foldDiacritics, type FormInfo, type FormTable, type Lemma } from './form-table';
import { inflections } from './inflections';

/** A built-in type made into lemmas (light verbs and nouns spelled out) and surface excludes. */
export interface CompiledEventType {
  readonly lemmas: readonly Lemma[];
  /** Every surface form of every exclude, lower case, accents also dropped. */
  readonly excludes: readonly string[];
}

/** Every form of a lemma, with its accent-free spelling too ("tete-a-tete"). */
export const surfaceForms = (lemma: Lemma): string[] => {
  const forms = inflections(lemma.text, lemma.partOfSpeech);
  return [...new Set([...forms, ...forms.map(foldDiacritics)])];
};

const lemmasOf = (definition: EventTypeDefinition): Lemma[] => {
  const verb = (text: string): Lemma => ({ text, partOfSpeech: 'verb' });
  const noun = (text: string): Lemma => ({ text, partOfSpeech: 'noun' });
  const { lightVerbs, lightNouns } = definition;
  return [
    ...definition.verbs.map(verb),
    ...definition.nouns.map(noun),
    ...(lightVerbs?.verbs.flatMap((v) => lightVerbs.objects.map((object) => verb(`${v} ${object}`))) ?? []),
    ...(lightNouns?.nouns.flatMap((n) => lightNouns.modifiers.map((modifier) => noun(`${modifier} ${n}`))) ??
      []),
  ];
};

const excludesOf = (definition: EventTypeDefinition): string[] => {
  const { verbs = [], nouns = [], phrases = [] } = definition.excludes;
  return [
    ...new Set([
      ...verbs.flatMap((text) => surfaceForms({ text, partOfSpeech: 'verb' })),
      ...nouns.flatMap((text) => surfaceForms({ text, partOfSpeech: 'noun' })),
      ...phrases.flatMap((text) => [text, foldDiacritics(text)]),
    ]),
  ];
};

// Compiled on first use and kept: the built-in types are constants, and a Lambda container
// compiles each once however many topics name it.
const compiled = new Map<EventTypeId, CompiledEventType>();

export const compiledEventType = (id: EventTypeId): CompiledEventType => {
  let entry = compiled.get(id);
  if (!entry) {
    const definition: EventTypeDefinition = EVENT_TYPES[id];
    entry = { lemmas: lemmasOf(definition), excludes: excludesOf(definition) };
    compiled.set(id, entry);
  }
  return entry;
};

let lexicon: FormTable | undefined;

/** Every form of every built-in type, to its lemma and parts of speech. */
const builtInLexicon = (): FormTable => {
  if (!lexicon) {
    const builder = new FormTableBuilder();
    for (const id of BUILT_IN_EVENT_TYPES) {
      for (const lemma of compiledEventType(id).lemmas) {
        for (const form of surfaceForms(lemma)) builder.add(form, lemma.text, lemma.partOfSpeech);
      }
    }
    lexicon = builder.build();
  }
  return lexicon;
};

/** What the built-in vocabulary knows of a form (any type's), or undefined. */
export const lexiconEntry = (form: string): FormInfo | undefined => builtInLexicon().get(form);

/**
 * The lemma of a form in the built-in vocabulary: "met" → "meet", "held talks" → "hold talks",
 * "summits" → "summit", "meeting" → "meeting" (a lemma itself). Undefined for a word no type uses.
 */
export const lemmaOf = (form: string): string | undefined => lexiconEntry(form)?.lemma;
