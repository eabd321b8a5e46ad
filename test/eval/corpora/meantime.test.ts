import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyMentions, loadMeantime, MeantimeFormatError, parseMeantime } from './meantime';

/** A CoNLL document from rows of [token, event, certainty, polarity, time]; null is a sentence break. */
const conll = (...rows: ([string, string?, string?, string?, string?] | null)[]) => {
  let n = 0;
  return rows
    .map((row) => {
      if (row === null) return '';
      n += 1;
      const [token, event = '_', certainty = '_', polarity = '_', time = '_'] = row;
      return [n, token, event, certainty, polarity, time].join('\t');
    })
    .join('\n');
};

const ev = (tag: 'B' | 'I', id: number, certainty: string, polarity: string, time: string) =>
  [
    `${tag}-E-${id}`,
    `${tag}-${certainty}-${id}`,
    `${tag}-${polarity}-${id}`,
    `${tag}-${time}-${id}`,
  ] as const;

const DOCUMENT = conll(
  // Headline.
  ['Apple'],
  ['unveils', ...ev('B', 1, 'CERTAIN', 'POS', 'NON_FUTURE')],
  ['iPod'],
  null,
  // Dateline.
  ['May'],
  ['7'],
  [','],
  ['2005'],
  null,
  ['Apple'],
  ['may'],
  ['roll', ...ev('B', 2, 'POSSIBLE', 'POS', 'FUTURE')],
  ['out', ...ev('I', 2, 'POSSIBLE', 'POS', 'FUTURE')],
  ['a'],
  ['phone'],
  ['and'],
  ['did'],
  ['not'],
  ['comment', ...ev('B', 3, 'CERTAIN', 'NEG', 'NON_FUTURE')],
  ['.'],
  null,
  null,
  ['It'],
  ['took', ...ev('B', 4, 'UNDERSPECIFIED', 'UNDERSPECIFIED', 'UNDERSPECIFIED')],
  ['time'],
  ['off', ...ev('I', 4, 'UNDERSPECIFIED', 'UNDERSPECIFIED', 'UNDERSPECIFIED')],
  ['.'],
);

describe('MEANTIME CoNLL loader', () => {
  const doc = parseMeantime(`${DOCUMENT}\n\n`, 'apple/1_test.conll');

  it('splits sentences on blank lines, however many', () => {
    expect(doc.sentences).toEqual([
      ['Apple', 'unveils', 'iPod'],
      ['May', '7', ',', '2005'],
      ['Apple', 'may', 'roll', 'out', 'a', 'phone', 'and', 'did', 'not', 'comment', '.'],
      ['It', 'took', 'time', 'off', '.'],
    ]);
    expect(doc.corpus).toBe('apple');
  });

  it('joins the B- and I- tokens of one event into one mention with its attributes', () => {
    expect(doc.mentions.map((m) => m.eventId)).toEqual(['1', '2', '3', '4']);
    expect(doc.mentions[1]).toMatchObject({
      sentence: 2,
      start: 2,
      end: 4,
      tokens: [2, 3],
      certainty: 'POSSIBLE',
      polarity: 'POS',
      time: 'FUTURE',
    });
    expect(doc.mentions[2]).toMatchObject({ sentence: 2, start: 9, end: 10, polarity: 'NEG' });
  });

  it('keeps UNDERSPECIFIED and a part after a gap ("took … off") without widening the first run', () => {
    expect(doc.mentions[3]).toMatchObject({
      sentence: 3,
      start: 1,
      end: 2,
      tokens: [1, 3],
      certainty: 'UNDERSPECIFIED',
      polarity: 'UNDERSPECIFIED',
      time: 'UNDERSPECIFIED',
    });
  });

  it('skips headline and dateline only when the second sentence is a dateline without events', () => {
    expect(doc).toMatchObject({ leadSentences: 2, year: 2005 });
    expect(bodyMentions(doc).map((m) => m.eventId)).toEqual(['2', '3', '4']);

    const noDateline = parseMeantime(
      conll(['Apple'], ['unveils', ...ev('B', 1, 'CERTAIN', 'POS', 'NON_FUTURE')]),
    );
    expect(noDateline.leadSentences).toBe(0);
    expect(bodyMentions(noDateline)).toHaveLength(1);
  });

  it('reads Windows line endings', () => {
    expect(parseMeantime(DOCUMENT.replace(/\n/g, '\r\n')).mentions).toHaveLength(4);
  });

  it('rejects malformed rows with file and line', () => {
    expect(() => parseMeantime('1\tApple\t_', 'x.conll')).toThrow(/x\.conll:1: expected 6/);
    expect(() => parseMeantime('1\tmet\tE-1\t_\t_\t_')).toThrow(MeantimeFormatError);
    expect(() => parseMeantime('1\tmet\tB-E-1\tB-SURE-1\tB-POS-1\tB-FUTURE-1')).toThrow(/SURE/);
    expect(() => parseMeantime('1\tmet\tB-E-1\tB-CERTAIN-2\tB-POS-1\tB-FUTURE-1')).toThrow(
      MeantimeFormatError,
    );
  });
});

describe('loading a folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meantime-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every .conll file in any sub-folder, in path order, named by sub-corpus', () => {
    mkdirSync(join(dir, 'b', 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'b', 'deeper', '2.conll'), DOCUMENT);
    writeFileSync(join(dir, 'a', '1.conll'), DOCUMENT);
    writeFileSync(join(dir, 'a', 'README.md'), 'not data');
    const docs = loadMeantime(dir);
    expect(docs.map((d) => [d.file, d.corpus])).toEqual([
      ['a/1.conll', 'a'],
      ['b/deeper/2.conll', 'b'],
    ]);
  });

  it('fails on a missing folder', () => {
    expect(() => loadMeantime(join(dir, 'missing'))).toThrow(/not a folder/);
  });
});
