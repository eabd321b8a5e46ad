import type { TopicTestView } from '../contracts/console-api';
import { analyseUpload } from '../domain/analyse-upload';
import { compileTopics } from '../domain/topics/match-topics';
import type { Topic } from '../domain/topics/topic-schema';
import { UnprocessableArticleError } from './api-errors';
import { topicMatchView } from './views';

/**
 * POST /api/topics/test: what an article would match, through the ingest function's own analysis
 * (analyse-upload.ts), as `newswatch topics test` shows it; nothing is stored or sent. Loaded by
 * the route on first use: it brings the NLP model, which the other routes never pay for.
 */
export function testArticleText(
  request: { text: string; filename?: string | undefined },
  topics: Topic[],
  maxBytes: number,
): TopicTestView {
  const bytes = new TextEncoder().encode(request.text);
  // The file name only breaks format ties, as an object key does for ingest.
  const key = request.filename ?? 'article.txt';
  const analysis = analyseUpload({ bytes, key }, { maxBytes }, compileTopics(topics));
  if (!analysis.ok) throw new UnprocessableArticleError(analysis.reason, analysis.detail);
  return {
    entries: analysis.entries.map(({ article, matches }) => ({
      ...(article.entryId === undefined ? {} : { entryId: article.entryId }),
      title: article.title,
      publishedAt: article.publishedAt,
      matches: matches.map(topicMatchView),
    })),
  };
}

export type TestArticleText = typeof testArticleText;
