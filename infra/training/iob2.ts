/**
 * IOB / IOB2 named-entity files (Universal NER, CoNLL-2003): one token a line with its tag, blank
 * lines between sentences, `# newdoc id = …` / `-DOCSTART-` between documents, `# text = …` the
 * sentence as written (when given). Only PER, ORG and LOC are read; other types (`OTH`, `MISC`) and
 * stray tags (`B-O`) are `O`. IOB1 tags (an `I-` opening a name) are read as IOB2.
 */

export interface NamedEntitySentence {
  id: string;
  /** The sentence as written, when the file gives it. */
  text: string | null;
  tokens: string[];
  /** IOB2 tags over PER, ORG, LOC. */
  tags: string[];
}

export interface NamedEntityDocument {
  id: string;
  sentences: NamedEntitySentence[];
}

export class Iob2FormatError extends Error {
  override name = 'Iob2FormatError';
}

const TYPES: ReadonlySet<string> = new Set(['PER', 'ORG', 'LOC']);

/** The tag column: the second of CoNLL-2003's four (word POS chunk NER) is the last; UNER's is the third. */
const tagColumn = (fields: readonly string[]): string => {
  if (fields.length >= 3 && /^\d+$/.test(fields[0] ?? '')) return fields[2] ?? 'O';
  return fields[fields.length - 1] ?? 'O';
};

const normalise = (tags: readonly string[]): string[] => {
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const match = /^([BIE]|S)-(.+)$/.exec(raw);
    const type = match?.[2] ?? '';
    if (!match || !TYPES.has(type)) {
      out.push('O');
      return;
    }
    const before = out[i - 1] ?? 'O';
    const continues = (match[1] === 'I' || match[1] === 'E') && before !== 'O' && before.slice(2) === type;
    out.push(`${continues ? 'I' : 'B'}-${type}`);
  });
  return out;
};

export const readIob2 = (text: string, name = 'input'): NamedEntityDocument[] => {
  const documents: NamedEntityDocument[] = [];
  let document: NamedEntityDocument | null = null;
  let sentence: NamedEntitySentence = { id: '', text: null, tokens: [], tags: [] };
  let rawTags: string[] = [];
  let count = 0;
  const newDocument = (id: string) => {
    document = { id: id || `${name}#${documents.length + 1}`, sentences: [] };
    documents.push(document);
  };
  const finish = () => {
    if (sentence.tokens.length > 0) {
      if (!document) newDocument('');
      count += 1;
      (document as unknown as NamedEntityDocument).sentences.push({
        ...sentence,
        id: sentence.id || `${name}:${count}`,
        tags: normalise(rawTags),
      });
    }
    sentence = { id: '', text: null, tokens: [], tags: [] };
    rawTags = [];
  };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return finish();
    if (line.startsWith('#')) {
      const doc = /^# newdoc(?: id)?\s*=?\s*(.*)$/.exec(line);
      if (doc) {
        finish();
        newDocument(doc[1]?.trim() ?? '');
      }
      const id = /^# sent_id = (.*)$/.exec(line);
      if (id) sentence.id = id[1]?.trim() ?? '';
      const written = /^# text = (.*)$/.exec(line);
      if (written) sentence.text = written[1] ?? '';
      return;
    }
    const fields = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
    if (fields[0] === '-DOCSTART-') {
      finish();
      newDocument('');
      return;
    }
    if (fields.length < 2) throw new Iob2FormatError(`${name}:${index + 1}: no tag column in "${line}"`);
    const numbered = fields.length >= 3 && /^\d+$/.test(fields[0] ?? '');
    sentence.tokens.push((numbered ? fields[1] : fields[0]) ?? '');
    rawTags.push(tagColumn(fields));
  });
  finish();
  return documents.filter((d) => d.sentences.length > 0);
};
