import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { riskSignals, suggestsRisk } from '../../src/domain/risk.ts';

describe('riskSignals', () => {
  test.each([
    ['I have been thinking about suicide lately', 'self-harm'],
    ['Some days I feel suicidal.', 'self-harm'],
    ['I want to kill myself', 'self-harm'],
    ['I KILL MYSELF inside every day', 'self-harm'],
    ['I keep wanting to hurt myself when we argue', 'self-harm'],
    ['I used to self-harm and it is coming back', 'self-harm'],
    ['sometimes I think about ending my life', 'self-harm'],
    ['I just want to end it all', 'self-harm'],
    ['I want to die', 'self-harm'],
    ['everyone would be better off dead… me especially', 'self-harm'],
    ['He hits me when he drinks', 'harm-from-others'],
    ['she often hits me', 'harm-from-others'],
    ['My husband pushed me and threatened me', 'harm-from-others'],
    ['I am afraid of him', 'harm-from-others'],
    ['I’m scared of my partner', 'harm-from-others'],
    ['he said he is going to kill me', 'harm-from-others'],
    ['I think this is domestic abuse', 'harm-from-others'],
    ["I don't feel safe at home", 'harm-from-others'],
    ['I do not feel safe', 'harm-from-others'],
  ])('%s → %s', (text, kind) => {
    expect(riskSignals(text)).toContain(kind);
    expect(suggestsRisk(text)).toBe(true);
  });

  test('both kinds at once, each once, in a stable order', () => {
    expect(riskSignals('He hits me and I have thought about suicide. He hits me again.')).toEqual(['self-harm', 'harm-from-others']);
  });

  test.each([
    'We argue about money and I would like to talk to someone.',
    'It suddenly hit me that we have not been out together in a year.',
    'We watched a superhero film and it was a lot of fun.',
    'I am afraid of heights, and of spiders.',
    'Could you call me back on Tuesday morning, please?',
    'My sister and I have drifted apart since the wedding.',
    'We killed time at the station, then missed the train.',
    'I would kill for a holiday!',
    '',
  ])('ordinary message: %s', (text) => {
    expect(suggestsRisk(text)).toBe(false);
  });

  test('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        expect(Array.isArray(riskSignals(text))).toBe(true);
      }),
    );
  });
});
