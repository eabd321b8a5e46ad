import { join } from 'node:path';
import { createLambdaContext } from '../../infra/local/invocation/lambda-context';
import { REPO_ROOT } from '../../infra/paths';

/** An article in the plain-text upload format: ` date YYYY-MM-DD ` then blank-line paragraphs. */
export const plainTextArticle = (date: string | null, ...paragraphs: string[]) =>
  `${date ? ` date ${date} ` : ''}${paragraphs.join('\n\n')}`;

/** An Article item as the ingest function writes it (and the stream delivers it). */
export const articleImage = (overrides: Record<string, unknown> = {}) => ({
  pk: 'ARTICLE#articles/summit.txt',
  sk: 'ARTICLE',
  type: 'Article',
  key: 'articles/summit.txt',
  bucket: 'newswatch-articles',
  versionId: 'v1',
  title: 'Leaders may meet',
  publishedAt: '2025-11-02',
  summary: ['First.', 'Second.'],
  contentHash: 'a'.repeat(64),
  ...overrides,
});

/** An S3 GetObject body as the SDK returns it, enough for `transformToByteArray`. */
export const s3Body = (content: string | Uint8Array) => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { transformToByteArray: async () => bytes } as never;
};

export const lambdaContext = () =>
  createLambdaContext({ functionName: 'newswatch-test', region: 'eu-west-1' });

/**
 * The Article item the ingest function writes for `text`, with its topic matches, built with the
 * real analysis and the seed topics (not a hand-written blob), then overridden where a test says.
 */
export const analysedArticleImage = async (
  text: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> => {
  const [{ analyseDocument }, { articleTopicMatches }, { compileTopics }, { parseTopics }, { readFile }] =
    await Promise.all([
      import('../../functions/domain/analyse-article'),
      import('../../functions/domain/article-matches'),
      import('../../functions/domain/topics/match-topics'),
      import('../../functions/domain/topics/topic-schema'),
      import('node:fs/promises'),
    ]);
  const topics = compileTopics(
    parseTopics(JSON.parse(await readFile(join(REPO_ROOT, 'seeds', 'topics.json'), 'utf8'))),
  );
  const [analysed] = analyseDocument(text, { fileName: 'articles/summit.txt' });
  if (!analysed) throw new Error('the text analyses to no article');
  return articleImage({
    title: analysed.title,
    publishedAt: analysed.publishedAt,
    summary: analysed.summary,
    summaryLine: analysed.summaryLine,
    matches: articleTopicMatches(analysed, topics),
    ...overrides,
  });
};
