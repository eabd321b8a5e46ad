/**
 * Entities on named-entity files: `npm run eval:entities -- [file.iob2|dir] [--json]`.
 * Default: Universal NER English-EWT dev (../shared/train/uner-english-ewt/en_ewt-ud-dev.iob2).
 *
 * Reads IOB / IOB2 files (UNER, CoNLL-2003; `OTH`/`MISC` read as O; a directory: every .iob2,
 * .iob, .conll and .txt in it). Each gold sentence is one sentence of its document: its text
 * (`# text`, else the tokens joined by spaces) goes through the product's tokeniser and
 * extractEntities (the trained tagger and the naming layer on top), the whole document at once,
 * as an article's sentences do. Sentence splitting is the gold one, so the figures measure the
 * entities, not the splitter.
 *
 * Two figures, for the product and for compromise (the peer) on the same texts in the same run:
 * - spans, as seqeval scores them: a mention is right when its characters (first to last, a
 *   title and a possessive left out by both) and its type are the gold one's; P/R/F1 per type and
 *   micro over PER, ORG, LOC.
 * - document-level sets: per document and type, the gold names (the texts of its spans, compared
 *   case- and punctuation-blind) against the entities found. A gold name is recalled when an
 *   entity of its type has it as its name or an alias; an entity is precise when its name or an
 *   alias is a gold name of its type. So "Donald Trump" and "Trump" are both found by one entity.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { extractEntities } from '../../../functions/domain/language/entities/entities';
import { tokenise } from '../../../functions/domain/language/tokenise';
import {
  EntityTally,
  TYPES,
  nameKey,
  spansOfIob2,
  type EntityScores,
} from '../../../infra/training/entity-scores';
import { readIob2, type NamedEntityDocument } from '../../../infra/training/iob2';
import { REPO_ROOT } from '../../../infra/paths';

const DEFAULT_FILE = resolve(REPO_ROOT, '../shared/train/uner-english-ewt/en_ewt-ud-dev.iob2');
const TYPE_OF_KIND: Readonly<Record<string, string>> = { person: 'PER', organization: 'ORG', place: 'LOC' };
const FILE_PATTERN = /\.(iob2?|conll|txt)$/i;

/** A found entity for the document-level sets: its type and every form it goes by. */
export interface FoundEntity {
  type: string;
  forms: string[];
}

/** A mention as spans compare: characters in the document's text, and a type. */
export interface FoundMention {
  type: string;
  start: number;
  end: number;
}

export interface Extraction {
  mentions: FoundMention[];
  entities: FoundEntity[];
}

/** A document as the extractors see it: its sentences' texts, joined by newlines. */
export interface GoldDocument {
  id: string;
  sentences: string[];
  /** Offset of each sentence in the joined text. */
  offsets: number[];
  text: string;
  mentions: FoundMention[];
  names: FoundEntity[];
}

/** Character offsets of each token in the sentence's text; tokens not found are placed after. */
const tokenOffsets = (text: string, tokens: readonly string[]) => {
  let at = 0;
  return tokens.map((token) => {
    const found = text.indexOf(token, at);
    const start = found >= 0 ? found : at;
    at = start + token.length;
    return { start, end: at };
  });
};

