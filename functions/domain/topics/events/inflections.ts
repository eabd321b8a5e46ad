import { IRREGULAR_PREFIXES, IRREGULAR_VERBS, REGULAR_DESPITE_PREFIX } from './irregular-verbs';

/**
 * A small English morphology: every surface form of a verb or noun lemma, so that a vocabulary
 * can be written as lemmas ("meet", "hold talks") and still match "met", "held talks".
 *
 * Lemmas are lower case. A phrase inflects its head: a verb phrase its first word ("hold talks" →
 * "held talks", "take over" → "taken over"), a noun phrase its last ("phone call" → "phone
 * calls"); in a hyphenated word the last part ("re-elect" → "re-elected", "sit-down" →
 * "sit-downs"). Where usage splits (British "cancelled", US "canceled"; "hanged"/"hung") both
 * forms are given: a missed form is a missed alert, an extra one costs nothing.
 */

export type PartOfSpeech = 'verb' | 'noun';

export interface VerbForms {
  base: string;
  /** Third person singular present ("meets"); for "be" also "am" and "are". */
  third: readonly string[];
  past: readonly string[];
  participle: readonly string[];
  /** Present participle and gerund ("meeting"). */
  ing: readonly string[];
}

/**
 * Verbs of more than one syllable stressed on a final short syllable, which double its consonant
 * (admitted, conferred, acquitted); spelling cannot tell them from "visited", "offered", so listed.
 */
const DOUBLES_FINAL_CONSONANT: ReadonlySet<string> = new Set([
  'abet',
  'abhor',
  'acquit',
  'admit',
  'allot',
  'begin',
  'commit',
  'compel',
  'confer',
  'control',
  'defer',
  'deter',
  'embed',
  'emit',
  'equip',
  'excel',
  'expel',
  'extol',
  'forbid',
  'forget',
  'handicap',
  'impel',
  'incur',
  'infer',
  'kidnap',
  'occur',
  'omit',
  'outstrip',
  'outwit',
  'overlap',
  'patrol',
  'permit',
  'prefer',
  'propel',
  'rebel',
  'recur',
  'refer',
  'regret',
  'remit',
  'repel',
  'submit',
  'transfer',
  'transmit',
  'unplug',
  'unwrap',
  'unzip',
]);

/** One short vowel before one final consonant in a one-syllable word: step, tap, sit, quit. */
const SHORT_CLOSED_SYLLABLE = /^[^aeiou]*[aeiou][bcdfghjklmnpqrstvz]$/;
const SIBILANT_END = /(?:s|x|z|ch|sh)$/;
const CONSONANT_Y_END = /[^aeiou]y$/;
const CONSONANT_O_END = /[^aeiou]o$/;
const VOWEL_GROUP = /[aeiou]+/g;

/** "qu" spells a consonant sound, so "quit" is a closed syllable like "sit". */
const doublesFinalConsonant = (verb: string): boolean =>
  DOUBLES_FINAL_CONSONANT.has(verb) || SHORT_CLOSED_SYLLABLE.test(verb.replace(/qu/g, 'q'));

/** travel, cancel, signal: British spelling doubles the l, US spelling does not; give both. */
const doublesLInBritish = (verb: string): boolean =>
  /[^aeiou][aeiou]l$/.test(verb) && (verb.match(VOWEL_GROUP)?.length ?? 0) > 1;

const regularPast = (verb: string): string[] => {
  if (verb.endsWith('e')) return [`${verb}d`];
  if (CONSONANT_Y_END.test(verb)) return [`${verb.slice(0, -1)}ied`];
  // panic, picnic, traffic keep the hard c: panicked.
  if (verb.endsWith('ic')) return [`${verb}ked`];
  if (doublesFinalConsonant(verb)) return [`${verb}${verb.at(-1)}ed`];
  if (doublesLInBritish(verb)) return [`${verb}ed`, `${verb}led`];
  return [`${verb}ed`];
};

const presentParticiple = (verb: string): string[] => {
  if (verb === 'be') return ['being'];
  if (verb.endsWith('ie')) return [`${verb.slice(0, -2)}ying`];
  // agree, see, canoe, dye keep the e, which would otherwise read as a new syllable.
  if (/(?:ee|oe|ye)$/.test(verb)) return [`${verb}ing`];
  if (verb.endsWith('e')) return [`${verb.slice(0, -1)}ing`];
  if (verb.endsWith('ic')) return [`${verb}king`];
  if (doublesFinalConsonant(verb)) return [`${verb}${verb.at(-1)}ing`];
  if (doublesLInBritish(verb)) return [`${verb}ing`, `${verb}ling`];
  return [`${verb}ing`];
};

const thirdPerson = (verb: string): string[] => {
  if (verb === 'be') return ['is', 'am', 'are'];
  if (verb === 'have') return ['has'];
  if (SIBILANT_END.test(verb) || CONSONANT_O_END.test(verb)) return [`${verb}es`];
  if (CONSONANT_Y_END.test(verb)) return [`${verb.slice(0, -1)}ies`];
  return [`${verb}s`];
};

const prefixed = (prefix: string, forms: VerbForms): VerbForms => ({
  base: prefix + forms.base,
  third: forms.third.map((form) => prefix + form),
  past: forms.past.map((form) => prefix + form),
  participle: forms.participle.map((form) => prefix + form),
  ing: forms.ing.map((form) => prefix + form),
});

/** Prefixes tried longest first, so "under" wins over "un" in "undercut". */
const PREFIXES_LONGEST_FIRST = [...IRREGULAR_PREFIXES].sort((a, b) => b.length - a.length);

