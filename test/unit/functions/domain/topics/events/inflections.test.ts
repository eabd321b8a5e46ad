import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inflections,
  isIrregularVerb,
  nounPlurals,
  verbForms,
} from '../../../../../../functions/domain/topics/events/inflections';

describe('inflections: verbs', () => {
  it.each<[string, string[]]>([
    // Regular, with the spelling rules.
    ['sign', ['sign', 'signs', 'signed', 'signing']],
    ['oust', ['oust', 'ousts', 'ousted', 'ousting']],
    ['fire', ['fire', 'fires', 'fired', 'firing']],
    ['agree', ['agree', 'agrees', 'agreed', 'agreeing']],
    ['step', ['step', 'steps', 'stepped', 'stepping']],
    ['tap', ['tap', 'taps', 'tapped', 'tapping']],
    ['visit', ['visit', 'visits', 'visited', 'visiting']],
    ['confer', ['confer', 'confers', 'conferred', 'conferring']],
    ['acquit', ['acquit', 'acquits', 'acquitted', 'acquitting']],
    ['try', ['try', 'tries', 'tried', 'trying']],
    ['play', ['play', 'plays', 'played', 'playing']],
    ['veto', ['veto', 'vetoes', 'vetoed', 'vetoing']],
    ['tie', ['tie', 'ties', 'tied', 'tying']],
    ['panic', ['panic', 'panics', 'panicked', 'panicking']],
    ['cancel', ['cancel', 'cancels', 'canceled', 'cancelled', 'canceling', 'cancelling']],
    ['unveil', ['unveil', 'unveils', 'unveiled', 'unveiling']],
    ['relay', ['relay', 'relays', 'relayed', 'relaying']],
    // Irregular.
    ['hold', ['hold', 'holds', 'held', 'holding']],
    ['meet', ['meet', 'meets', 'met', 'meeting']],
    ['sit', ['sit', 'sits', 'sat', 'sitting']],
    ['shake', ['shake', 'shakes', 'shook', 'shaken', 'shaking']],
    ['strike', ['strike', 'strikes', 'struck', 'stricken', 'striking']],
    ['quit', ['quit', 'quits', 'quitted', 'quitting']],
    ['take', ['take', 'takes', 'took', 'taken', 'taking']],
    ['buy', ['buy', 'buys', 'bought', 'buying']],
    ['sell', ['sell', 'sells', 'sold', 'selling']],
    ['win', ['win', 'wins', 'won', 'winning']],
    ['lose', ['lose', 'loses', 'lost', 'losing']],
    ['run', ['run', 'runs', 'ran', 'running']],
    ['cut', ['cut', 'cuts', 'cutting']],
    ['have', ['have', 'has', 'had', 'having']],
    ['be', ['be', 'is', 'am', 'are', 'was', 'were', 'been', 'being']],
    // Irregular by prefix.
    ['withhold', ['withhold', 'withholds', 'withheld', 'withholding']],
    ['undercut', ['undercut', 'undercuts', 'undercutting']],
    ['overthrow', ['overthrow', 'overthrows', 'overthrew', 'overthrown', 'overthrowing']],
    // Hyphenated: the last part inflects.
    ['re-elect', ['re-elect', 're-elects', 're-elected', 're-electing']],
  ])('%s', (lemma, forms) => {
    expect(inflections(lemma, 'verb')).toEqual(forms);
  });

  it('inflects the first word of a verb phrase', () => {
    expect(inflections('hold talks', 'verb')).toEqual([
      'hold talks',
      'holds talks',
      'held talks',
      'holding talks',
    ]);
    expect(inflections('sit down', 'verb')).toContain('sat down');
    expect(inflections('shake hands', 'verb')).toEqual(
      expect.arrayContaining(['shook hands', 'shaken hands', 'shaking hands']),
    );
    expect(inflections('step down', 'verb')).toContain('stepped down');
    expect(inflections('leave rates unchanged', 'verb')).toContain('left rates unchanged');
  });

  it('gives the forms by slot, for a caller that needs the tense', () => {
    expect(verbForms('take over')).toEqual({
      base: 'take over',
      third: ['takes over'],
      past: ['took over'],
      participle: ['taken over'],
      ing: ['taking over'],
    });
  });

  it('normalises case and spacing', () => {
    expect(inflections('  Hold   Talks ', 'verb')[0]).toBe('hold talks');
  });

  it('knows irregular verbs, directly, by prefix and in a hyphenated word', () => {
    expect(isIrregularVerb('fly')).toBe(true);
    expect(isIrregularVerb('uphold')).toBe(true);
    expect(isIrregularVerb('co-sell')).toBe(true);
    expect(isIrregularVerb('sign')).toBe(false);
    expect(isIrregularVerb('relay')).toBe(false);
  });

  it('always starts with the lemma and gives distinct, non-empty forms', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), (word) => {
        const forms = inflections(word, 'verb');
        expect(forms[0]).toBe(word);
        expect(new Set(forms).size).toBe(forms.length);
        expect(forms.length).toBeGreaterThanOrEqual(3);
      }),
    );
  });
});

describe('inflections: nouns', () => {
  it.each<[string, string[]]>([
    ['meeting', ['meeting', 'meetings']],
    ['summit', ['summit', 'summits']],
    ['talks', ['talks']],
    ['summitry', ['summitry']],
    ['match', ['match', 'matches']],
    ['party', ['party', 'parties']],
    ['embargo', ['embargo', 'embargoes']],
    ['video', ['video', 'videos']],
    ['crisis', ['crisis', 'crises']],
    ['memorandum', ['memorandum', 'memoranda', 'memorandums']],
    ['sit-down', ['sit-down', 'sit-downs']],
    ['tête-à-tête', ['tête-à-tête', 'tête-à-têtes']],
    ['phone call', ['phone call', 'phone calls']],
  ])('%s', (lemma, forms) => {
    expect(inflections(lemma, 'noun')).toEqual(forms);
  });

  it('pluralises the last word of a noun phrase', () => {
    expect(nounPlurals('interest rate cut')).toEqual(['interest rate cuts']);
  });
});
