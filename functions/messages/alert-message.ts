import type { Certainty } from '../contracts/vocabulary';

/** What an alert says about the match: the topic, how certain, and the evidence with its cues. */
export interface AlertMatch {
  topicId: string;
  topicName: string;
  certainty: Certainty;
  evidence: { sentence: string; certainty: Certainty; cues: string[] }[];
}
import { displayText } from '../contracts/display-text';
import type { AlertMessage } from '../ports/ports';
import type { AlertPayload } from '../contracts/webhook';
import { escapeRegExp } from '../domain/language/regexp';

export interface AlertArticle {
  key: string;
  bucket: string;
  title: string;
  publishedAt: string | null;
  summary: string[];
  /** One line of at most 140 characters (AnalysedArticle.summaryLine). */
  summaryLine?: string;
  source?: string;
  url?: string;
}

/** What this alert is to the story's subscribers (see functions/domain/stories/story-identity.ts). */
export interface AlertContext {
  storyId: string;
  change: 'new' | 'escalated' | 'flipped';
  previousCertainty?: string;
}

/** One SMS segment in the GSM alphabet is 160 characters; anything else halves it. */
export const SMS_MAX = 160;

/** SNS rejects email subjects of 100 characters or more, non-ASCII, or with line breaks. */
export const SNS_SUBJECT_MAX = 99;

const ASCII_FOLDS: [RegExp, string][] = [
  [/[‘’‚‛]/g, "'"],
  [/[“”„‟]/g, '"'],
  [/[‐‑‒–—―]/g, '-'],
  [/…/g, '...'],
  [/\s+/g, ' '],
];

/** SMS and subject text: display text (contracts/display-text.ts) folded to printable ASCII. */
export const toAscii = (text: string) =>
  ASCII_FOLDS.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), displayText(text))
    // Letters with accents lose them; anything still outside printable ASCII goes.
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();

export const toSnsSubject = (text: string): string => {
  let subject = toAscii(text);
  if (subject.length > SNS_SUBJECT_MAX) subject = `${subject.slice(0, SNS_SUBJECT_MAX - 3).trimEnd()}...`;
  return subject.length > 0 ? subject : 'Newswatch alert';
};

/** Marks the cue words in an evidence sentence so a reader sees why it was judged so. */
export const markCues = (sentence: string, cues: string[]) =>
  cues.reduce((text, cue) => {
    const escaped = escapeRegExp(cue).replace(/'/g, "['’]");
    return text.replace(new RegExp(`(?<![\\w'])(${escaped})(?![\\w'])`, 'i'), '[$1]');
  }, sentence);

const headlineOf = (match: AlertMatch, context: AlertContext) =>
  context.change === 'new'
    ? `${match.topicName} (${match.certainty})`
    : `Update: ${match.topicName} now ${match.certainty}${context.previousCertainty ? `, was ${context.previousCertainty}` : ''}`;

/** One SMS segment: what, how sure, and the gist; cut on a word with "..." when too long. */
export const toSms = (match: AlertMatch, context: AlertContext, article: AlertArticle): string => {
  const gist = toAscii(article.summaryLine ?? article.summary[0] ?? article.title);
  const text = toAscii(`Newswatch: ${headlineOf(match, context)}. ${gist}`);
  if (text.length <= SMS_MAX) return text;
  const cut = text.slice(0, SMS_MAX - 3);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SMS_MAX - 40)).trimEnd()}...`;
};

/** The alert as data (contracts/webhook.ts): display text throughout, as in the email body. */
export const alertPayload = (
  match: AlertMatch,
  article: AlertArticle,
  context: AlertContext,
): AlertPayload => ({
  version: 1,
  topicId: match.topicId,
  topicName: displayText(match.topicName),
  // `past` never alerts (the alert function stops it before formatting); typed as the attribute.
  certainty: match.certainty as AlertPayload['certainty'],
  change: context.change,
  ...(context.previousCertainty ? { previousCertainty: context.previousCertainty } : {}),
  storyId: context.storyId,
  article: {
    key: article.key,
    title: displayText(article.title),
    publishedAt: article.publishedAt,
    summary: article.summary.map(displayText),
    ...(article.source ? { source: displayText(article.source) } : {}),
    ...(article.url ? { url: article.url } : {}),
  },
  evidence: match.evidence.map((e) => ({
    sentence: displayText(e.sentence),
    certainty: e.certainty,
    cues: [...e.cues],
  })),
});

export const formatAlert = (
  match: AlertMatch,
  article: AlertArticle,
  context: AlertContext,
): AlertMessage => {
  const lines = [
    headlineOf(match, context),
    `Certainty: ${match.certainty}${context.previousCertainty && context.change !== 'new' ? ` (was ${context.previousCertainty})` : ''}`,
    `Story: ${context.storyId}`,
    '',
    article.title,
    `Published: ${article.publishedAt ?? 'date unknown'}    Source: ${article.source ?? article.url ?? `s3://${article.bucket}/${article.key}`}`,
    '',
    'Summary:',
    ...article.summary.map((sentence) => `- ${sentence}`),
    '',
    'Evidence:',
    ...match.evidence.map((e) => `- (${e.certainty}) ${markCues(e.sentence, e.cues)}`),
    '',
    `You get this because you subscribed to Newswatch topic "${match.topicId}".`,
    'You hear of a story once, and again only when its certainty changes.',
    'To stop: use the unsubscribe link below (email) or reply STOP (SMS).',
  ];
  return {
    subject: toSnsSubject(`Newswatch: ${headlineOf(match, context)}`),
    // Every line display text again, whatever the stored article or topic holds: the analysis
    // sanitised what it stored, this is the last line of defence (an old item, a topic's name).
    body: lines.map(displayText).join('\n'),
    sms: toSms(match, context, article),
    payload: alertPayload(match, article, context),
    // Subscriptions filter on these (SNS filter policies), so they are part of the contract.
    attributes: {
      topic: match.topicId,
      certainty: match.certainty,
      articleKey: article.key,
      storyId: context.storyId,
      change: context.change,
    },
  };
};
