import { comparableText } from './language/comparable-text';
import { displayText } from '../contracts/display-text';
import {
  withTokens,
  type AnalysedArticle,
  type RankedSentence,
  type Sentence,
  type SentenceRole,
} from './language/analysis';
import { contentTerms } from './language/content-words';
import { extractEntities } from './language/entities/entities';
import { InvalidArticleError } from './documents/errors';
import { headlineFrom } from './language/summary/headline';
import type { Block, BlockKind, ParsedArticle } from './documents/document';
import { parseDocument } from './documents/parse-document';
import { assignRoles } from './language/sentence-roles';
import { splitParagraph, type SentenceDraft } from './language/sentences';
import { extractDates } from './language/dates/dates';
import { extractKeyPhrases } from './language/summary/key-phrases';
import {
  leansOnPrevious,
  rankSentences,
  selectWithin,
  summaryLineOf,
  type SummaryCandidate,
} from './language/summary/summarise';
import { countWords, countWordTokens } from './language/word-count';
import { withinWordBudget } from './language/word-budget';
import { MAX_ANALYSED_WORDS } from '../contracts/limits';

export interface AnalyseOptions {
  /** How many sentences the summary has at most; 3 when not given. */
  summarySentences?: number;
  /**
   * The most words of a body analysed (MAX_ANALYSED_WORDS when not given; `Infinity` reads it
   * all): the rest is counted in `wordCount` but not analysed, and `analysedWords` says so.
   */
  maxAnalysedWords?: number;
}

export const DEFAULT_SUMMARY_SENTENCES = 3;

interface Analysed {
  draft: SentenceDraft;
  role: SentenceRole;
  /** A sentence of the title, made the text of a short item. */
  headline?: true;
}

/** The role of every sentence of a block whose markup already says what it is. */
const BLOCK_ROLES: Readonly<Record<Exclude<BlockKind, 'paragraph'>, SentenceRole>> = {
  heading: 'heading',
  quote: 'quote',
  caption: 'caption',
  byline: 'byline',
  dateline: 'dateline',
};

/** A paragraph's sentences get the role their text suggests; other blocks the role of their kind. */
const roleOf = (kind: BlockKind | undefined, fromText: SentenceRole | undefined): SentenceRole =>
  kind === undefined || kind === 'paragraph' ? (fromText ?? 'body') : BLOCK_ROLES[kind];

/**
 * Whether a short line without a full stop may be taken for a subheading. Not in HTML: a page
 * marks its headings (`<h2>`, and the bold-only lines html-blocks.ts makes headings), so such a
 * line in a `<p>`, a list item or a table row is the article's own text (a score line, a list
 * entry, a label), not a heading to leave out of the main text.
 */
const guessesHeadings = (format: ParsedArticle['format']) => format !== 'html';

/**
 * A byline's name is the reporter's, not someone the story is about. A headline is read for
 * names and phrases as the heading it is: written in Title Case, its capitals say nothing.
 */
const entitySourceOf = ({ draft, role, headline }: Analysed) =>
  role === 'byline'
    ? { tokens: [], creditStart: -1, role }
    : { tokens: draft.tokens, creditStart: draft.creditStart, role: headline ? ('heading' as const) : role };

/**
 * A short item (a headline alone, or with a one-sentence description: many feed entries and wire
 * flashes; a one-line flash) has at most this many prose sentences of its own; its headline is
 * then its text too, and its names count in the short form headlines use.
 */
const SHORT_ITEM_SENTENCES = 1;

const wordsOf = ({ draft }: Analysed) => countWordTokens(draft.tokens);

/**
 * The sentences of the blocks with their roles, after the headline's when one is given: the
 * headline's are body sentences, whatever their shape, so that the summary, topic matching and
 * certainty read them.
 */
const sentencesOf = (blocks: readonly Block[], headline: string | null, format: ParsedArticle['format']) => {
  const paragraphs: readonly Block[] =
    headline === null ? blocks : [{ kind: 'paragraph', text: headline }, ...blocks];
  const drafts = paragraphs.map((block, i) => splitParagraph(block.text, i));
  const roles = assignRoles(drafts);
  const analysed: Analysed[] = drafts.flatMap((inParagraph, p) =>
    inParagraph.map((draft, s): Analysed => {
      if (headline !== null && p === 0) return { draft, role: 'body', headline: true };
      const fromText = roles[p]?.[s];
      const role = fromText === 'heading' && !guessesHeadings(format) ? 'body' : fromText;
      return { draft, role: roleOf(paragraphs[p]?.kind, role) };
    }),
  );
  return { drafts, analysed };
};

/**
 * The article's sentences, and whether it is a short item (at most {@link SHORT_ITEM_SENTENCES}
 * prose sentences of its own). A short item's title comes first, as a body sentence, unless its
 * one sentence is the title again. An article with no prose and no title reads its first heading
 * or quote (else whatever sentence it has) as prose: only an article without a word is no article.
 *
 * @throws InvalidArticleError (`no-body`) when neither the title nor the body has a word.
 */
