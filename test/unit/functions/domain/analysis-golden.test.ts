/**
 * Golden output of the analysis on our own seed articles (seeds/articles: our texts, so a
 * snapshot of them, in __golden__/, is ours to keep). It guards performance work on the tokeniser wrapper, the
 * sentence splitter and entity extraction: those changes must leave every field below as it was.
 * A deliberate change of behaviour updates the snapshot (`npx vitest run -u`) with the diff
 * reviewed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../../../functions/domain/analyse-article';
import { extractEntities } from '../../../../functions/domain/language/entities/entities';
import { splitParagraph } from '../../../../functions/domain/language/sentences';
import { tokenise } from '../../../../functions/domain/language/tokenise';
import { SEED_ARTICLES } from '../../../support/article-factories';

const files = readdirSync(SEED_ARTICLES)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const read = (name: string) => readFileSync(path.join(SEED_ARTICLES, name), 'utf8');
const paragraphsOf = (text: string) =>
  text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);

describe('analysis golden output on seeds/articles', () => {
  it.each(files)('%s: title, sentences, summary, entities and word count are unchanged', async (name) => {
    const analysed = analyseArticle(read(name));
    const golden = {
      title: analysed.title,
      titleGenerated: analysed.titleGenerated,
      sentences: analysed.sentences.map(({ text, role, paragraph }) => `${paragraph} ${role}: ${text}`),
      summary: analysed.summary,
      entities: analysed.entities,
      entityDetails: analysed.entityDetails,
      wordCount: analysed.wordCount,
    };
    await expect(`${JSON.stringify(golden, null, 2)}\n`).toMatchFileSnapshot(
      `./__golden__/${name.replace(/\.txt$/, '')}.snap`,
    );
  });

  it.each(files)('%s: every token is the text at its offsets, in order, without overlap', (name) => {
    for (const paragraph of paragraphsOf(read(name))) {
      const { tokens, sentences } = tokenise(paragraph);
      let previousEnd = 0;
      for (const token of tokens) {
        expect(paragraph.slice(token.start, token.end)).toBe(token.text);
        expect(token.lower).toBe(token.text.toLowerCase());
        expect(token.start).toBeGreaterThanOrEqual(previousEnd);
        expect(paragraph.slice(previousEnd, token.start).trim()).toBe('');
        previousEnd = token.end;
      }
      for (const [first, last] of sentences) {
        expect(first).toBeLessThanOrEqual(last);
        expect(last).toBeLessThan(tokens.length);
      }
    }
  });

  it('finds the same tokens when the search for a token has to skip repeated text', () => {
    // "a a" and "..": the next token also occurs inside the previous one or right after it.
    const text = 'Aa a a.. A\u00a0b\tb  (AP) ba b';
    const { tokens } = tokenise(text);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it.each(files)('%s: entities do not depend on sentence order of evaluation (pure, repeatable)', (name) => {
    const drafts = paragraphsOf(read(name)).flatMap((paragraph, i) => splitParagraph(paragraph, i));
    const sources = drafts.map((draft) => ({
      tokens: draft.tokens,
      creditStart: draft.creditStart,
      role: 'body' as const,
    }));
    const first = extractEntities(sources);
    const second = extractEntities(sources);
    expect(second).toEqual(first);
  });
});
