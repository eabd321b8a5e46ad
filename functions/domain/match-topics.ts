import type { Sentence } from './article';
import { classifyCertainty, meetsMinimum, storyCertainty, type CertaintyJudgement } from './match-certainty';
import type { Actor, Certainty, Topic } from './topics';
import { escapeRegExp } from './regexp';

export interface Evidence {
  sentence: string;
  /** Index of the sentence in the article (AnalysedArticle.sentences). */
  index: number;
  certainty: Certainty;
  cues: string[];
}

export interface TopicMatch {
  topicId: string;
  topicName: string;
  certainty: Certainty;
  /** True when the certainty reaches the topic's minimum, i.e. subscribers should hear of it. */
  alerts: boolean;
  /** Evidence sentences in article order, at most three. */
  evidence: Evidence[];
}

/**
 * Names are matched case-sensitively (so "Kim" is not "kim chi"), on word boundaries, with any
 * apostrophe form allowed after them ("Trump’s"). Hyphens and spaces inside a name are
 * interchangeable ("Kim Jong-un" / "Kim Jong Un").
 */
const namePattern = (names: string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${names
      .map((name) => escapeRegExp(name).replace(/(?:\\-|\s)+/g, '[\\s\\-]+'))
      .join('|')})(?![\\p{L}\\p{N}])`,
    'u',
  );

const triggerPattern = (triggers: string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${triggers.map((t) => escapeRegExp(t).replace(/(?:\\-|\s)+/g, '[\\s\\-]+')).join('|')})(?![\\p{L}\\p{N}])`,
    'iu',
  );

interface CompiledTopic {
  topic: Topic;
  actors: { full: RegExp; short: RegExp | null }[];
  trigger: RegExp;
}

export const compileTopics = (topics: Topic[]): CompiledTopic[] =>
  topics.map((topic) => ({
    topic,
    actors: topic.actors.map((actor: Actor) => ({
      full: namePattern([actor.name, ...actor.aliases]),
      short: actor.shortNames.length > 0 ? namePattern(actor.shortNames) : null,
    })),
    trigger: triggerPattern(topic.event.triggers),
  }));

const MAX_EVIDENCE = 3;

/**
 * Event-level matching: a topic matches an article when at least one sentence that is not a
 * caption or heading names every actor and an event trigger. Each such sentence is a mention with
 * its own certainty; the story's certainty is decided from all of them.
 */
export const matchTopics = (
  sentences: Sentence[],
  topics: CompiledTopic[],
  publishedAt: string | null,
): TopicMatch[] => {
  // Photo captions, headings, bylines and datelines describe the page, not the news. Quotes stay:
  // "I will meet him next month" is evidence.
  const prose = sentences.filter((s) => s.role === 'body' || s.role === 'quote');
  const articleText = sentences.map((s) => s.text).join(' ');
  const articleYear = publishedAt ? Number(publishedAt.slice(0, 4)) : undefined;
  const matches: TopicMatch[] = [];

  for (const { topic, actors, trigger } of topics) {
    // A short name counts only once the article has introduced the actor in full somewhere.
    const patterns = actors.map(({ full, short }) =>
      short && full.test(articleText) ? [full, short] : [full],
    );
    const mentions: (CertaintyJudgement & { sentence: string; index: number })[] = [];
    for (const sentence of prose) {
      const namesAll = patterns.every((alternatives) => alternatives.some((p) => p.test(sentence.text)));
      if (namesAll && trigger.test(sentence.text)) {
        mentions.push({
          sentence: sentence.text,
          index: sentence.index,
          ...classifyCertainty(sentence.text, articleYear, topic.event.triggers),
        });
      }
    }
    if (mentions.length === 0) continue;

    const certainty = storyCertainty(mentions.map((m) => m.certainty));
    // Evidence leads with the mentions that decided the certainty, those with explicit cues first,
    // then the rest; each group in article order.
    const rank = (m: (typeof mentions)[number]) =>
      (m.certainty === certainty ? 0 : 2) + (m.cues.length > 0 ? 0 : 1);
    const ordered = mentions
      .map((m, position) => ({ m, position }))
      .sort((a, b) => rank(a.m) - rank(b.m) || a.position - b.position)
      .map(({ m }) => m)
      .slice(0, MAX_EVIDENCE);
    matches.push({
      topicId: topic.id,
      topicName: topic.name,
      certainty,
      alerts: meetsMinimum(certainty, topic.minimumCertainty),
      evidence: ordered.map(({ sentence, index, certainty: c, cues }) => ({
        sentence,
        index,
        certainty: c,
        cues,
      })),
    });
  }
  return matches;
};