const articleSentences = (parsed: ParsedArticle) => {
  const plain = sentencesOf(parsed.blocks, null, parsed.format);
  const prose = plain.analysed.filter((sentence) => sentence.role === 'body');
  const shortItem = prose.length <= SHORT_ITEM_SENTENCES;
  const title = parsed.title;
  if (title !== null && shortItem) {
    const repeated = prose.some((sentence) => comparableText(sentence.draft.text) === comparableText(title));
    const withHeadline = repeated ? undefined : sentencesOf(parsed.blocks, title, parsed.format);
    if (withHeadline?.analysed.some((sentence) => sentence.headline && wordsOf(sentence) > 0))
      return { ...withHeadline, shortItem };
  }
  if (prose.length === 0) {
    const stand =
      plain.analysed.find(
        (sentence) => (sentence.role === 'heading' || sentence.role === 'quote') && wordsOf(sentence) > 0,
      ) ?? plain.analysed.find((sentence) => wordsOf(sentence) > 0);
    if (!stand) throw new InvalidArticleError('no-body', 'the article has no words: no title and no text');
    stand.role = 'body';
  }
  return { ...plain, shortItem };
};

/**
 * The ranking with the headline's sentences first: a short item's summary and summary line lead
 * with its headline. A sentence the headline repeated (ranked above it) becomes a repeat of it.
 */
const headlineFirst = (
  ranking: readonly RankedSentence[],
  headline: ReadonlySet<number>,
): RankedSentence[] => {
  if (headline.size === 0) return [...ranking];
  const first = ranking.filter((ranked) => headline.has(ranked.index));
  const repeatedBy = new Map<number, number[]>();
  for (const ranked of first)
    for (const index of ranked.repeats)
      if (!headline.has(index)) repeatedBy.set(index, [...(repeatedBy.get(index) ?? []), ranked.index]);
  return [
    ...first.map((ranked) => ({ ...ranked, repeats: ranked.repeats.filter((index) => headline.has(index)) })),
    ...ranking
      .filter((ranked) => !headline.has(ranked.index))
      .map((ranked) => ({
        ...ranked,
        repeats: [...ranked.repeats, ...(repeatedBy.get(ranked.index) ?? [])],
      })),
  ];
};

/** The document's own fields that analysis passes through (names made display text). */
const documentFields = ({ format, author, url, source, entryId }: ParsedArticle) => ({
  format,
  ...(author === undefined ? {} : { author: displayText(author) }),
  ...(url === undefined ? {} : { url }),
  ...(source === undefined ? {} : { source: displayText(source) }),
  ...(entryId === undefined ? {} : { entryId }),
});

/**
 * Understands one parsed article (see parse-document.ts): its sentences and their roles, an
 * extractive summary, its title (its own, else a headline generated from its lead), the people,
 * organisations and places it names, and its length. Pure and synchronous.
 *
 * Block kinds decide roles where the markup says: headings, captions, bylines, datelines and
 * quotes are never summarised; paragraphs get roles from their text (a caption's photo credit,
 * a short unpunctuated line before a paragraph). A short item (a headline alone, or a headline
 * and one sentence) is read with its headline as a body sentence: the summary leads with it, and
 * topic matching and certainty read it.
 *
 * @throws InvalidArticleError (`no-body`) when the article has no word, in its title or its body.
 * @throws RangeError when `summarySentences` is not a non-negative integer.
 */
