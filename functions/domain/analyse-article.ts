import type { AnalysedArticle, Sentence, SentenceRole } from './article';
import { contentTerms } from './content-words';
import { extractEntities } from './entities';
import { InvalidArticleError } from './errors';
import { headlineFrom } from './headline';
import { parsePlainTextArticle } from './plain-text-format';
import { assignRoles } from './sentence-roles';
import { splitParagraph, type SentenceDraft } from './sentences';
import { leansOnPrevious, summarise, type SummaryCandidate } from './summarise';
import { countWords, countWordTokens } from './word-count';

export interface AnalyseOptions {
  /** How many sentences the summary has at most; 3 when not given. */
  summarySentences?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;

interface Analysed {
  draft: SentenceDraft;
  role: SentenceRole;
}

/**
 * Understands one plain-text article (see plain-text-format.ts): its sentences and their roles,
 * an extractive summary, a generated headline, the people, organisations and places it names,
 * and its length. Pure and synchronous.
 *
 * @throws InvalidArticleError when there is no usable text (`reason` says why).
 * @throws RangeError when `summarySentences` is not a non-negative integer.
 */
export const analyseArticle = (text: string, options: AnalyseOptions = {}): AnalysedArticle => {
  const summarySentences = options.summarySentences ?? DEFAULT_SUMMARY_SENTENCES;
  if (!Number.isInteger(summarySentences) || summarySentences < 0) {
    throw new RangeError(`summarySentences must be a non-negative integer, got ${summarySentences}`);
  }

  const { publishedAt, paragraphs } = parsePlainTextArticle(text);
  const drafts = paragraphs.map((paragraph, i) => splitParagraph(paragraph, i));
  const roles = assignRoles(drafts);
  const analysed: Analysed[] = drafts.flatMap((inParagraph, p) =>
    inParagraph.map((draft, s) => ({ draft, role: roles[p]?.[s] ?? 'body' })),
  );

  const lead = analysed.find((sentence) => sentence.role === 'body');
  if (!lead) throw new InvalidArticleError('no-body', 'the article has only headings or captions, no prose');

  const { entities, mentions } = extractEntities(
    analysed.map(({ draft, role }) => ({ tokens: draft.tokens, creditStart: draft.creditStart, role })),
  );
  const entitiesBySentence: string[][] = analysed.map(() => []);
  for (const { sentence, id } of mentions) entitiesBySentence[sentence]?.push(id);

  const candidates: SummaryCandidate[] = [];
  analysed.forEach(({ draft, role }, index) => {
    if (role !== 'body') return;
    candidates.push({
      index,
      terms: contentTerms(draft.tokens),
      words: countWordTokens(draft.tokens),
      entities: entitiesBySentence[index] ?? [],
      dependent: leansOnPrevious(draft.tokens),
    });
  });

  const sentences: Sentence[] = analysed.map(({ draft, role }, index) => ({
    text: draft.text,
    paragraph: draft.paragraph,
    index,
    role,
  }));

  return {
    title: headlineFrom(lead.draft.text),
    titleGenerated: true,
    publishedAt,
    sentences,
    summary: summarise(candidates, summarySentences).map((index) => sentences[index]?.text ?? ''),
    entities,
    wordCount: countWords(drafts.map((inParagraph) => inParagraph.map((draft) => draft.tokens))),
  };
};
