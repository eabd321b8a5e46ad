import {
  classifyTaggedMention,
  tagText,
  tagTokens,
  type Factuality,
  type MentionContext,
  type TokenSpan,
  type Word,
} from '../../../../../../functions/domain/topics/certainty/event-factuality';

/** Classifies the event mention at token indices [start, end) of a tokenised sentence. */
export const classifyMention = (
  tokens: readonly string[],
  span: TokenSpan,
  context: MentionContext = {},
): Factuality => classifyTaggedMention(tagTokens(tokens), span, context);

/** Classifies the event mention at character offsets [start, end) of a sentence. */
export const classifyMentionInText = (
  text: string,
  span: { start: number; end: number },
  context: MentionContext = {},
): Factuality => {
  const words = tagText(text);
  const first = words.findIndex((w) => w.end > span.start);
  let last = first;
  while (last >= 0 && last < words.length && (words[last] as Word).start < span.end) last += 1;
  if (first < 0 || last <= first) {
    throw new RangeError(`no word at characters ${span.start}-${span.end} of the sentence`);
  }
  return classifyTaggedMention(words, { start: first, end: last }, context);
};