export const analyseParsed = (parsed: ParsedArticle, options: AnalyseOptions = {}): AnalysedArticle => {
  const summarySentences = options.summarySentences ?? DEFAULT_SUMMARY_SENTENCES;
  if (!Number.isInteger(summarySentences) || summarySentences < 0) {
    throw new RangeError(`summarySentences must be a non-negative integer, got ${summarySentences}`);
  }

  const maxAnalysedWords = options.maxAnalysedWords ?? MAX_ANALYSED_WORDS;
  if (!(maxAnalysedWords >= 1)) {
    throw new RangeError(`maxAnalysedWords must be at least 1, got ${maxAnalysedWords}`);
  }

  const { publishedAt } = parsed;
  // A body past the word budget is analysed up to it; the rest is only counted.
  const budgeted = withinWordBudget(parsed.blocks, maxAnalysedWords);
  const { drafts, analysed, shortItem } = articleSentences(
    budgeted.unanalysedWords > 0 ? { ...parsed, blocks: budgeted.blocks } : parsed,
  );
  // articleSentences gives every article a body sentence or throws.
  const lead = analysed.find((sentence) => sentence.role === 'body');
  if (!lead) throw new InvalidArticleError('no-body', 'the article has no words');

  const { entities, details: entityDetails, mentions } = extractEntities(analysed.map(entitySourceOf));
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

  const sentences: Sentence[] = analysed.map(({ draft, role }, index) =>
    withTokens({ text: draft.text, paragraph: draft.paragraph, index, role }, draft.tokens),
  );
  const analysedWords = countWords(drafts.map((inParagraph) => inParagraph.map((draft) => draft.tokens)));
  const summaryRanking = headlineFirst(
    rankSentences(candidates),
    new Set(analysed.flatMap((sentence, index) => (sentence.headline ? [index] : []))),
  );

  return {
    // What people read (title, summary, summary line; evidence in article-matches.ts) is display
    // text: no bidi controls or control characters that would make it read otherwise.
    title: displayText(parsed.title ?? headlineFrom(lead.draft.text)),
    titleGenerated: parsed.title === null,
    publishedAt,
    ...documentFields(parsed),
    ...(shortItem ? { shortItem: true as const } : {}),
    sentences,
    summary: selectWithin(summaryRanking, { sentences: summarySentences }).map((index) =>
      displayText(sentences[index]?.text ?? ''),
    ),
    entities,
    wordCount: analysedWords + budgeted.unanalysedWords,
    ...(budgeted.unanalysedWords > 0 ? { analysedWords } : {}),
    dates: extractDates(
      analysed.map(({ draft }) => draft.tokens),
      publishedAt,
    ),
    keyPhrases: extractKeyPhrases(
      analysed.map(({ draft, role, headline }) => ({
        tokens: draft.tokens,
        role: headline ? 'heading' : role,
      })),
      entityDetails.flatMap((entity) => [entity.name, ...entity.aliases]),
    ),
    entityDetails,
    summaryLine: summaryLineOf(displayText(sentences[summaryRanking[0]?.index ?? -1]?.text ?? '')),
    summaryRanking,
  };
};

export interface AnalyseDocumentOptions extends AnalyseOptions {
  /** The uploaded file's name or key: its extension breaks ties between formats. */
  fileName?: string;
  /** The most entries (feed items, list elements) a document may have; more is `too-large`. */
  maxEntries?: number;
}

const parseWith = (text: string, fileName: string | undefined) =>
  parseDocument(text, fileName === undefined ? {} : { fileName });

/**
 * Understands every article of a document in any supported format (plain text, HTML, Markdown,
 * JSON, RSS, Atom; see detect-format.ts): one for most documents, one per entry for feeds and
 * JSON lists. An entry with neither a title nor text is left out rather than failing the others
 * (a headline alone is an article); the document fails only when no entry can be analysed.
 *
 * @throws InvalidArticleError when the document has no usable article (`reason` says why:
 * `empty`, `no-body`, `malformed`).
 * @throws RangeError when `summarySentences` is not a non-negative integer.
 */
export const analyseDocument = (text: string, options: AnalyseDocumentOptions = {}): AnalysedArticle[] => {
  const { fileName, maxEntries: _maxEntries, ...analyseOptions } = options;
  const parsed = parseWith(text, fileName);
  // Bounded work per invocation: a feed or list of more entries is refused before any is analysed.
  if (options.maxEntries !== undefined && parsed.length > options.maxEntries) {
    throw new InvalidArticleError(
      'too-large',
      `${parsed.length} entries is over the ${options.maxEntries}-entry limit of one upload; split it`,
    );
  }
  const analysed: AnalysedArticle[] = [];
  let rejected: { entryId?: string; error: InvalidArticleError } | undefined;
  for (const article of parsed) {
    try {
      analysed.push(analyseParsed(article, analyseOptions));
    } catch (error) {
      if (!(error instanceof InvalidArticleError)) throw error;
      rejected ??= { ...(article.entryId === undefined ? {} : { entryId: article.entryId }), error };
    }
  }
  if (analysed.length > 0) return analysed;
  if (!rejected) throw new InvalidArticleError('no-body', 'the document has no article');
  if (parsed.length === 1) throw rejected.error;
  throw new InvalidArticleError(
    rejected.error.reason,
    `none of the ${parsed.length} entries has a title or text (entry ${rejected.entryId ?? '?'}: ${rejected.error.message})`,
  );
};

/**
 * Understands the first (for most formats, the only) article of a document; see
 * {@link analyseDocument} for documents with several, {@link analyseParsed} for what it finds.
 * A plain-text article is analysed exactly as before formats other than plain text existed.
 *
 * @throws InvalidArticleError when there is no usable text (`reason` says why).
 * @throws RangeError when `summarySentences` is not a non-negative integer.
 */
export const analyseArticle = (text: string, options: AnalyseDocumentOptions = {}): AnalysedArticle => {
  const { fileName, ...analyseOptions } = options;
  const [first] = parseWith(text, fileName);
  if (!first) throw new InvalidArticleError('no-body', 'the document has no article');
  return analyseParsed(first, analyseOptions);
};
