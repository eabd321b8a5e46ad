import type { EntityKind } from '../../functions/domain/language/entities/entity-lexicon';
import type { SentenceTagger } from '../../functions/domain/language/entities/entities';

/**
 * A stand-in for the trained entity tagger: it tags exactly the names it is given, as token
 * tokens (longest first; a hyphen is a token of its own, as the tokeniser makes it), so that tests of the naming layer do not depend on the model.
 */
export const scriptedTagger = (names: Readonly<Record<string, EntityKind>>): SentenceTagger => {
  const scripts = Object.entries(names)
    .map(([name, kind]) => ({ words: name.split(/\s+|(?=-)|(?<=-)/), kind }))
    .sort((a, b) => b.words.length - a.words.length);
  return (words) => {
    const spans: ReturnType<SentenceTagger> = [];
    for (let i = 0; i < words.length;) {
      const script = scripts.find(({ words: ws }) => ws.every((w, k) => words[i + k]?.text === w));
      if (script) {
        spans.push({ start: i, end: i + script.words.length, kind: script.kind });
        i += script.words.length;
      } else i += 1;
    }
    return spans;
  };
};
