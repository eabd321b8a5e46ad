import type { AnalysedArticle } from './language/analysis';
import { matchTopics, type CompiledTopic, type TopicMatch } from './topics/match-topics';

import { displayText } from '../contracts/display-text';
import type { Certainty, Delivery } from '../contracts/vocabulary';

/**
 * A tracked topic an article matched, as the Article item keeps it: decided once, where the
 * article is analysed (ingest), so that the alert function acts on it from the stream record alone
 * instead of reading the article again and analysing it a second time.
 */
export interface ArticleTopicMatch {
  topicId: string;
  topicName: string;
  certainty: Certainty;
  /** The certainty reaches the topic's minimum: subscribers should hear of it. */
  alerts: boolean;
  /** What the article reports (headline or lede), not a side mention in its body. */
  reported: boolean;
  delivery: Delivery;
  /**
   * Only on items written before content stories: the month the story was placed in (`YYYY-MM` or
   * `undated`). New items name their story once, on the article (`storyId`).
   */
  period?: string;
  /** At most three evidence sentences, each cut to MAX_EVIDENCE_CHARS, with their cue words. */
  evidence: {
    sentence: string;
    certainty: Certainty;
    cues: string[];
    /** headline, lede or body: where the mention is. */
    site?: string;
    /** The actors found taking part, by canonical name. */
    participants?: string[];
    /** The event words as written, or the earlier mention the sentence refers to ("The meeting"). */
    trigger?: string;
  }[];
}

/** Evidence is for reading in an alert; a runaway sentence (a list, a table) is cut. */
const MAX_EVIDENCE_CHARS = 400;

/** Display text (no bidi or control characters, see contracts/display-text.ts), cut to its budget. */
const cut = (text: string) => {
  const sentence = displayText(text);
  return sentence.length <= MAX_EVIDENCE_CHARS
    ? sentence
    : `${sentence.slice(0, MAX_EVIDENCE_CHARS - 1).trimEnd()}…`;
};

export const toArticleTopicMatch = (match: TopicMatch): ArticleTopicMatch => ({
  topicId: match.topicId,
  topicName: match.topicName,
  certainty: match.certainty,
  alerts: match.alerts,
  reported: match.reported,
  delivery: match.delivery,
  evidence: match.evidence.map(({ sentence, certainty, cues, site, participants, trigger }) => ({
    sentence: cut(sentence),
    certainty,
    cues,
    site,
    participants,
    // Words of the sentence, so as short as it; display text like it.
    trigger: cut(trigger),
  })),
});

/** The article's topic matches, with the story each belongs to. */
export const articleTopicMatches = (
  article: Pick<AnalysedArticle, 'sentences' | 'publishedAt' | 'title' | 'shortItem'> &
    Partial<Pick<AnalysedArticle, 'titleGenerated'>>,
  topics: CompiledTopic[],
): ArticleTopicMatch[] =>
  matchTopics(article.sentences, topics, article.publishedAt, {
    title: article.title,
    // A title made from the lead is the lede again, not a headline of the article's own.
    headline: article.titleGenerated === true ? null : article.title,
    shortNames: article.shortItem === true,
  }).map(toArticleTopicMatch);
