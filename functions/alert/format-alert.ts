import type { TopicMatch } from '../domain/match-topics';
import type { AlertMessage } from '../shared/ports';

export interface AlertArticle {
  key: string;
  bucket: string;
  title: string;
  publishedAt: string | null;
  summary: string[];
}

/** SNS rejects email subjects of 100 characters or more, non-ASCII, or with line breaks. */
export const SNS_SUBJECT_MAX = 99;

const ASCII_FOLDS: [RegExp, string][] = [
  [/[‘’‚‛]/g, "'"],
  [/[“”„‟]/g, '"'],
  [/[‐‑‒–—―]/g, '-'],
  [/…/g, '...'],
  [/\s+/g, ' '],
];

export const toSnsSubject = (text: string): string => {
  let subject = ASCII_FOLDS.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
  // Letters with accents lose them; anything still outside printable ASCII goes.
  subject = subject
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .trim();
  if (subject.length > SNS_SUBJECT_MAX) subject = `${subject.slice(0, SNS_SUBJECT_MAX - 3).trimEnd()}...`;
  return subject.length > 0 ? subject : 'Newswatch alert';
};

/** Marks the cue words in an evidence sentence so a reader sees why it was judged so. */
const markCues = (sentence: string, cues: string[]) =>
  cues.reduce((text, cue) => {
    const escaped = cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
    return text.replace(new RegExp(`(?<![\\w'])(${escaped})(?![\\w'])`, 'i'), '[$1]');
  }, sentence);

export const formatAlert = (match: TopicMatch, article: AlertArticle): AlertMessage => {
  const lines = [
    `${match.topicName}`,
    `Certainty: ${match.certainty}`,
    '',
    article.title,
    `Published: ${article.publishedAt ?? 'date unknown'}    Source: s3://${article.bucket}/${article.key}`,
    '',
    'Summary:',
    ...article.summary.map((sentence) => `- ${sentence}`),
    '',
    'Evidence:',
    ...match.evidence.map((e) => `- (${e.certainty}) ${markCues(e.sentence, e.cues)}`),
    '',
    `You get this because you subscribed to Newswatch topic "${match.topicId}".`,
    'To stop: use the unsubscribe link below (email) or reply STOP (SMS).',
  ];
  return {
    subject: toSnsSubject(`Newswatch: ${match.topicName} (${match.certainty})`),
    body: lines.join('\n'),
    // Subscriptions filter on these (SNS filter policies), so they are part of the contract.
    attributes: { topic: match.topicId, certainty: match.certainty, articleKey: article.key },
  };
};
