import type { SentenceRole } from './analysis';
import type { SentenceDraft } from './sentences';
import { countWordTokens } from './word-count';

const MAX_HEADING_WORDS = 15;
// Sentence-final punctuation, possibly inside closing quotes or brackets.
const TERMINATED = /[.!?…:;]["'”’)\]]*$/;
const STARTS_LIKE_HEADING = /^["'“‘]?[\p{Lu}\p{N}]/u;

/**
 * Roles for every sentence of an article, paragraph by paragraph.
 *
 * - caption: ends with a photo credit ("...2019.(AP File)").
 * - heading: a short paragraph of one unpunctuated line that introduces the paragraph after it.
 *   The last paragraph introduces nothing, so an unpunctuated ending is still prose.
 * - body: everything else.
 */
export const assignRoles = (paragraphs: readonly SentenceDraft[][]): SentenceRole[][] =>
  paragraphs.map((drafts, p) =>
    drafts.map((draft): SentenceRole => {
      if (draft.creditStart >= 0) return 'caption';
      const heading =
        drafts.length === 1 &&
        p < paragraphs.length - 1 &&
        STARTS_LIKE_HEADING.test(draft.text) &&
        !TERMINATED.test(draft.text) &&
        countWordTokens(draft.tokens) <= MAX_HEADING_WORDS;
      return heading ? 'heading' : 'body';
    }),
  );
