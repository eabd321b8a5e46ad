import { WordMap } from '../../language/word-set';
import type { PartOfSpeech } from './inflections';

/** A vocabulary entry as written: a word or phrase and how it inflects. */
export interface Lemma {
  readonly text: string;
  readonly partOfSpeech: PartOfSpeech;
}

/** What a vocabulary knows of one surface form. */
export interface FormInfo {
  /** The lemma it is a form of; a form that is a lemma itself is its own ("meeting", not "meet"). */
  readonly lemma: string;
  readonly verb: boolean;
  readonly noun: boolean;
  /** Every lemma it is a form of: "meeting" is the noun "meeting" and a form of the verb "meet". */
  readonly lemmas: readonly Lemma[];
}

/** Lower case, single spaces: the shape every form is stored in. */
export const normaliseForm = (form: string): string => form.trim().toLowerCase().replace(/\s+/g, ' ');

/** Accents dropped: feeds write "tete-a-tete" as often as "tête-à-tête". */
export const foldDiacritics = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * The key a form is also found by when written differently: without accents, and with hyphens as
 * spaces, as the topic matcher treats "face-to-face" and "face to face" alike.
 */
const looseKey = (form: string): string => foldDiacritics(form).replace(/(?:-|\s)+/g, ' ');

interface MutableInfo {
  lemma: string;
  verb: boolean;
  noun: boolean;
  lemmas: Lemma[];
}

const merge = (table: Map<string, MutableInfo>, key: string, lemma: string, partOfSpeech?: PartOfSpeech) => {
  let info = table.get(key);
  if (!info) {
    info = { lemma, verb: false, noun: false, lemmas: [] };
    table.set(key, info);
  } else if (lemma === key) {
    info.lemma = lemma;
  }
  if (partOfSpeech === 'verb') info.verb = true;
  if (partOfSpeech === 'noun') info.noun = true;
  if (partOfSpeech && !info.lemmas.some((l) => l.text === lemma && l.partOfSpeech === partOfSpeech)) {
    info.lemmas.push({ text: lemma, partOfSpeech });
  }
};

/**
 * Surface forms with their lemma and part of speech, built up then frozen into a lookup. A form
 * may come from several lemmas ("meeting": the noun, and the -ing of "meet"); it keeps both parts
 * of speech and prefers the lemma it spells.
 */
export class FormTableBuilder {
  private readonly forms = new Map<string, MutableInfo>();

  /** Adds a form; without a part of speech (a custom trigger nothing is known of), it is neither. */
  add(form: string, lemma: string, partOfSpeech?: PartOfSpeech): void {
    merge(this.forms, normaliseForm(form), normaliseForm(lemma), partOfSpeech);
  }

  delete(form: string): void {
    this.forms.delete(normaliseForm(form));
  }

  has(form: string): boolean {
    return this.forms.has(normaliseForm(form));
  }

  build(): FormTable {
    return new FormTable(this.forms);
  }
}

export class FormTable {
  private readonly exact: WordMap<FormInfo>;
  private readonly loose: ReadonlyMap<string, FormInfo>;
  /** Longest first, so that a regular-expression alternation prefers "held talks" to "held". */
  readonly forms: readonly string[];

  constructor(forms: ReadonlyMap<string, FormInfo>) {
    this.exact = new WordMap(forms);
    const loose = new Map<string, FormInfo>();
    for (const [form, info] of forms) if (!loose.has(looseKey(form))) loose.set(looseKey(form), info);
    this.loose = loose;
    this.forms = [...forms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }

  get(form: string): FormInfo | undefined {
    const normal = normaliseForm(form);
    return this.exact.get(normal) ?? this.loose.get(looseKey(normal));
  }
}
