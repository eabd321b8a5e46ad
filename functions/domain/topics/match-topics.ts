import { tokensOf, type Sentence } from '../language/analysis';
import {
  classifyCertainty,
  meetsMinimum,
  storyCertainty,
  type CertaintyJudgement,
} from './certainty/match-certainty';
import type { Certainty, Delivery } from '../../contracts/vocabulary';
import type { Actor, Topic } from './topic-schema';
import { escapeRegExp } from '../language/regexp';
import {
  evaluateTopicQuery,
  parseTopicQuery,
  tokeniseForQuery,
  type QueryTokens,
  type TopicQuery,
} from './topic-query';

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
  /** The topic's delivery, so the alert use case can send at once or queue for the digest. */
  delivery: Delivery;
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

export interface CompiledTopic {
  topic: Topic;
  actors: { full: RegExp; short: RegExp | null }[];
  trigger: RegExp;
  /** The topic's query, parsed once; topics were validated, so parsing cannot fail here. */
  query: TopicQuery | null;
}

export const compileTopics = (topics: Topic[]): CompiledTopic[] =>
  topics.map((topic) => ({
    topic,
    actors: topic.actors.map((actor: Actor) => ({
      full: namePattern([actor.name, ...actor.aliases]),
      short: actor.shortNames.length > 0 ? namePattern(actor.shortNames) : null,
    })),
    trigger: triggerPattern(topic.event.triggers),
    query: topic.query === undefined ? null : parseTopicQuery(topic.query),
  }));

const MAX_EVIDENCE = 3;

export interface MatchContext {
  /** The article's title: part of the text a topic's query is evaluated on. */
  title?: string;
  /**
   * Short names count without the article introducing the actor in full: a short item is a
   * headline (and a line), which names people as headlines do ("Trump to meet Kim").
   */
  shortNames?: boolean;
}

/**
 * Event-level matching: a topic matches an article when at least one sentence that is not a
 * caption or heading names every actor and an event trigger. Each such sentence is a mention with
 * its own certainty; the story's certainty is decided from all of them. A topic with a query
 * matches only if, in addition, the title and prose satisfy the query.
 */
export const matchTopics = (
  sentences: Sentence[],
  topics: CompiledTopic[],
  publishedAt: string | null,
  context: MatchContext = {},
): TopicMatch[] => {
  // Photo captions, headings, bylines and datelines describe the page, not the news. Quotes stay:
  // "I will meet him next month" is evidence.
  const prose = sentences.filter((s) => s.role === 'body' || s.role === 'quote');
  const articleText = sentences.map((s) => s.text).join(' ');
  const articleYear = publishedAt ? Number(publishedAt.slice(0, 4)) : undefined;
  const matches: TopicMatch[] = [];
  // A query reads the same text as the event matching (the prose, never captions) plus the title;
  // tokenised at most once per article, and only if some topic has a query.
  let queryText: QueryTokens | undefined;
  const satisfies = (query: TopicQuery) => {
    queryText ??= tokeniseForQuery([...(context.title ? [context.title] : []), ...prose.map((s) => s.text)]);
    return evaluateTopicQuery(query, queryText);
  };

  for (const { topic, actors, trigger, query } of topics) {
    // A short name counts only once the article has introduced the actor in full somewhere (or
    // when the article is a headline, which never does).
    const patterns = actors.map(({ full, short }) =>
      short && (context.shortNames === true || full.test(articleText)) ? [full, short] : [full],
    );
    const mentions: (CertaintyJudgement & { sentence: string; index: number })[] = [];
    for (const sentence of prose) {
      const namesAll = patterns.every((alternatives) => alternatives.some((p) => p.test(sentence.text)));
      if (namesAll && trigger.test(sentence.text)) {
        mentions.push({
          sentence: sentence.text,
          index: sentence.index,
          ...classifyCertainty(sentence.text, articleYear, topic.event.triggers, tokensOf(sentence)),
        });
      }
    }
    // Checked after the event: the query narrows a topic, it never makes a match on its own.
    if (mentions.length === 0 || (query && !satisfies(query))) continue;

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
      delivery: topic.delivery,
    });
  }
  return matches;
};
