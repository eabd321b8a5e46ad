import type { Command } from 'commander';
import type { AnalysedEntry, UploadAnalysis } from '../../../functions/domain/analyse-upload';
import type { AnalysedArticle } from '../../../functions/domain/language/analysis';
import { CliError, EXIT, UsageError } from '../errors';
import type { RegisterCommand } from '../command-context';
import type { FileProblem } from '../operations/analyse';
import { formatMatch } from './topics';

/**
 * `analyse <paths...>`: what the ingest function would make of article files, offline (no AWS, no
 * Java, no table), in one process for any number of files. With --json, one JSON line per article
 * (each feed or JSON-list entry its own line) or per rejected file; the field names are stable.
 */
export const registerAnalyse: RegisterCommand = (program, { io, print, globals, setExit }) => {
  program
    .command('analyse')
    .description(
      "the ingest function's analysis of article files, offline (no AWS, no Java): summary, entities, topic matches or the rejection; with --json one line per article",
    )
    .argument('<paths...>', 'files or folders (read at every depth)')
    .option(
      '--topics-file <file>',
      'topics to match, in the format of seeds/topics.json (default: that file)',
    )
    .option('--text', "also print each article's main text (body and quotes)")
    .action(async (paths: string[], opts: { topicsFile?: string; text?: boolean }, command: Command) => {
      const g = globals(command);
      // The NLP model loads only now.
      const [{ analyseFiles, listArticleFiles }, { defaultTopics, readTopicFile }] = await Promise.all([
        import('../operations/analyse'),
        import('../operations/topic-file'),
      ]);
      let topics = defaultTopics();
      if (opts.topicsFile !== undefined) {
        try {
          topics = await readTopicFile(opts.topicsFile);
        } catch (error) {
          // A bad topics file is a bad argument here: nothing has been analysed yet.
          if (error instanceof CliError) throw new UsageError(onOneLine(error.message));
          throw error;
        }
      }
      const { files, problems } = await listArticleFiles(paths);
      const report = (problem: FileProblem) => io.stderr(`newswatch: ${problem.path}: ${problem.problem}\n`);
      problems.forEach(report);
      let failed = problems.some((problem) => problem.failure);
      const options = { text: opts.text === true };
      for await (const result of analyseFiles(files, topics)) {
        if (result.analysis === undefined) {
          report(result.problem);
          failed = true;
          continue;
        }
        print(
          g.json
            ? analysisLines(result.file, result.analysis, options)
                .map((line) => `${JSON.stringify(line)}\n`)
                .join('')
            : formatAnalysis(result.file, result.analysis, options),
        );
      }
      // Rejections are results; a file that could not be read is not.
      if (failed) setExit(EXIT.failed);
    });
};

/** A topic file's problems (one per line, zod's pretty form) as one line. */
export const onOneLine = (message: string): string =>
  message
    .replace(/\s*\n\s*→ at ([^\n]+)/g, ' (at $1)')
    .split('\n')
    .map((line) => line.trim().replace(/^✖\s*/, ''))
    .filter((line) => line !== '')
    .reduce((text, line) => (text === '' ? line : `${text}${text.endsWith(':') ? ' ' : '; '}${line}`), '');

export interface AnalysedLine {
  file: string;
  entryId?: string;
  format: AnalysedArticle['format'];
  title: string;
  publishedAt: string | null;
  author: string | null;
  source: string | null;
  url: string | null;
  summary: string[];
  entities: { people: string[]; organizations: string[]; places: string[] };
  /** `granularity` is year, quarter, month, week or day; `present` marks "today", "now". */
  dates: { text: string; value: string; granularity: string; relative: boolean; present?: true }[];
  keyPhrases: string[];
  /** Present when the body was over the analysis word budget: the words analysed. */
  analysedWords?: number;
  matches: {
    topicId: string;
    certainty: string;
    alerts: boolean;
    /** What the article reports (headline or lede); false for a side mention, which never alerts. */
    reported: boolean;
    evidence: {
      sentence: string;
      certainty: string;
      cues: string[];
      site?: string;
      participants?: string[];
      trigger?: string;
    }[];
  }[];
  text?: string;
}

