import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Loader for MEANTIME in CoNLL form (see ../shared/eval/README.md): one token a line with
 * tab-separated token number, token, event tag (`B-E-n` / `I-E-n`) and the event's certainty,
 * polarity and time (`B-CERTAIN-n`, `I-NON_FUTURE-n`, …), `_` for tokens outside events; blank
 * lines between sentences.
 */

export type GoldCertainty = 'CERTAIN' | 'PROBABLE' | 'POSSIBLE' | 'UNDERSPECIFIED';
export type GoldPolarity = 'POS' | 'NEG' | 'UNDERSPECIFIED';
export type GoldTime = 'FUTURE' | 'NON_FUTURE' | 'UNDERSPECIFIED';

export interface GoldMention {
  /** The event id, unique within its document. */
  eventId: string;
  /** Index of the sentence in the document, from 0. */
  sentence: number;
  /** Token indices in the sentence of the first run of the event's tokens, end exclusive. */
  start: number;
  end: number;
  /** Every token index of the event, including parts after a gap ("take … away"). */
  tokens: number[];
  certainty: GoldCertainty;
  polarity: GoldPolarity;
  time: GoldTime;
}

export interface MeantimeDocument {
  /** Path relative to the folder loaded, e.g. `airbus/3307_Airbus_launches….conll`. */
  file: string;
  /** The first path segment: the sub-corpus (`airbus`, `apple`), or '' for a file at the top. */
  corpus: string;
  sentences: string[][];
  mentions: GoldMention[];
  /**
   * How many leading sentences are headline and dateline: 2 when the second sentence is a date
   * ("March 01 , 2008") without events, as the README describes; else 0, so nothing is skipped on
   * a guess.
   */
  leadSentences: number;
  /** The year of the dateline, when there is one. */
  year?: number;
}

export class MeantimeFormatError extends Error {
  override readonly name = 'MeantimeFormatError';
}

const CERTAINTIES = new Set<string>(['CERTAIN', 'PROBABLE', 'POSSIBLE', 'UNDERSPECIFIED']);
const POLARITIES = new Set<string>(['POS', 'NEG', 'UNDERSPECIFIED']);
const TIMES = new Set<string>(['FUTURE', 'NON_FUTURE', 'UNDERSPECIFIED']);

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATELINE = new RegExp(`^(?:${MONTHS}) \\d{1,2} , ((?:19|20)\\d{2})$`);

/** `B-CERTAIN-12` → `CERTAIN`; the event id must match the token's event tag. */
const attribute = (value: string, eventId: string, allowed: Set<string>, where: string): string => {
  const match = /^[BI]-(.+)-(\d+)$/.exec(value);
  if (!match || match[2] !== eventId || !allowed.has(match[1] ?? '')) {
    throw new MeantimeFormatError(`${where}: unexpected attribute "${value}" for event ${eventId}`);
  }
  return match[1] as string;
};

/** Parses one CoNLL document. */
export const parseMeantime = (text: string, file = '<inline>'): MeantimeDocument => {
  const sentences: string[][] = [];
  const mentions: GoldMention[] = [];
  let tokens: string[] = [];
  let open = new Map<string, GoldMention>();

  const endSentence = () => {
    if (tokens.length === 0) return;
    sentences.push(tokens);
    mentions.push(...open.values());
    tokens = [];
    open = new Map();
  };

  text.split(/\r?\n/).forEach((line, lineIndex) => {
    const where = `${file}:${lineIndex + 1}`;
    if (line.trim() === '') {
      endSentence();
      return;
    }
    const columns = line.split('\t');
    if (columns.length < 6) {
      throw new MeantimeFormatError(`${where}: expected 6 tab-separated columns, found ${columns.length}`);
    }
    const [, token, event, certainty, polarity, time] = columns as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const index = tokens.length;
    tokens.push(token);
    if (event === '_') return;
    const tag = /^([BI])-E-(\d+)$/.exec(event);
    if (!tag) throw new MeantimeFormatError(`${where}: unexpected event tag "${event}"`);
    const eventId = tag[2] as string;
    const existing = open.get(eventId);
    if (existing) {
      existing.tokens.push(index);
      // The first run grows while its tokens are consecutive.
      if (existing.end === index) existing.end = index + 1;
      return;
    }
    open.set(eventId, {
      eventId,
      sentence: sentences.length,
      start: index,
      end: index + 1,
      tokens: [index],
      certainty: attribute(certainty, eventId, CERTAINTIES, where) as GoldCertainty,
      polarity: attribute(polarity, eventId, POLARITIES, where) as GoldPolarity,
      time: attribute(time, eventId, TIMES, where) as GoldTime,
    });
  });
  endSentence();

  const dateline = sentences[1]?.join(' ') ?? '';
  const date = DATELINE.exec(dateline);
  const datelineHasEvents = mentions.some((m) => m.sentence === 1);
  const leadSentences = date && !datelineHasEvents ? 2 : 0;
  return {
    file,
    corpus: file.includes('/') ? (file.split('/')[0] ?? '') : '',
    sentences,
    mentions,
    leadSentences,
    ...(date ? { year: Number(date[1]) } : {}),
  };
};

const conllFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return conllFiles(path);
      return entry.isFile() && entry.name.endsWith('.conll') ? [path] : [];
    });

/** Every `.conll` file under `dir`, in any sub-folder, in path order. */
export const loadMeantime = (dir: string): MeantimeDocument[] => {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new MeantimeFormatError(`${dir} is not a folder`);
  }
  return conllFiles(dir).map((path) =>
    parseMeantime(readFileSync(path, 'utf8'), relative(dir, path).split('\\').join('/')),
  );
};

/** The mentions to evaluate: all but those in a document's headline and dateline. */
export const bodyMentions = (document: MeantimeDocument): GoldMention[] =>
  document.mentions.filter((m) => m.sentence >= document.leadSentences);
