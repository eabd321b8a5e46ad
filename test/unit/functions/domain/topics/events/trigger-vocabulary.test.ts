import { describe, expect, it } from 'vitest';
import {
  UnknownEventTypeError,
  triggerVocabulary,
} from '../../../../../../functions/domain/topics/events/trigger-vocabulary';

describe('triggerVocabulary: a built-in type', () => {
  const meeting = triggerVocabulary({ type: 'meeting' });

  it('has the forms of every lemma, single- and multi-word', () => {
    expect(meeting.builtIn).toBe(true);
    expect(meeting.forms).toEqual(
      expect.arrayContaining([
        'meet',
        'meets',
        'met',
        'meeting',
        'meetings',
        'summit',
        'summits',
        'talks',
        'held talks',
        'holding talks',
        'sat down',
        'shook hands',
        'shaken hands',
        'face-to-face',
        'tête-à-tête',
        'tete-a-tete',
        'handshakes',
      ]),
    );
  });

  it('excludes remote talks and look-alikes, inflected', () => {
    expect(meeting.excludes).toEqual(
      expect.arrayContaining([
        'phone call',
        'phone calls',
        'video call',
        'phone talks',
        'spoke by phone',
        'telephone conversation',
        'video conference',
        'met the deadline',
        'meets expectations',
        'summit of everest',
      ]),
    );
    expect(meeting.forms).not.toContain('phone call');
    expect(meeting.forms).not.toContain('call');
  });

  it('lists forms in lower case, each once, longest first', () => {
    expect(new Set(meeting.forms).size).toBe(meeting.forms.length);
    for (const form of meeting.forms) expect(form).toBe(form.toLowerCase());
    const lengths = meeting.forms.map((form) => form.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('gives lemma and part of speech of a form', () => {
    expect(meeting.lemmaOf('held talks')).toBe('hold talks');
    expect(meeting.lemmaOf('Met')).toBe('meet');
    expect(meeting.lemmaOf('summits')).toBe('summit');
    expect(meeting.lemmaOf('phone call')).toBeUndefined();
    expect(meeting.isVerb('met')).toBe(true);
    expect(meeting.isNoun('met')).toBe(false);
    expect(meeting.isNoun('summits')).toBe(true);
    expect(meeting.isVerb('sat down')).toBe(true);
    expect(meeting.isNoun('sit-down')).toBe(true);
    // The noun, and the -ing of "meet".
    expect(meeting.isNoun('meeting') && meeting.isVerb('meeting')).toBe(true);
  });

  it('finds the type however it is written', () => {
    const rates = triggerVocabulary({ type: 'Rate-Decision' });
    expect(rates.type).toBe('rate decision');
    expect(rates.forms).toEqual(expect.arrayContaining(['cut rates', 'raised interest rates', 'rate hikes']));
    expect(rates.forms).not.toContain('cut');
  });

  it('keeps "strike" the attack apart from "strike a deal" the agreement', () => {
    expect(triggerVocabulary({ type: 'attack' }).excludes).toContain('struck a deal');
    expect(triggerVocabulary({ type: 'agreement' }).forms).toContain('struck a deal');
    expect(triggerVocabulary({ type: 'launch' }).excludes).toContain('launched an offensive');
  });

  it('keeps the call type for what a meeting excludes', () => {
    const call = triggerVocabulary({ type: 'call' });
    expect(call.forms).toEqual(expect.arrayContaining(['call', 'phoned', 'phone call', 'spoke by phone']));
  });
});

describe('triggerVocabulary: custom triggers and excludes', () => {
  it('extends a built-in type, inflecting what the vocabulary knows', () => {
    const vocabulary = triggerVocabulary({ type: 'meeting', triggers: ['visited', 'Parley'] });
    expect(vocabulary.forms).toEqual(
      expect.arrayContaining(['visit', 'visits', 'visited', 'visiting', 'met']),
    );
    expect(vocabulary.lemmaOf('visits')).toBe('visit');
    expect(vocabulary.isVerb('visits')).toBe(true);
    // Unknown: kept as written, lemma itself, no part of speech claimed.
    expect(vocabulary.forms).toContain('parley');
    expect(vocabulary.lemmaOf('parley')).toBe('parley');
    expect(vocabulary.isVerb('parley') || vocabulary.isNoun('parley')).toBe(false);
  });

  it('inflects an irregular verb, or a phrase headed by a known verb', () => {
    const vocabulary = triggerVocabulary({ type: 'visit', triggers: ['fly in', 'hold a press conference'] });
    expect(vocabulary.forms).toEqual(
      expect.arrayContaining(['flew in', 'flown in', 'held a press conference']),
    );
  });

  it('lets a topic take back a built-in exclude as a trigger', () => {
    const vocabulary = triggerVocabulary({ type: 'meeting', triggers: ['phone call'] });
    expect(vocabulary.forms).toEqual(expect.arrayContaining(['phone call', 'phone calls']));
    expect(vocabulary.excludes).not.toContain('phone call');
    expect(vocabulary.excludes).toContain('video call');
  });

  it('drops excluded forms, with their inflections', () => {
    const vocabulary = triggerVocabulary({ type: 'meeting', excludes: ['host', 'summit of the americas'] });
    for (const form of ['host', 'hosts', 'hosted', 'hosting']) {
      expect(vocabulary.forms).not.toContain(form);
      expect(vocabulary.excludes).toContain(form);
    }
    expect(vocabulary.excludes).toContain('summit of the americas');
    expect(vocabulary.forms).toContain('summit');
  });

  it('takes an unknown type with triggers', () => {
    const vocabulary = triggerVocabulary({ type: 'coronation', triggers: ['crowned', 'coronation'] });
    expect(vocabulary.builtIn).toBe(false);
    expect(vocabulary.type).toBe('coronation');
    expect([...vocabulary.forms].sort()).toEqual(['coronation', 'crowned']);
    expect(vocabulary.excludes).toEqual([]);
  });

  it('refuses an unknown type without triggers, naming the built-in types', () => {
    const attempt = () => triggerVocabulary({ type: 'coronation', triggers: [' '] });
    expect(attempt).toThrow(UnknownEventTypeError);
    expect(attempt).toThrow(/"coronation".*meeting, visit, call.*rate decision/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ name: 'UnknownEventTypeError', type: 'coronation' });
    }
  });
});
