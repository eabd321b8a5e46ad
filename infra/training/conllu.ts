/**
 * CoNLL-U reading for training and evaluating the parser: the basic tree only. Multiword-token
 * lines ("1-2") and empty nodes ("8.1") are skipped: the words are what the tagger sees and the
 * heads of the basic tree never point at an empty node.
 */

export interface TreebankSentence {
  id: string;
  forms: string[];
  upos: string[];
  /** Head of each word as a 0-based index, -1 for the root. */
  heads: number[];
  relations: string[];
}

export class ConlluFormatError extends Error {
  override name = 'ConlluFormatError';
}

export const readConllu = (text: string): TreebankSentence[] => {
  const sentences: TreebankSentence[] = [];
  let current: TreebankSentence = { id: '', forms: [], upos: [], heads: [], relations: [] };
  let lineNumber = 0;
  const finish = () => {
    if (current.forms.length > 0) sentences.push(current);
    current = { id: '', forms: [], upos: [], heads: [], relations: [] };
  };
  for (const line of text.split('\n')) {
    lineNumber += 1;
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (line.startsWith('#')) {
      const match = /^# sent_id = (.*)$/.exec(line);
      if (match) current.id = match[1] as string;
      continue;
    }
    const columns = line.split('\t');
    if (columns.length !== 10) throw new ConlluFormatError(`line ${lineNumber}: ${columns.length} columns`);
    const id = columns[0] as string;
    if (!/^\d+$/.test(id)) continue;
    if (Number(id) !== current.forms.length + 1) {
      throw new ConlluFormatError(`line ${lineNumber}: word ${id} out of order`);
    }
    current.forms.push(columns[1] as string);
    current.upos.push(columns[3] as string);
    current.heads.push(Number(columns[6]) - 1);
    current.relations.push(columns[7] as string);
  }
  finish();
  return sentences;
};

/** Whether no two arcs cross (the root's arc included): arc-hybrid can build only such trees. */
export const isProjective = (heads: readonly number[]): boolean => {
  const n = heads.length;
  const arcs = heads.map((h, d) => {
    const head = h < 0 ? n : h;
    return [Math.min(head, d), Math.max(head, d)] as const;
  });
  for (const [a, b] of arcs) {
    for (const [c, d] of arcs) {
      if (a < c && c < b && b < d) return false;
    }
  }
  return true;
};
