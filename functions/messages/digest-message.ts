import { displayText } from '../contracts/display-text';
import { certaintyLevel } from '../domain/stories/story-identity';
import type { Topic } from '../domain/topics/topic-schema';
import { SMS_MAX, markCues, toAscii, toSnsSubject } from './alert-message';
import type { AlertMessage, MatchRecord } from '../ports/ports';

/** One story in a digest: its most certain article, and how many articles reported it. */
export interface DigestStory {
  storyId: string;
  lead: MatchRecord;
  articles: number;
}

/**
 * Groups a day's queued matches by story. The lead is the most certain match (the latest of
 * equals), because that is what the story has become by the end of the day.
 */
export const digestStories = (matches: MatchRecord[]): DigestStory[] => {
  const byStory = new Map<string, MatchRecord[]>();
  for (const match of matches) byStory.set(match.storyId, [...(byStory.get(match.storyId) ?? []), match]);
  return [...byStory.entries()]
    .map(([storyId, group]) => {
      const lead = group.reduce((best, match) =>
        certaintyLevel(match.certainty) > certaintyLevel(best.certainty) ||
        (certaintyLevel(match.certainty) === certaintyLevel(best.certainty) &&
          match.matchedAt > best.matchedAt)
          ? match
          : best,
      );
      return {
        storyId,
        lead,
        articles: new Set(group.map((m) => `${m.articleKey}#${m.entryId ?? ''}`)).size,
      };
    })
    .sort(
      (a, b) =>
        certaintyLevel(b.lead.certainty) - certaintyLevel(a.lead.certainty) ||
        a.lead.matchedAt.localeCompare(b.lead.matchedAt),
    );
};

const sourceOf = (match: MatchRecord) =>
  match.source ?? match.url ?? `s3://${match.bucket}/${match.articleKey}`;

/** "1 story", "2 stories": a count with its noun. */
export const countOf = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The daily digest of one topic: every story of the day, most certain first, per protocol. */
export const formatDigest = (
  topic: Pick<Topic, 'id' | 'name'>,
  day: string,
  matches: MatchRecord[],
): AlertMessage => {
  const stories = digestStories(matches);
  const articleCount = stories.reduce((sum, story) => sum + story.articles, 0);
  const headline = `${topic.name}: ${countOf(stories.length, 'story', 'stories')} on ${day}`;
  const lines = [
    `Newswatch daily digest - ${headline}`,
    `${countOf(stories.length, 'story', 'stories')} from ${countOf(articleCount, 'article', 'articles')}, most certain first.`,
    '',
  ];
  stories.forEach(({ storyId, lead, articles }, index) => {
    lines.push(
      `${index + 1}. [${lead.certainty}] ${lead.title}`,
      `   ${lead.summaryLine}`,
      ...lead.evidence.slice(0, 1).map((e) => `   Evidence: ${markCues(e.sentence, e.cues)}`),
      `   Published: ${lead.publishedAt ?? 'date unknown'}    Source: ${sourceOf(lead)}`,
      `   Story: ${storyId}${articles > 1 ? ` (${countOf(articles, 'article', 'articles')})` : ''}`,
      '',
    );
  });
  lines.push(
    `You get this digest because you subscribed to Newswatch topic "${topic.id}".`,
    'To stop: use the unsubscribe link below (email) or reply STOP (SMS).',
  );
  const top = stories[0]?.lead;
  const certainty = top?.certainty ?? 'speculative';
  let sms = toAscii(`Newswatch digest: ${headline}. Top (${certainty}): ${top?.title ?? ''}`);
  if (sms.length > SMS_MAX) sms = `${sms.slice(0, SMS_MAX - 3).trimEnd()}...`;
  return {
    subject: toSnsSubject(`Newswatch digest: ${headline}`),
    // Display text line by line, as in alerts (alert-message.ts): the last line of defence.
    body: lines.map(displayText).join('\n'),
    sms,
    // The same attributes as an instant alert, so one filter policy covers both; the certainty is
    // that of the most certain story.
    attributes: { topic: topic.id, certainty, kind: 'digest', day },
  };
};
