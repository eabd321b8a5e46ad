/**
 * Word lookups for passes over every token of an article. A string key costs a hash of the
 * string, and a token's string is new to every analysis; most tokens are ruled out first by their
 * first character and length (an array read), so only the few that look like a member are hashed.
 */

const MAX_LENGTH = 31;

/** The (first character code, length) slot of a word, or -1 outside ASCII or over MAX_LENGTH. */
const slotOf = (word: string): number => {
  const code = word.charCodeAt(0);
  return code < 128 && word.length <= MAX_LENGTH ? word.length * 128 + code : -1;
};

export class WordMap<V> {
  private readonly shapes = new Uint8Array(128 * (MAX_LENGTH + 1));
  private readonly entries: ReadonlyMap<string, V>;

  constructor(entries: Iterable<readonly [string, V]>) {
    const map = new Map<string, V>();
    for (const [word, value] of entries) {
      map.set(word, value);
      const slot = slotOf(word);
      if (slot >= 0) this.shapes[slot] = 1;
    }
    this.entries = map;
  }

  get(word: string): V | undefined {
    const slot = slotOf(word);
    // A word with a slot can only equal a member with the same slot.
    if (slot >= 0 && this.shapes[slot] === 0) return undefined;
    return this.entries.get(word);
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }
}

export class WordSet extends WordMap<true> {
  constructor(words: Iterable<string>) {
    super([...words].map((word) => [word, true] as const));
  }
}