/** The prefix before an irregular stem ("" for the stem itself), or undefined for a regular verb. */
const irregularPrefix = (verb: string): string | undefined => {
  if (IRREGULAR_VERBS.has(verb)) return '';
  if (REGULAR_DESPITE_PREFIX.has(verb)) return undefined;
  return PREFIXES_LONGEST_FIRST.find(
    (prefix) =>
      verb.startsWith(prefix) &&
      verb.length > prefix.length + 1 &&
      IRREGULAR_VERBS.has(verb.slice(prefix.length)),
  );
};

const wordForms = (verb: string): VerbForms => {
  const hyphen = verb.lastIndexOf('-');
  if (hyphen > 0) return prefixed(verb.slice(0, hyphen + 1), wordForms(verb.slice(hyphen + 1)));
  const prefix = irregularPrefix(verb);
  if (prefix) return prefixed(prefix, wordForms(verb.slice(prefix.length)));
  const irregular = prefix === '' ? IRREGULAR_VERBS.get(verb) : undefined;
  const past = irregular?.past ?? regularPast(verb);
  return {
    base: verb,
    third: thirdPerson(verb),
    past,
    participle: irregular?.participle ?? past,
    ing: presentParticiple(verb),
  };
};

const splitHead = (phrase: string, head: 'first' | 'last'): [before: string, word: string, after: string] => {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  if (head === 'first') return ['', words[0] ?? '', words.length > 1 ? ` ${words.slice(1).join(' ')}` : ''];
  const last = words.pop() ?? '';
  return [words.length > 0 ? `${words.join(' ')} ` : '', last, ''];
};

/** The forms of a verb or verb phrase, by slot; a phrase inflects its first word. */
export const verbForms = (lemma: string): VerbForms => {
  const [, head, rest] = splitHead(lemma, 'first');
  const forms = wordForms(head);
  const withRest = (list: readonly string[]) => list.map((form) => form + rest);
  return {
    base: forms.base + rest,
    third: withRest(forms.third),
    past: withRest(forms.past),
    participle: withRest(forms.participle),
    ing: withRest(forms.ing),
  };
};

/** Nouns that are the same in the plural, only plural ("talks"), or uncountable ("summitry"). */
const INVARIANT_NOUNS: ReadonlySet<string> = new Set([
  'aircraft',
  'crossroads',
  'headquarters',
  'means',
  'news',
  'offspring',
  'proceedings',
  'rendezvous',
  'series',
  'species',
  'summitry',
  'talks',
  'whereabouts',
]);

const IRREGULAR_PLURALS: ReadonlyMap<string, readonly string[]> = new Map([
  ['analysis', ['analyses']],
  ['basis', ['bases']],
  ['calf', ['calves']],
  ['child', ['children']],
  ['crisis', ['crises']],
  ['criterion', ['criteria']],
  ['foot', ['feet']],
  ['half', ['halves']],
  ['knife', ['knives']],
  ['leaf', ['leaves']],
  ['life', ['lives']],
  ['man', ['men']],
  ['memorandum', ['memoranda', 'memorandums']],
  ['mouse', ['mice']],
  ['person', ['people', 'persons']],
  ['phenomenon', ['phenomena']],
  ['self', ['selves']],
  ['shelf', ['shelves']],
  ['thesis', ['theses']],
  ['thief', ['thieves']],
  ['tooth', ['teeth']],
  ['wife', ['wives']],
  ['wolf', ['wolves']],
  ['woman', ['women']],
]);

/** Nouns in consonant + o that take -es; the rest take -s (videos, photos, memos). */
const PLURAL_IN_OES: ReadonlySet<string> = new Set([
  'echo',
  'embargo',
  'hero',
  'potato',
  'tomato',
  'torpedo',
  'veto',
]);

const wordPlurals = (noun: string): readonly string[] => {
  const hyphen = noun.lastIndexOf('-');
  if (hyphen > 0) {
    return wordPlurals(noun.slice(hyphen + 1)).map((plural) => noun.slice(0, hyphen + 1) + plural);
  }
  if (INVARIANT_NOUNS.has(noun)) return [noun];
  const irregular = IRREGULAR_PLURALS.get(noun);
  if (irregular) return irregular;
  if (SIBILANT_END.test(noun)) return [`${noun}es`];
  if (CONSONANT_Y_END.test(noun)) return [`${noun.slice(0, -1)}ies`];
  if (CONSONANT_O_END.test(noun)) return [PLURAL_IN_OES.has(noun) ? `${noun}es` : `${noun}s`];
  return [`${noun}s`];
};

/** The plurals of a noun or noun phrase; a phrase inflects its last word. */
export const nounPlurals = (lemma: string): readonly string[] => {
  const [before, head] = splitHead(lemma, 'last');
  return wordPlurals(head).map((plural) => before + plural);
};

/** Every distinct form of a lemma, the lemma first: base, -s, past, participle, -ing; or singular, plural. */
export const inflections = (lemma: string, partOfSpeech: PartOfSpeech): string[] => {
  const base = lemma.trim().toLowerCase().replace(/\s+/g, ' ');
  if (partOfSpeech === 'noun') return [...new Set([base, ...nounPlurals(base)])];
  const forms = verbForms(base);
  return [...new Set([forms.base, ...forms.third, ...forms.past, ...forms.participle, ...forms.ing])];
};

/** Whether the word (or its last hyphenated part) is an irregular verb, directly or by prefix. */
export const isIrregularVerb = (word: string): boolean =>
  irregularPrefix(word.trim().toLowerCase().split('-').at(-1) ?? '') !== undefined;
