import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityTally, nameKey, spansOfIob2 } from '../../../infra/training/entity-scores';
import { readIob2 } from '../../../infra/training/iob2';
import { REPO_ROOT } from '../../../infra/paths';
import {
  compromiseExtraction,
  evaluateEntities,
  goldDocuments,
  productExtraction,
  readGold,
} from './eval-entities';

const DEV = resolve(REPO_ROOT, '../shared/train/uner-english-ewt/en_ewt-ud-dev.iob2');
const devAvailable = existsSync(DEV);
if (!devAvailable)
  console.warn(`Entity evaluation on UNER dev skipped: ${DEV} not found (../shared beside the repo).`);

const UNER = [
  '# newdoc id = doc-a',
  '# sent_id = a-1',
  '# text = Angela Merkel visited Paris.',
  '1\tAngela\tB-PER\t-\t-',
  '2\tMerkel\tI-PER\t-\t-',
  '3\tvisited\tO\t-\t-',
  '4\tParis\tB-LOC\t-\t-',
  '5\t.\tO\t-\t-',
  '',
  '# sent_id = a-2',
  '# text = Merkel met the Oscars jury.',
  '1\tMerkel\tB-PER\t-\t-',
  '2\tmet\tO\t-\t-',
  '3\tthe\tO\t-\t-',
  '4\tOscars\tB-OTH\t-\t-',
  '5\tjury\tB-O\t-\t-',
  '6\t.\tO\t-\t-',
  '',
].join('\n');

const CONLL = [
  '-DOCSTART- -X- -X- O',
  '',
  'EU NNP B-NP I-ORG',
  'rejects VBZ B-VP O',
  'German JJ B-NP I-MISC',
  '',
  '',
].join('\n');

describe('readIob2', () => {
  it('reads UNER: documents, sentence texts, OTH and stray tags as O', () => {
    const [doc] = readIob2(UNER);
    expect(doc?.id).toBe('doc-a');
    expect(doc?.sentences.map((s) => s.text)).toEqual([
      'Angela Merkel visited Paris.',
      'Merkel met the Oscars jury.',
    ]);
    expect(doc?.sentences[1]?.tags).toEqual(['B-PER', 'O', 'O', 'O', 'O', 'O']);
  });

  it('reads CoNLL-2003: -DOCSTART-, the last column, IOB1 tags as IOB2, MISC as O', () => {
    const docs = readIob2(CONLL);
    expect(docs).toHaveLength(1);
    expect(docs[0]?.sentences[0]).toMatchObject({
      tokens: ['EU', 'rejects', 'German'],
      tags: ['B-ORG', 'O', 'O'],
    });
  });
});

describe('entity scores', () => {
  it('scores spans exactly, as seqeval does', () => {
    const tally = new EntityTally();
    const gold = spansOfIob2(['B-PER', 'I-PER', 'O', 'B-LOC']).map(
      (s) => [s.type, `${s.start}:${s.end}`] as const,
    );
    // The person found one word short, the place right, an organisation made up.
    tally.add(
      [
        ['PER', '0:1'],
        ['LOC', '3:4'],
        ['ORG', '2:3'],
      ],
      gold,
    );
    const { micro, byType } = tally.scores();
    expect(micro).toMatchObject({ truePositives: 1, predicted: 3, gold: 2 });
    expect(micro.f1).toBeCloseTo(0.4, 5);
    expect(byType.LOC?.f1).toBe(1);
    expect(byType.PER?.f1).toBe(0);
  });

  it('compares names case- and punctuation-blind, possessives aside', () => {
    expect(nameKey('U.S.')).toBe('u s');
    expect(nameKey("Trump's")).toBe('trump');
  });
});

describe('eval:entities', () => {
  it('finds the gold names through the product path and counts an alias as the name it stands for', () => {
    const documents = goldDocuments(readIob2(UNER));
    expect(documents[0]?.mentions.map((m) => documents[0]?.text.slice(m.start, m.end))).toEqual([
      'Angela Merkel',
      'Paris',
      'Merkel',
    ]);
    const report = evaluateEntities(documents, productExtraction);
    // "Merkel" in the second sentence is the alias of "Angela Merkel": both gold names recalled.
    expect(report.documentSets.byType.PER).toMatchObject({ gold: 2, recall: 1, precision: 1 });
    expect(report.spans.byType.LOC?.f1).toBe(1);
    const peer = evaluateEntities(documents, compromiseExtraction);
    expect(peer.spans.micro.gold).toBe(3);
  });

  it.skipIf(!devAvailable)(
    'beats compromise on UNER English-EWT dev, spans and document sets',
    () => {
      const documents = readGold(DEV);
      const product = evaluateEntities(documents, productExtraction);
      const peer = evaluateEntities(documents, compromiseExtraction);
      expect(product.documents).toBe(318);
      expect(product.spans.micro.f1).toBeGreaterThan(peer.spans.micro.f1);
      expect(product.documentSets.micro.f1).toBeGreaterThan(peer.documentSets.micro.f1);
    },
    60_000,
  );
});
