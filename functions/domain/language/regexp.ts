/** Escapes text for use inside a RegExp, so names and cue words match literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
