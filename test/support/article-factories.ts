import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topic } from '../../functions/domain/topics/topic-schema';
import { createLambdaContext } from '../../infra/local/invocation/lambda-context';
import { REPO_ROOT } from '../../infra/paths';

/** Our own seed articles, in the plain-text format, committed with the project. */
export const SEED_ARTICLES = join(REPO_ROOT, 'seeds', 'articles');

/** The article this project was created from, in ../shared beside the checkout (read-only; CI has it too). */
export const SHARED_SEED = join(REPO_ROOT, '..', 'shared', 'seeds', '000_b24041950b01e9b9.txt');
export const sharedSeedAvailable = existsSync(SHARED_SEED);
export const readSharedSeed = () => readFileSync(SHARED_SEED, 'utf8');

export interface PlainTextArticleParts {
  /** `YYYY-MM-DD` (or anything, to test bad headers); omitted or null: no header. */
  date?: string | null;
  paragraphs: readonly string[];
  /** Line ending; the format's own is "\n". */
  eol?: string;
  finalNewline?: boolean;
}

/** An article in the plain-text upload format: " date 2025-10-18 First paragraph…\n\nSecond…". */
export const plainTextArticle = ({
  date,
  paragraphs,
  eol = '\n',
  finalNewline = false,
}: PlainTextArticleParts): string => {
  const header = date === undefined || date === null ? '' : ` date ${date} `;
  return header + paragraphs.join(eol + eol) + (finalNewline ? eol : '');
};

/**
 * Our own text, shared by the handler and use-case tests: a possible meeting ("next week" from
 * 2025-11-02, so the November story), introduced in full and then by surname, and a past meeting.
 */
export const SPECULATIVE_SUMMIT = plainTextArticle({
  date: '2025-11-02',
  paragraphs: [
    'Donald Trump could meet Kim Jong Un at the border next week, two diplomats said on Sunday. Neither government has confirmed the plan.',
    'Trump and Kim last met in 2019 at Panmunjom.',
  ],
});

const PROSE_PARAGRAPHS = [
  'The council approved a new budget for road repairs at its meeting in Leeds on Monday.',
  'Heavy rain flooded several streets near the river before engineers cleared the drains.',
  'A local school won a national science prize for its work on recycling plastic waste.',
  'Bus fares will rise by ten pence from January, the transport operator confirmed.',
  'Volunteers planted two thousand trees along the canal towpath over the weekend.',
  'The hospital opened a new maternity ward after three years of fundraising by residents.',
];

/** `n` (up to six) unrelated, summary-worthy sentences, one per paragraph. */
export const proseParagraphs = (n: number): string[] => PROSE_PARAGRAPHS.slice(0, n);

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
 * The topics that ship with the code (seeds/topics.json), validated as the functions do at cold
 * start. Imported lazily, like the analysis below, so a test that needs neither loads neither.
 */
export const seedTopics = async (): Promise<Topic[]> => {
  const [{ parseTopics }, { readFile }] = await Promise.all([
    import('../../functions/domain/topics/topic-schema'),
    import('node:fs/promises'),
  ]);
  return parseTopics(JSON.parse(await readFile(join(REPO_ROOT, 'seeds', 'topics.json'), 'utf8')));
};

/**
 * The Article item the ingest function writes for `text`, with its topic matches, built with the
 * real analysis and the seed topics (not a hand-written blob), then overridden where a test says.
 */
export const analysedArticleImage = async (
  text: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> => {
  const [{ analyseDocument }, { articleTopicMatches }, { compileTopics }, topics] = await Promise.all([
    import('../../functions/domain/analyse-article'),
    import('../../functions/domain/article-matches'),
    import('../../functions/domain/topics/match-topics'),
    seedTopics(),
  ]);
  const [analysed] = analyseDocument(text, { fileName: 'articles/summit.txt' });
  if (!analysed) throw new Error('the text analyses to no article');
  return articleImage({
    title: analysed.title,
    publishedAt: analysed.publishedAt,
    summary: analysed.summary,
    summaryLine: analysed.summaryLine,
    // The content story ingest would assign, stood in for by the article's month: one story per
    // month of these texts, as each tells one event.
    storyId: analysed.publishedAt?.slice(0, 7) ?? 'undated',
    storyRole: 'original',
    matches: articleTopicMatches(analysed, compileTopics(topics)),
    ...overrides,
  });
};
