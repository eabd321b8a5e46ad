import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../../../../functions/domain/analyse-article';
import type { AnalysedArticle, EntityDetail } from '../../../../../functions/domain/language/analysis';
import {
  PROFILE_TERMS,
  SEARCH_KEYS,
  SIGNATURE_HASHES,
  cosine,
  resemblance,
  signatureOf,
  storyProfileOf,
  strongest,
  termsOf,
} from '../../../../../functions/domain/stories/story-profile';
import { SEED_ARTICLES, plainTextArticle } from '../../../../support/article-factories';
import { STORY_TEXTS } from '../../../../support/story-articles';

const analysed = (text: string): AnalysedArticle => {
  const [article] = analyseDocument(text, { fileName: 'articles/profile.txt' });
  if (!article) throw new Error('no article');
  return article;
};

const entity = (name: string, type: EntityDetail['type'], mentions = 1): EntityDetail => ({
  name,
  type,
  aliases: [],
  mentions,
  firstSentence: 0,
});

const only = (parts: Partial<Pick<AnalysedArticle, 'entityDetails' | 'keyPhrases' | 'dates'>>) => ({
  sentences: [],
  entityDetails: [],
  keyPhrases: [],
  dates: [],
  ...parts,
});

const norm = (vector: ReadonlyMap<string, number>) =>
  Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));

describe('story terms', () => {
  it('weighs a person over an organisation over a place, each over a word, damped by mentions', () => {
    const terms = termsOf(
      only({
        entityDetails: [
          entity('Gabriel Boric', 'person'),
          entity('AFAD', 'organization'),
          entity('Iquique', 'place'),
          entity('Ali Yerlikaya', 'person', 3),
        ],
        keyPhrases: ['Tsunami Warning'],
      }),
    );
    expect(terms.get('e:gabriel boric')).toBe(3);
    expect(terms.get('e:afad')).toBe(2);
    expect(terms.get('e:iquique')).toBe(1.5);
    expect(terms.get('e:ali yerlikaya')).toBeCloseTo(3 * (1 + Math.log(3)), 10);
    // A key phrase, lower-cased, counts as much as a word said once.
    expect(terms.get('k:tsunami warning')).toBe(1);

    // In a real text: the president outweighs every word, however often the word is said.
    const chile = termsOf(analysed(STORY_TEXTS.chileQuakeWire));
    const words = [...chile].filter(([key]) => key.startsWith('w:')).map(([, weight]) => weight);
    expect(chile.get('e:gabriel boric')).toBeGreaterThan(Math.max(...words));
    expect(chile.get('e:gabriel boric')).toBeGreaterThan(chile.get('e:la paz')!);
  });

  it('counts the headline and the lede double, leaves out frame sentences, and stems plurals', () => {
    const terms = termsOf(
      analysed(
        plainTextArticle({
          date: '2026-03-04',
          paragraphs: [
            'Storm closes the harbour',
            'Fishing boats stayed in port on Tuesday as winds reached 120 kilometres an hour. The coastguard told sailors to wait.',
            'Schools shut early in the afternoon. A lighthouse lost its lamp during the night.',
          ],
        }),
      ),
    );
    // Once in the headline, once in the lede's second sentence: counted as two. Once further on: one.
    expect(terms.get('w:harbour')).toBeCloseTo(1 + Math.log(2), 10);
    expect(terms.get('w:coastguard')).toBeCloseTo(1 + Math.log(2), 10);
    expect(terms.get('w:lighthouse')).toBe(1);
    expect(terms.get('w:school')).toBe(1);
    expect(terms.has('w:schools')).toBe(false);
    // Verbs and stop words are no terms.
    expect(terms.has('w:closes')).toBe(false);
    expect(terms.has('w:the')).toBe(false);
  });

  it('dates a text by the years and months it states, never by relative or present dates', () => {
    const terms = termsOf(
      analysed(
        plainTextArticle({
          date: '2026-03-04',
          paragraphs: [
            'The bridge reopened on Tuesday, a year after it closed in 2013. It had first opened on 26 September 2011.',
            'Repairs will finish next month, officials said today.',
          ],
        }),
      ),
    );
    const dates = Object.fromEntries([...terms].filter(([key]) => key.startsWith('t:')));
    expect(dates).toEqual({ 't:2013': 3, 't:2011': 3, 't:2011-09': 2 });

    const relativeOnly = termsOf(
      analysed(
        plainTextArticle({
          date: '2026-03-04',
          paragraphs: ['The museum opens on Tuesday and closes next month, its director said today.'],
        }),
      ),
    );
    expect([...relativeOnly.keys()].filter((key) => key.startsWith('t:'))).toEqual([]);
  });
});

