import { flexiblePhrase, WORD_CHAR } from '../language/regexp';
import { DEMONYMS } from '../language/entities/demonyms';
import type { Actor } from './topic-schema';

/**
 * Where a topic's actors are named in an article, as news writes names: in full ("Kim Jong Un",
 * or an alias), by a short name ("Kim") once that can only mean the actor, or by a role
 * description ("the North Korean leader") once the article has named the actor.
 *
 * - A full name or alias always counts, except as part of another person's name: "Donald Trump
 *   Jr." is not Donald Trump.
 * - A short name counts when the article introduces the actor in full anywhere (headline included),
 *   or when the article names no other bearer of it: "Trump to meet Kim" is a headline's way of
 *   naming both men; an article about Kim Yo Jong that says "Kim" means her, not her brother.
 * - A role description counts when the article names the actor otherwise too: it resolves within
 *   the article, never on its own. Descriptions come from the topic (`descriptions`) and from the
 *   aliases that put a role before the name ("North Korean leader Kim" → "the North Korean leader").
 */

export type NameKind = 'full' | 'short' | 'description';

/** One name in a text: character offsets, the actor's index in the topic and how it is named. */
export interface NameMention {
  actor: number;
  start: number;
  end: number;
  kind: NameKind;
}

export interface CompiledActor {
  /** The canonical name, for what a match reports. */
  name: string;
  full: RegExp;
  short: RegExp | null;
  description: RegExp | null;
}

/**
 * Names case-sensitively (so "Kim" is not "kim chi"), on word boundaries, any apostrophe after them
 * ("Trump’s"); never followed by a generational suffix, which makes it another person's name.
 */
const namePattern = (names: readonly string[]) =>
  new RegExp(
    `(?<![${WORD_CHAR}])(?:${[...names]
      .sort((a, b) => b.length - a.length)
      .map(flexiblePhrase)
      .join('|')})(?![${WORD_CHAR}])(?!,?\\s+(?:Jr|Sr|II|III)\\b)`,
    'gu',
  );

/** Words that stand before a name as a title or a role, not as part of another person's name. */
const TITLE_WORDS = new Set(
  `president presidents mr mrs ms miss dr sir madam chairman chairwoman chair leader premier prime minister
  secretary senator sen rep representative governor gov general gen king queen prince princess crown
  comrade vice former ex supreme chancellor ambassador envoy candidate nominee speaker mayor
  director judge justice pope emperor sheikh marshal admiral colonel dictator strongman
  the a an and or of to with by for from in on at as after before than but nor between said says says`
    .split(/\s+/)
    .filter(Boolean),
);

const UPPER_START = /^\p{Lu}/u;

/**
 * The role descriptions an alias implies: the words before the name when they are a role of two
 * words or more ("US President Donald Trump" → "US President"; a bare "President" says too little).
 */
const impliedDescriptions = (actor: Actor): string[] => {
  const names = [actor.name, ...actor.shortNames];
  const roles: string[] = [];
  for (const alias of actor.aliases) {
    for (const name of names) {
      if (!alias.endsWith(` ${name}`)) continue;
      const role = alias.slice(0, -name.length).trim();
      if (role.split(/\s+/).length >= 2) roles.push(role);
    }
  }
  return roles;
};

/** A word whose first letter may be either case ("President" / "president"), the rest as written. */
const eitherCase = (phrase: string) =>
  flexiblePhrase(phrase).replace(
    /(^|\[\\s\\-\]\+)(\p{L})/gu,
    (_, before: string, letter: string) => `${before}[${letter.toUpperCase()}${letter.toLowerCase()}]`,
  );

/**
 * "the North Korean leader", "the US president": either case at the start of each word, "the"
 * required (a bare "North Korean leader Kim" is an alias), and not followed by a capitalised
 * word, which would make it a title of someone named ("the Russian president Dmitry Medvedev").
 * Case-sensitive matching, so that the capital test means what it says.
 */
const descriptionPattern = (descriptions: readonly string[]) =>
  descriptions.length === 0
    ? null
    : new RegExp(
        `(?<![${WORD_CHAR}])[Tt]he\\s+(?:${descriptions.map(eitherCase).join('|')})(?![${WORD_CHAR}])(?!\\s+\\p{Lu})`,
        'gu',
      );

