import { describe, expect, it } from 'vitest';
import { InvalidArticleError } from '../../../../../functions/domain/documents/errors';
import { parsePlainTextDocument } from '../../../../../functions/domain/documents/plain-text-format';
import { plainTextArticle } from '../../../../support/article-factories';

/** The header's date and the blocks' texts: what these tests are about. */
const parsePlainText = (raw: string) => {
  const { publishedAt, blocks } = parsePlainTextDocument(raw);
  return { publishedAt, paragraphs: blocks.map((block) => block.text) };
};

const reasonOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArticleError) return error.reason;
    throw error;
  }
  return 'no error';
};

describe('parsePlainTextDocument', () => {
  it('reads the date header and strips it from the first paragraph', () => {
    const parsed = parsePlainText(
      plainTextArticle({ date: '2025-10-18', paragraphs: ['First one.', 'Second.'] }),
    );
    expect(parsed.publishedAt).toBe('2025-10-18');
    expect(parsed.paragraphs).toEqual(['First one.', 'Second.']);
  });

  it('allows a missing header: publishedAt is null and the text is all body', () => {
    const parsed = parsePlainText('Officials met on Monday.\n\nThey agreed.');
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.paragraphs).toEqual(['Officials met on Monday.', 'They agreed.']);
  });

  it('strips a header whose date does not exist, without inventing one', () => {
    const parsed = parsePlainText(' date 2025-13-45 Officials met on Monday.');
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.paragraphs).toEqual(['Officials met on Monday.']);
  });

  it('rejects 30 February but accepts 29 February in a leap year', () => {
    expect(parsePlainText('date 2025-02-30 Text.').publishedAt).toBeNull();
    expect(parsePlainText('date 2024-02-29 Text.').publishedAt).toBe('2024-02-29');
  });

  it('does not take "date" in running text for a header', () => {
    const parsed = parsePlainText('date night is back in fashion, the survey found.');
    expect(parsed.publishedAt).toBeNull();
    expect(parsed.paragraphs[0]).toBe('date night is back in fashion, the survey found.');
  });

  it('reads CRLF line endings, a byte-order mark and no-break spaces like plain LF text', () => {
    const lf = plainTextArticle({ date: '2025-11-03', paragraphs: ['Storm hits Wales.', 'Roads closed.'] });
    const crlf = `\ufeff${plainTextArticle({ date: '2025-11-03', paragraphs: ['Storm\u00a0hits Wales.', 'Roads closed.'], eol: '\r\n', finalNewline: true })}`;
    expect(parsePlainText(crlf)).toEqual(parsePlainText(lf));
  });

  it('treats blank lines holding only spaces as paragraph breaks and drops word-less separators', () => {
    const parsed = parsePlainText('One.\n   \n* * *\n\nTwo.');
    expect(parsed.paragraphs).toEqual(['One.', 'Two.']);
  });

  it('joins hard-wrapped lines of a paragraph but gives a subheading on its own line a paragraph', () => {
    const parsed = parsePlainText(
      'The minister said the plan would go ahead\nafter months of talks.\nWhat happens next\nThe bill goes to a vote.',
    );
    expect(parsed.paragraphs).toEqual([
      'The minister said the plan would go ahead after months of talks.',
      'What happens next',
      'The bill goes to a vote.',
    ]);
  });

  it.each([
    ['an empty string', '', 'empty'],
    ['whitespace', ' \n\t \r\n ', 'empty'],
    ['a byte-order mark alone', '\ufeff', 'empty'],
    ['a header with no body', ' date 2025-10-18', 'no-body'],
    ['a header followed by punctuation only', ' date 2025-10-18 ...\n\n* * *', 'no-body'],
  ])('rejects %s with InvalidArticleError(%s)', (_, text, reason) => {
    expect(reasonOf(() => parsePlainText(text))).toBe(reason);
  });
});