export interface RejectedLine {
  file: string;
  rejected: { reason: string; detail: string };
}

/** The article's main text as extracted: its body and quotes (no headings, captions, bylines). */
export const mainText = (article: Pick<AnalysedArticle, 'sentences'>): string => {
  const paragraphs: string[][] = [];
  let last: number | undefined;
  for (const sentence of article.sentences) {
    if (sentence.role !== 'body' && sentence.role !== 'quote') continue;
    if (sentence.paragraph !== last) paragraphs.push([]);
    last = sentence.paragraph;
    paragraphs[paragraphs.length - 1]?.push(sentence.text);
  }
  return paragraphs.map((sentences) => sentences.join(' ')).join('\n\n');
};

const lineOf = (file: string, { article, matches }: AnalysedEntry, text: boolean): AnalysedLine => ({
  file,
  ...(article.entryId === undefined ? {} : { entryId: article.entryId }),
  format: article.format,
  title: article.title,
  publishedAt: article.publishedAt,
  author: article.author ?? null,
  source: article.source ?? null,
  url: article.url ?? null,
  summary: article.summary,
  entities: {
    people: article.entities.people,
    organizations: article.entities.organizations,
    places: article.entities.places,
  },
  dates: article.dates.map(({ text: written, value, granularity, relative, present }) => ({
    text: written,
    value,
    granularity,
    relative,
    ...(present ? { present } : {}),
  })),
  keyPhrases: article.keyPhrases,
  ...(article.analysedWords === undefined ? {} : { analysedWords: article.analysedWords }),
  matches: matches.map(({ topicId, certainty, alerts, reported, evidence }) => ({
    topicId,
    certainty,
    alerts,
    reported,
    evidence: evidence.map(({ sentence, certainty: c, cues, site, participants, trigger }) => ({
      sentence,
      certainty: c,
      cues,
      site,
      participants,
      trigger,
    })),
  })),
  ...(text ? { text: mainText(article) } : {}),
});

/** The `--json` lines of one file: one per article, or the file's rejection. */
export function analysisLines(
  file: string,
  analysis: UploadAnalysis,
  options: { text: boolean },
): (AnalysedLine | RejectedLine)[] {
  if (!analysis.ok) return [{ file, rejected: { reason: analysis.reason, detail: analysis.detail } }];
  return analysis.entries.map((entry) => lineOf(file, entry, options.text));
}

const indented = (text: string, indent: string) =>
  text
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n');

/** One file as people read it: each article's title, date, summary, entities and matches. */
export function formatAnalysis(file: string, analysis: UploadAnalysis, options: { text: boolean }): string {
  if (!analysis.ok) return `${file}\n  rejected (${analysis.reason}): ${analysis.detail}\n\n`;
  const out = [`${file}\n`];
  for (const { article, matches } of analysis.entries) {
    out.push(
      `  ${article.title} (${article.publishedAt ?? 'undated'}, ${article.format})${article.entryId ? ` [entry ${article.entryId}]` : ''}\n`,
    );
    if (article.analysedWords !== undefined) {
      out.push(
        `    analysed in part: the first ${article.analysedWords.toLocaleString('en')} of ${article.wordCount.toLocaleString('en')} words (the analysis word budget)\n`,
      );
    }
    for (const sentence of article.summary) out.push(`    - ${sentence}\n`);
    const { people, organizations, places } = article.entities;
    for (const [label, names] of [
      ['people', people],
      ['organisations', organizations],
      ['places', places],
    ] as const) {
      if (names.length > 0) out.push(`    ${label}: ${names.join(', ')}\n`);
    }
    if (matches.length === 0) out.push('    no topic matches\n');
    for (const match of matches) out.push(formatMatch(match, '    '));
    if (options.text) out.push(`    text:\n${indented(mainText(article), '      ')}\n`);
  }
  out.push('\n');
  return out.join('');
}