/** Short forms of country names that role descriptions use ("US President Joe Biden"). */
const COUNTRY_FORMS: Readonly<Record<string, string>> = {
  US: 'United States',
  'U.S.': 'United States',
  USA: 'United States',
  America: 'United States',
  UK: 'United Kingdom',
  'U.K.': 'United Kingdom',
  Britain: 'United Kingdom',
};

const countryOf = (word: string): string | undefined => DEMONYMS[word] ?? COUNTRY_FORMS[word];

/** Every way of naming a country in a description: its name, short forms and demonyms. */
const countryWords = (country: string): string[] => [
  country,
  ...Object.entries(COUNTRY_FORMS)
    .filter(([, c]) => c === country)
    .map(([form]) => form),
  ...Object.entries(DEMONYMS)
    .filter(([, c]) => c === country)
    .map(([demonym]) => demonym),
];

/** The country an actor leads, from a role before the name ("Russian President Vladimir Putin"). */
const countryOfActor = (actor: Actor): string | undefined => {
  for (const alias of actor.aliases) {
    const words = alias.split(/\s+/);
    for (const length of [2, 1]) {
      const country = countryOf(words.slice(0, length).join(' '));
      if (country && words.length > length) return country;
    }
  }
  return undefined;
};

/** The actors as a group, once named: "the two leaders met", "both sides said". */
export const GROUP_REFERENCE =
  /(?<![\p{L}\p{N}])(?:(?:the\s+)?(?:two|both)\s+(?:leaders|men|women|presidents|sides|heads\s+of\s+state)|the\s+(?:pair|men|leaders|presidents))(?![\p{L}\p{N}])/giu;

const GROUP_NOUNS = '(?:leaders|presidents|heads\\s+of\\s+state|heads\\s+of\\s+government)';

/**
 * Both actors at once, as news names a pair of leaders: "the American and Chinese leaders",
 * "the Russian and US presidents", "the leaders of Russia and North Korea" (either order). Null
 * unless the topic has exactly two actors whose aliases say which country each leads.
 */
export const compilePair = (actors: readonly Actor[]): RegExp | null => {
  if (actors.length !== 2) return null;
  const countries = actors.map(countryOfActor);
  if (countries.some((c) => c === undefined) || countries[0] === countries[1]) return null;
  const [a, b] = countries.map(
    (c) =>
      `(?:${countryWords(c as string)
        .map(flexiblePhrase)
        .join('|')})`,
  );
  return new RegExp(
    `(?<![${WORD_CHAR}])[Tt]he\\s+(?:(?:${a}\\s+and\\s+${b}|${b}\\s+and\\s+${a})\\s+${GROUP_NOUNS}|${GROUP_NOUNS}\\s+of\\s+(?:the\\s+)?(?:${a}\\s+and\\s+(?:the\\s+)?${b}|${b}\\s+and\\s+(?:the\\s+)?${a}))(?![${WORD_CHAR}])`,
    'gu',
  );
};

/** Every role description that counts for the actor: its own and those its aliases imply. */
export const descriptionsOf = (actor: Actor): string[] => [
  ...actor.descriptions,
  ...impliedDescriptions(actor),
];

export const compileActor = (actor: Actor): CompiledActor => ({
  name: actor.name,
  full: namePattern([actor.name, ...actor.aliases]),
  short: actor.shortNames.length > 0 ? namePattern(actor.shortNames) : null,
  description: descriptionPattern(descriptionsOf(actor)),
});