/** Leading "the" and trailing possessives are no part of a name, for gold and found alike. */
const trimmed = (text: string, start: number, end: number) => {
  let s = start;
  let e = end;
  const head = /^(?:the|a|an)\s+/i.exec(text.slice(s, e));
  if (head && head[0].length < e - s) s += head[0].length;
  const tail = /\s*['’]s?$/.exec(text.slice(s, e));
  if (tail && tail[0].length < e - s) e -= tail[0].length;
  return { start: s, end: e };
};

export const goldDocuments = (documents: readonly NamedEntityDocument[]): GoldDocument[] =>
  documents.map((document) => {
    const sentences: string[] = [];
    const offsets: number[] = [];
    const mentions: FoundMention[] = [];
    const names = new Map<string, FoundEntity>();
    let length = 0;
    for (const sentence of document.sentences) {
      const text = sentence.text ?? sentence.tokens.join(' ');
      const places = tokenOffsets(text, sentence.tokens);
      for (const span of spansOfIob2(sentence.tags)) {
        const { start, end } = trimmed(text, places[span.start]?.start ?? 0, places[span.end - 1]?.end ?? 0);
        mentions.push({ type: span.type, start: length + start, end: length + end });
        const name = nameKey(text.slice(start, end));
        if (name) names.set(`${span.type}:${name}`, { type: span.type, forms: [name] });
      }
      sentences.push(text);
      offsets.push(length);
      length += text.length + 1;
    }
    return {
      id: document.id,
      sentences,
      offsets,
      text: sentences.join('\n'),
      mentions,
      names: [...names.values()],
    };
  });

/** The product: the tokeniser and extractEntities, one source per gold sentence. */
export const productExtraction = (document: GoldDocument): Extraction => {
  const sources = document.sentences.map((text) => ({
    tokens: tokenise(text).tokens,
    creditStart: -1,
    role: 'body' as const,
  }));
  const analysis = extractEntities(sources);
  const mentions = analysis.mentions.map((mention) => {
    const offset = document.offsets[mention.sentence] ?? 0;
    const text = document.sentences[mention.sentence] ?? '';
    const { start, end } = trimmed(text, mention.start, mention.end);
    return { type: TYPE_OF_KIND[mention.kind] ?? mention.kind, start: offset + start, end: offset + end };
  });
  const entities = analysis.details.map((detail) => ({
    type: TYPE_OF_KIND[detail.type] ?? detail.type,
    forms: [detail.name, ...detail.aliases].map(nameKey),
  }));
  return { mentions, entities };
};

interface CompromiseMatch {
  text: string;
  offset?: { start: number; length: number };
}

/** The peer: compromise's people, organisations and places, on the same text. */
export const compromiseExtraction = (document: GoldDocument): Extraction => {
  const doc = nlp(document.text);
  const mentions: FoundMention[] = [];
  const entities = new Map<string, FoundEntity>();
  const views: Array<[string, CompromiseMatch[]]> = [
    ['PER', doc.people().json({ offset: true }) as CompromiseMatch[]],
    ['ORG', doc.organizations().json({ offset: true }) as CompromiseMatch[]],
    ['LOC', doc.places().json({ offset: true }) as CompromiseMatch[]],
  ];
  for (const [type, matches] of views) {
    for (const match of matches) {
      if (!match.offset) continue;
      // compromise keeps trailing punctuation in a match ("Nations."): trim it as a reader would.
      const raw = document.text.slice(match.offset.start, match.offset.start + match.offset.length);
      const end = match.offset.start + raw.replace(/[^\p{L}\p{N}]+$/u, '').length;
      const span = trimmed(document.text, match.offset.start, end);
      mentions.push({ type, ...span });
      const name = nameKey(document.text.slice(span.start, span.end));
      if (name) entities.set(`${type}:${name}`, { type, forms: [name] });
    }
  }
  return { mentions, entities: [...entities.values()] };
};

export interface EntityReport {
  documents: number;
  sentences: number;
  spans: EntityScores;
  documentSets: EntityScores;
}

/** Document-level sets: recall over gold names, precision over found entities (aliases count). */
const addDocumentSets = (tally: EntityTally, gold: readonly FoundEntity[], found: readonly FoundEntity[]) => {
  for (const type of TYPES) {
    const goldNames = new Set(gold.filter((g) => g.type === type).map((g) => g.forms[0] ?? ''));
    const ofType = found.filter((e) => e.type === type);
    const forms = new Set(ofType.flatMap((e) => e.forms));
    const precise = ofType.filter((e) => e.forms.some((form) => goldNames.has(form))).length;
    const recalled = [...goldNames].filter((name) => forms.has(name)).length;
    tally.addCounts(type, precise, ofType.length, recalled, goldNames.size);
  }
};

export const evaluateEntities = (
  documents: readonly GoldDocument[],
  extract: (document: GoldDocument) => Extraction,
): EntityReport => {
  const spans = new EntityTally();
  const sets = new EntityTally();
  for (const document of documents) {
    const found = extract(document);
    spans.add(
      found.mentions.map((m) => [m.type, `${m.start}:${m.end}`]),
      document.mentions.map((m) => [m.type, `${m.start}:${m.end}`]),
    );
    addDocumentSets(sets, document.names, found.entities);
  }
  return {
    documents: documents.length,
    sentences: documents.reduce((sum, d) => sum + d.sentences.length, 0),
    spans: spans.scores(),
    documentSets: sets.scores(),
  };
};

export const readGold = (path: string): GoldDocument[] => {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => FILE_PATTERN.test(name))
        .sort()
        .map((name) => join(path, name))
    : [path];
  return files.flatMap((file) => goldDocuments(readIob2(readFileSync(file, 'utf8'), file)));
};

const f = (x: number) => x.toFixed(3);

const scoreLine = (name: string, scores: EntityScores) =>
  `  ${name.padEnd(22)} micro F1 ${f(scores.micro.f1)} (P ${f(scores.micro.precision)} R ${f(scores.micro.recall)})  ` +
  Object.entries(scores.byType)
    .map(([type, s]) => `${type} ${f(s.f1)}`)
    .join('  ');

export const reportText = (product: EntityReport, peer: EntityReport): string =>
  [
    `${product.documents} documents, ${product.sentences} sentences`,
    'spans (seqeval, exact type and characters):',
    scoreLine('newswatch', product.spans),
    scoreLine('compromise', peer.spans),
    'document-level sets (names and aliases per document and type):',
    scoreLine('newswatch', product.documentSets),
    scoreLine('compromise', peer.documentSets),
  ].join('\n');

const round = (value: number) => Math.round(value * 10000) / 10000;
const jsonScores = (scores: EntityScores) => ({
  micro: {
    precision: round(scores.micro.precision),
    recall: round(scores.micro.recall),
    f1: round(scores.micro.f1),
  },
  byType: Object.fromEntries(
    Object.entries(scores.byType).map(([type, s]) => [
      type,
      { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), gold: s.gold },
    ]),
  ),
});

const main = () => {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const unknown = args.find((a) => a.startsWith('-') && a !== '--json');
  if (unknown) {
    console.error(
      `eval:entities: unknown option "${unknown}" (usage: npm run eval:entities -- [file|dir] [--json])`,
    );
    process.exit(2);
  }
  const pathArg = args.find((a) => !a.startsWith('-'));
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const path = pathArg === undefined ? DEFAULT_FILE : isAbsolute(pathArg) ? pathArg : resolve(cwd, pathArg);
  if (!existsSync(path)) {
    console.error(`eval:entities: no IOB file or directory at ${path} (see ../shared/train/README.md)`);
    process.exit(2);
  }
  const documents = readGold(path);
  const product = evaluateEntities(documents, productExtraction);
  const peer = evaluateEntities(documents, compromiseExtraction);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({
        documents: product.documents,
        sentences: product.sentences,
        spans: jsonScores(product.spans),
        documentSets: jsonScores(product.documentSets),
        compromise: { spans: jsonScores(peer.spans), documentSets: jsonScores(peer.documentSets) },
      })}\n`,
    );
    return;
  }
  console.log(reportText(product, peer));
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
