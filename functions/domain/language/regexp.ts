/** Escapes text for use inside a RegExp, so names and cue words match literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A letter or digit, for the word boundaries below (RegExp `\b` knows only ASCII). */
export const WORD_CHAR = '\\p{L}\\p{N}';

/** A phrase as a pattern in which hyphens and spaces are interchangeable ("sit-down" / "sit down"). */
export const flexiblePhrase = (phrase: string) => escapeRegExp(phrase).replace(/(?:\\-|\s)+/g, '[\\s\\-]+');

/**
 * Any of the phrases as whole words (flexible as above), for the `u` flag and whatever others are
 * given: the one pattern cue lists, trigger lists and keyword baselines are matched with.
 */
export const phrasesPattern = (phrases: readonly string[], flags: string) =>
  new RegExp(`(?<![${WORD_CHAR}])(?:${phrases.map(flexiblePhrase).join('|')})(?![${WORD_CHAR}])`, flags);
