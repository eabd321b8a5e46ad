/** Longest headline we generate, in characters: what fits a notification or a list row. */
export const MAX_HEADLINE_CHARS = 90;
// A clause cut shorter than this loses too much of the lead; cut at a word instead.
const MIN_CLAUSE_CHARS = 35;

const SPEECH_VERBS = String.raw`(?:said|says|reported|reports|told\s+[^,]{1,40}|announced|confirmed|claimed|added|warned|stated|wrote|tweeted|posted|revealed|insisted|suggested|according\s+to\s+[^,]{1,60})`;
const WHEN = String.raw`(?:\s+(?:on|late\s+on|early\s+on|last|this|earlier|later|in)\s+\S+(?:\s+\S+)?|\s+(?:today|yesterday|tonight|recently))?`;
const HOW = String.raw`(?:\s+(?:in\s+a\s+statement|in\s+an\s+interview|in\s+a\s+report|on\s+(?:X|Twitter|social\s+media)))?`;

/** ", CNN reported on Saturday." / ", officials said." / ", the ministry said in a statement." */
const TRAILING_ATTRIBUTION = new RegExp(
  String.raw`,\s*(?:[^,]{1,60}?\s+${SPEECH_VERBS}|${SPEECH_VERBS}\s+[^,]{1,60}?)${HOW}${WHEN}${HOW}\s*[.!?]*["”’]?\s*$`,
  'iu',
);
/** "According to officials, ..." */
const LEADING_ATTRIBUTION = /^(?:according\s+to\s+[^,]{1,60},\s*)/iu;
// Words after which a headline cannot stop.
const DANGLING =
  /\s+(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|as|that|than|his|her|its|their|our|this|these|those|is|are|was|were|be|has|have|had|will|would|could|should|may|might|can|not|very|more|most)$/iu;
// Words that open a clause a headline can do without.
const CLAUSE_OPENERS =
  /\s+(?:during|after|before|amid|despite|following|while|because|since|although|though|when|where|which|who|whose|including|until|unless|whereas|ahead\s+of)\s/giu;
const PREPOSITIONS = /\s+(?:at|on|in|with|for|from|after|over|under|near|into|across|between|against)\s/giu;
const RELATIVE_ASIDE = /,\s+(?:which|who|whose|where)\s[^,]{1,150},\s*/giu;
const TRAILING_PUNCTUATION = /[\s,;:.!?…–—-]+$/u;

const tidy = (text: string) =>
  text.replace(TRAILING_PUNCTUATION, '').replace(DANGLING, '').replace(TRAILING_PUNCTUATION, '');

const balanceQuotes = (text: string) => {
  const opened = (text.match(/“/g) ?? []).length;
  const closed = (text.match(/”/g) ?? []).length;
  if (opened > closed) return `${text}”`;
  if (closed > opened && text.startsWith('“') === false) return text.replace(/”/g, '');
  return text;
};

/** Cuts at the last clause boundary that keeps enough of the lead, else at a word boundary. */
const shorten = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let best = -1;
  for (const match of text.matchAll(CLAUSE_OPENERS)) {
    if (match.index >= MIN_CLAUSE_CHARS && match.index <= max) best = match.index;
  }
  for (let i = text.indexOf(','); i >= 0 && i <= max; i = text.indexOf(',', i + 1)) {
    if (i >= MIN_CLAUSE_CHARS && i > best) best = i;
  }
  if (best > 0) return tidy(text.slice(0, best));
  // No clause to drop: end before a prepositional phrase rather than inside a noun phrase
  // ("...beat Northbridge Rovers 2-1" and not "...2-1 at a rain-soaked").
  for (const match of text.matchAll(PREPOSITIONS)) {
    if (match.index >= MIN_CLAUSE_CHARS && match.index <= max) best = match.index;
  }
  if (best > 0) return tidy(text.slice(0, best));
  const space = text.lastIndexOf(' ', max);
  return tidy(text.slice(0, space > 0 ? space : max));
};

/**
 * A headline made from an article's lead sentence: without the attribution ("..., CNN reported
 * on Saturday"), at most {@link MAX_HEADLINE_CHARS} characters cut at a clause or word boundary,
 * and without trailing punctuation.
 */
export const headlineFrom = (lead: string, max = MAX_HEADLINE_CHARS): string => {
  let text = lead.replace(/\s+/g, ' ').trim();
  const withoutAttribution = text.replace(TRAILING_ATTRIBUTION, '');
  // An attribution that is most of the sentence is the sentence.
  if (withoutAttribution.length >= MIN_CLAUSE_CHARS / 2) text = withoutAttribution;
  const withoutSource = text.replace(LEADING_ATTRIBUTION, '');
  if (withoutSource.length >= MIN_CLAUSE_CHARS / 2) text = withoutSource;
  // "India, which attends the G7 meeting on Friday, is unlikely to…": the aside goes first.
  if (text.length > max) text = text.replace(RELATIVE_ASIDE, ' ');
  text = tidy(shorten(tidy(text), max));
  text = balanceQuotes(text);
  return text.charAt(0).toUpperCase() + text.slice(1);
};