const spans = (pattern: RegExp | null, text: string) =>
  pattern ? [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** The capitalised word right before `start`, if it is not a title or function word. */
const nameBefore = (text: string, start: number): boolean => {
  const before = /([\p{L}][\p{L}.'’-]*)\s+$/u.exec(text.slice(Math.max(0, start - 40), start));
  const word = before?.[1];
  if (!word || !UPPER_START.test(word)) return false;
  const bare = word.replace(/[.'’]+$/u, '').toLowerCase();
  return !TITLE_WORDS.has(bare) && !/['’]s$/u.test(word);
};

/** The capitalised word right after `end`, joined by a space (not a full stop): a longer name. */
const nameAfter = (text: string, end: number): boolean => {
  const after = /^ +(\p{Lu}[\p{L}’'-]*)/u.exec(text.slice(end, end + 40));
  const word = after?.[1];
  return word !== undefined && !TITLE_WORDS.has(word.toLowerCase());
};

/** How one article refers to an actor: which name forms count in it. */
export interface ActorReading {
  shortNames: boolean;
  descriptions: boolean;
}

export interface ArticleText {
  /** The headline, written in Title Case: its capitals say nothing about longer names. */
  headline: string | null;
  /** Every other sentence of the article, in order. */
  sentences: readonly string[];
}

/**
 * Which name forms of one actor count in this article. `shortNamesAlways` is for a short item
 * (a headline and a line): it names people as headlines do and introduces no one in full.
 */
export const readActor = (
  actor: CompiledActor,
  article: ArticleText,
  shortNamesAlways = false,
): ActorReading => {
  const texts = article.headline === null ? article.sentences : [article.headline, ...article.sentences];
  const named = texts.some((text) => spans(actor.full, text).length > 0);
  if (!actor.short) return { shortNames: false, descriptions: named };
  if (named || shortNamesAlways) return { shortNames: true, descriptions: true };
  // Another bearer: the short name inside a longer capitalised name in the body ("Kim Yo Jong",
  // "Melania Trump"); the headline's Title Case would make every next word look like one.
  const otherBearer = article.sentences.some((text) => {
    const full = spans(actor.full, text);
    return spans(actor.short, text).some(
      (short) =>
        !full.some((f) => overlaps(f, short)) &&
        (nameBefore(text, short.start) || nameAfter(text, short.end)),
    );
  });
  // A description resolves to the actor only where the article names the actor somehow.
  const shortNamed = !otherBearer && texts.some((text) => spans(actor.short, text).length > 0);
  return { shortNames: !otherBearer, descriptions: shortNamed };
};

/** readActor for each actor: each is read on its own. */
export const readActors = (
  actors: readonly CompiledActor[],
  article: ArticleText,
  shortNamesAlways = false,
): ActorReading[] => actors.map((actor) => readActor(actor, article, shortNamesAlways));

/** The actors' names in one text, in text order, longest first where they overlap. */
export const findNames = (
  actors: readonly CompiledActor[],
  readings: readonly ActorReading[],
  text: string,
  pair: RegExp | null = null,
  /** The actors named just before (the previous sentence): whom "the two leaders" can mean. */
  namedBefore: ReadonlySet<number> = new Set(),
): NameMention[] => {
  const found: NameMention[] = [];
  actors.forEach((actor, index) => {
    const reading = readings[index] ?? { shortNames: false, descriptions: false };
    const full = spans(actor.full, text).map((s) => ({ ...s, actor: index, kind: 'full' as const }));
    found.push(...full);
    if (reading.shortNames) {
      for (const s of spans(actor.short, text))
        if (!full.some((f) => overlaps(f, s))) found.push({ ...s, actor: index, kind: 'short' });
    }
    if (reading.descriptions) {
      for (const s of spans(actor.description, text)) found.push({ ...s, actor: index, kind: 'description' });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const names = found.filter((m, i) => !found.slice(0, i).some((other) => overlaps(other, m)));
  // A pair description, or the pair as a group ("the two leaders", "both sides"), stands for
  // every actor once the article has named them all.
  // A group means the actors only when they are all named in this sentence or the one before:
  // after "Trump sat down with Xi", "the two leaders" are Trump and Xi, whoever a topic tracks.
  const namedHere = new Set([...names.map((n) => n.actor), ...namedBefore]);
  const groupMeansActors = actors.length > 1 && actors.every((_, i) => namedHere.has(i));
  if (readings.every((r) => r.descriptions)) {
    for (const s of [...spans(pair, text), ...(groupMeansActors ? spans(GROUP_REFERENCE, text) : [])]) {
      if (names.some((n) => overlaps(n, s))) continue;
      actors.forEach((_, actor) => names.push({ ...s, actor, kind: 'description' }));
    }
  }
  return names;
};

/** Whether a text names the actor in some form that could count: a cheap test before tagging. */
export const mayNameActor = (actor: CompiledActor, text: string): boolean => {
  const test = (pattern: RegExp | null) => {
    if (!pattern) return false;
    pattern.lastIndex = 0;
    const hit = pattern.test(text);
    pattern.lastIndex = 0;
    return hit;
  };
  return test(actor.full) || test(actor.short) || test(actor.description);
};

/**
 * Whether a text names every actor in some form that could count: a cheap test before tagging.
 * A mention needs them all, so an article that never names one has none.
 */
export const mayNameActors = (actors: readonly CompiledActor[], text: string): boolean =>
  actors.every((actor) => mayNameActor(actor, text));
