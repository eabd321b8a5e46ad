/**
 * Hashing for the project's linear models (the entity tagger, the factuality model): features are
 * hashed into fixed tables rather than kept in a vocabulary, so the committed weights need no word
 * list beside them.
 */

/** FNV-1a, 32 bits: a fast, stable string hash with no dependencies. */
export const hashFeature = (feature: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i += 1) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/** Combines a feature template's number with a value's hash (and a second value's): one 32-bit mix. */
export const mixHash = (template: number, value: number, other = 0): number => {
  let h = Math.imul(template ^ 0x9e3779b9, 0x85ebca6b) ^ value;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ other;
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
};
