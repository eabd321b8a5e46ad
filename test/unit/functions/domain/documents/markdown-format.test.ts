import { describe, expect, it } from 'vitest';
import { parseMarkdownDocument } from '../../../../../functions/domain/documents/markdown-format';
import { markdownDocument, PROSE, rejectionOf } from './format-fixtures';

const FRONT_MATTER = [
  'title: "Storm Amy: roads closed"',
  'date: 2025-10-18T23:30:00-04:00',
  'author: Jane Smith',
  'source: The Daily Example',
  'url: https://example.com/storm',
].join('\n');

describe('parseMarkdownDocument', () => {
  it('reads the front matter fields', () => {
    const parsed = parseMarkdownDocument(markdownDocument(PROSE[0], FRONT_MATTER));
    expect(parsed).toEqual({
      format: 'markdown',
      title: 'Storm Amy: roads closed',
      publishedAt: '2025-10-18',
      author: 'Jane Smith',
      source: 'The Daily Example',
      url: 'https://example.com/storm',
      blocks: [{ kind: 'paragraph', text: PROSE[0] }],
    });
  });

  it('takes a YAML date, an author list and {name} objects', () => {
    const parsed = parseMarkdownDocument(
      markdownDocument(PROSE[0], 'date: 2025-10-18\nauthor:\n  - name: Jane Smith\n  - Li Wei'),
    );
    expect(parsed.publishedAt).toBe('2025-10-18');
    expect(parsed.author).toBe('Jane Smith, Li Wei');
  });

  it('makes the first # H1 the title when front matter has none, and drops a repeat of the title', () => {
    expect(parseMarkdownDocument(`# Storm closes roads\n\n${PROSE[0]}`)).toMatchObject({
      title: 'Storm closes roads',
      blocks: [{ kind: 'paragraph', text: PROSE[0] }],
    });
    const repeated = parseMarkdownDocument(
      markdownDocument(`# Storm Amy: roads closed\n\n${PROSE[0]}`, FRONT_MATTER),
    );
    expect(repeated.blocks).toEqual([{ kind: 'paragraph', text: PROSE[0] }]);
    const other = parseMarkdownDocument(markdownDocument(`# Another heading\n\n${PROSE[0]}`, FRONT_MATTER));
    expect(other.title).toBe('Storm Amy: roads closed');
    expect(other.blocks[0]).toEqual({ kind: 'heading', text: 'Another heading' });
  });

  it('has no title without front matter or a leading H1', () => {
    expect(parseMarkdownDocument(`${PROSE[0]}\n\n## Later\n\n${PROSE[1]}`).title).toBeNull();
  });

  it('reads headings, quotes, captions, lists and inline markup with the lexer', () => {
    const body = [
      'By Jane Smith',
      `Intro with **bold**, _emphasis_, \`code\` and a [link](https://example.com) &amp; an entity.`,
      '![A flooded street](flood.jpg "Flood")\n*Waves hit the sea wall.(PA)*',
      '## What happens next',
      '> We listened to residents.\n> And we acted.',
      '- First item is here.\n- Second item is here.',
      '1. Numbered item.',
      '```\nconsole.log("not prose");\n```',
      '---',
      '<div><p>An HTML block.</p></div>',
      '![Only alt text](a.jpg)',
    ].join('\n\n');
    expect(parseMarkdownDocument(body).blocks).toEqual([
      { kind: 'byline', text: 'By Jane Smith' },
      { kind: 'paragraph', text: 'Intro with bold, emphasis, code and a link & an entity.' },
      { kind: 'caption', text: 'Waves hit the sea wall.(PA)' },
      { kind: 'heading', text: 'What happens next' },
      { kind: 'quote', text: 'We listened to residents. And we acted.' },
      { kind: 'paragraph', text: 'First item is here.' },
      { kind: 'paragraph', text: 'Second item is here.' },
      { kind: 'paragraph', text: 'Numbered item.' },
      { kind: 'paragraph', text: 'An HTML block.' },
      { kind: 'caption', text: 'Only alt text' },
    ]);
  });

  it('takes an emphasised line after an image paragraph for its caption', () => {
    const blocks = parseMarkdownDocument(
      `![Flood](a.jpg)\n\n_A flooded street in Leeds.(PA Media)_\n\n${PROSE[0]}`,
    ).blocks;
    expect(blocks).toEqual([
      { kind: 'caption', text: 'Flood' },
      { kind: 'caption', text: 'A flooded street in Leeds.(PA Media)' },
      { kind: 'paragraph', text: PROSE[0] },
    ]);
  });

  it('reads an empty front matter block and Setext headings (=== is an H1, --- an H2)', () => {
    const parsed = parseMarkdownDocument(`---\n---\nStorm report\n===\n\nWhat next\n---\n\n${PROSE[0]}`);
    expect(parsed.title).toBe('Storm report');
    expect(parsed.blocks).toEqual([
      { kind: 'heading', text: 'What next' },
      { kind: 'paragraph', text: PROSE[0] },
    ]);
  });

  it.each([
    ['bad YAML', 'title: a: b', /^malformed YAML front matter at line 2, column 8: Nested mappings/],
    [
      'an unclosed quote',
      'title: "Storm\ndate: 2025-10-18',
      /^malformed YAML front matter at line \d+, column \d+: /,
    ],
    [
      'a duplicate key',
      'title: A\ntitle: B',
      /^malformed YAML front matter at line 3, column 1: Map keys must be unique/,
    ],
    ['a scalar after a field', 'title: A\n- two', /^malformed YAML front matter at line 3, column 1: /],
  ])('rejects front matter with %s as malformed', (_, yaml, message) => {
    const rejection = rejectionOf(() => parseMarkdownDocument(markdownDocument(PROSE[0], yaml)));
    expect(rejection?.reason).toBe('malformed');
    expect(rejection?.message).toMatch(message);
  });

  it('does not take text between two thematic breaks for front matter', () => {
    const parsed = parseMarkdownDocument(`---\n${PROSE[0]}\n---\n\n${PROSE[1]}`);
    expect(parsed.blocks.map((block) => block.text)).toEqual([PROSE[0], PROSE[1]]);
  });

  it('leaves a body with only code blocks without blocks', () => {
    expect(parseMarkdownDocument('```\ncode\n```').blocks).toEqual([]);
  });
});