describe('story profile', () => {
  it('is a unit vector of at most PROFILE_TERMS terms, its keys the strongest SEARCH_KEYS', () => {
    const many = only({
      entityDetails: Array.from({ length: 100 }, (_, i) =>
        entity(`Person ${String(i).padStart(3, '0')}`, 'person', 1 + (i % 7)),
      ),
      keyPhrases: ['harbour', 'storm'],
    });
    const profile = storyProfileOf(many);
    expect(profile.terms.size).toBe(PROFILE_TERMS);
    expect(norm(profile.terms)).toBeCloseTo(1, 12);
    expect(profile.keys).toHaveLength(SEARCH_KEYS);
    expect(profile.keys).toEqual([...profile.terms.keys()].slice(0, SEARCH_KEYS));
    const weights = [...profile.terms.values()];
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // The cut kept the strongest: nothing left out outweighs anything kept.
    const raw = termsOf(many);
    const weakestKept = Math.min(...[...profile.terms.keys()].map((key) => raw.get(key)!));
    for (const [key, weight] of raw) {
      if (!profile.terms.has(key)) expect(weight).toBeLessThanOrEqual(weakestKept);
    }

    const real = storyProfileOf(analysed(STORY_TEXTS.chileQuakeWire));
    expect(norm(real.terms)).toBeCloseTo(1, 12);
    expect(real.terms.size).toBeLessThanOrEqual(PROFILE_TERMS);
    expect(real.keys[0]).toBe('e:gabriel boric');
  });

  it('cuts ties by name, the same on every run', () => {
    const tied = new Map([
      ['w:b', 1],
      ['w:a', 1],
      ['w:c', 2],
    ]);
    expect([...strongest(tied, 2).keys()]).toEqual(['w:c', 'w:a']);
    expect([...strongest(tied, 3, false)]).toEqual([
      ['w:c', 2],
      ['w:a', 1],
      ['w:b', 1],
    ]);
  });

  it('is the same for the same text on every call', () => {
    const a = storyProfileOf(analysed(STORY_TEXTS.turkeyQuakeWire));
    const b = storyProfileOf(analysed(STORY_TEXTS.turkeyQuakeWire));
    expect([...a.terms]).toEqual([...b.terms]);
    expect(a.keys).toEqual(b.keys);
    expect([...a.signature]).toEqual([...b.signature]);
    expect(a.signature).toHaveLength(SIGNATURE_HASHES);
  });
});

describe('cosine', () => {
  const a = new Map([
    ['e:x', 3],
    ['w:y', 4],
  ]);
  it('is 1 for a vector and itself or any multiple of it, 0 for disjoint or empty ones', () => {
    expect(cosine(a, a)).toBeCloseTo(1, 12);
    expect(cosine(a, new Map([...a].map(([key, weight]) => [key, weight * 10])))).toBeCloseTo(1, 12);
    expect(cosine(a, new Map([['w:z', 1]]))).toBe(0);
    expect(cosine(a, new Map())).toBe(0);
    expect(cosine(new Map(), new Map())).toBe(0);
  });

  it('is symmetric and the normalised dot product', () => {
    const b = new Map([
      ['e:x', 1],
      ['w:z', 1],
      ['w:q', 1],
    ]);
    // (3·1) / (5 · √3)
    expect(cosine(a, b)).toBeCloseTo(3 / (5 * Math.sqrt(3)), 12);
    expect(cosine(b, a)).toBeCloseTo(cosine(a, b), 12);
  });

  it('puts two outlets on one event far above two events of a kind', () => {
    const terms = (text: string) => storyProfileOf(analysed(text)).terms;
    const same = cosine(terms(STORY_TEXTS.chileQuakeWire), terms(STORY_TEXTS.chileQuakeOtherOutlet));
    const other = cosine(terms(STORY_TEXTS.chileQuakeWire), terms(STORY_TEXTS.turkeyQuakeWire));
    expect(same).toBeGreaterThan(0.4);
    expect(other).toBeLessThan(0.2);
  });
});

describe('signature', () => {
  const seeds = readdirSync(SEED_ARTICLES)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const seedText = (name: string) => readFileSync(join(SEED_ARTICLES, name), 'utf8');
  const signature = (text: string) => signatureOf(analysed(text));

  it('resembles the same text fully', () => {
    for (const name of seeds) {
      expect(resemblance(signature(seedText(name)), signature(seedText(name)))).toBe(1);
    }
  });

  /** The text under another headline, after its date header. */
  const reheaded = (text: string) => {
    const header = /^ date \S+ /.exec(text)?.[0] ?? '';
    return `${header}Officials weigh their options\n\n${text.slice(header.length)}`;
  };

  it.each(seeds)('resembles a copy of %s under another headline ≥ 0.9', (name) => {
    const text = seedText(name);
    expect(resemblance(signature(text), signature(reheaded(text)))).toBeGreaterThanOrEqual(0.9);
  });

  it.each(seeds)('resembles a copy of %s with a closing line ≥ 0.9', (name) => {
    const text = seedText(name);
    const copy = `${text}\n\nReporting by Jane Doe in London; editing by John Roe.`;
    expect(resemblance(signature(text), signature(copy))).toBeGreaterThanOrEqual(0.9);
  });

  it('barely resembles another text, nor another outlet on the same event', () => {
    for (const name of seeds) {
      for (const other of seeds) {
        if (other === name) continue;
        expect(resemblance(signature(seedText(name)), signature(seedText(other)))).toBeLessThan(0.1);
      }
    }
    expect(
      resemblance(signature(STORY_TEXTS.chileQuakeWire), signature(STORY_TEXTS.chileQuakeOtherOutlet)),
    ).toBeLessThan(0.1);
  });

  it('is no resemblance between signatures of different lengths or none', () => {
    expect(resemblance(new Uint32Array(4), new Uint32Array(8))).toBe(0);
    expect(resemblance(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });
});
