import { describe, expect, it } from 'vitest';
import { BUSINESS_EVENTS } from '../../../../../../functions/domain/topics/events/business-events';
import { CONFLICT_AND_LAW_EVENTS } from '../../../../../../functions/domain/topics/events/conflict-and-law-events';
import {
  compiledEventType,
  surfaceForms,
} from '../../../../../../functions/domain/topics/events/event-lexicon';
import type { EventTypeDefinition } from '../../../../../../functions/domain/topics/events/event-type';
import {
  BUILT_IN_EVENT_TYPES,
  EVENT_TYPES,
  builtInEventType,
  isBuiltInEventType,
} from '../../../../../../functions/domain/topics/events/event-types';
import { POLITICAL_EVENTS } from '../../../../../../functions/domain/topics/events/political-events';

const REQUIRED = [
  'meeting',
  'visit',
  'call',
  'election',
  'resignation',
  'dismissal',
  'appointment',
  'acquisition',
  'merger',
  'rate decision',
  'sanctions',
  'attack',
  'agreement',
  'charge',
  'verdict',
  'launch',
];

const definitions = Object.entries(EVENT_TYPES) as [string, EventTypeDefinition][];

describe('EVENT_TYPES', () => {
  it('has every required type', () => {
    expect(BUILT_IN_EVENT_TYPES).toEqual(expect.arrayContaining(REQUIRED));
  });

  it('defines each type in one file only', () => {
    const perFile = [POLITICAL_EVENTS, CONFLICT_AND_LAW_EVENTS, BUSINESS_EVENTS].map((events) =>
      Object.keys(events),
    );
    expect(perFile.flat()).toHaveLength(BUILT_IN_EVENT_TYPES.length);
  });

  it.each(definitions)('%s has verbs or nouns, and a description', (_, definition) => {
    expect(definition.verbs.length + definition.nouns.length).toBeGreaterThan(0);
    expect(definition.description).not.toBe('');
  });

  it.each(definitions)('%s lists each lemma once, lower case with single spaces', (_, definition) => {
    const lists = [
      definition.verbs,
      definition.nouns,
      definition.lightVerbs?.verbs ?? [],
      definition.lightVerbs?.objects ?? [],
      definition.lightNouns?.nouns ?? [],
      definition.lightNouns?.modifiers ?? [],
      definition.excludes.verbs ?? [],
      definition.excludes.nouns ?? [],
      definition.excludes.phrases ?? [],
    ];
    for (const list of lists) {
      expect(new Set(list).size).toBe(list.length);
      for (const entry of list) expect(entry).toBe(entry.trim().toLowerCase().replace(/\s+/g, ' '));
    }
  });

  it.each(BUILT_IN_EVENT_TYPES)('%s: no form is also one of its excludes', (id) => {
    const { lemmas, excludes } = compiledEventType(id);
    const excluded = new Set(excludes);
    expect(lemmas.flatMap(surfaceForms).filter((form) => excluded.has(form))).toEqual([]);
  });

  it('names the rate decision light verbs and nouns, which need "rates" to count', () => {
    const { lemmas } = compiledEventType('rate decision');
    const texts = lemmas.map((lemma) => lemma.text);
    expect(texts).toEqual(
      expect.arrayContaining(['cut rates', 'hold interest rates', 'rate cut', 'rate hike']),
    );
    expect(texts).not.toContain('cut');
  });
});

describe('isBuiltInEventType', () => {
  it.each(['meeting', 'rate decision', 'Rate-Decision', ' rate_decision ', 'SANCTIONS'])(
    '%s is built in',
    (type) => {
      expect(isBuiltInEventType(type)).toBe(true);
    },
  );

  it.each(['coronation', 'toString', 'constructor', ''])('%s is not', (type) => {
    expect(isBuiltInEventType(type)).toBe(false);
  });

  it('gives the normalised id', () => {
    expect(builtInEventType('Rate-Decision')).toBe('rate decision');
  });
});
