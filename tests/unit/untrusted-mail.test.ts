// L5: what a visitor typed and an e-mail repeats is short, plain, and never a link, an address or a number.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_NAME_IN_MAIL, nameForMail } from '../../src/mail/untrusted.ts';

describe('names in e-mail', () => {
  test('real names pass as typed', () => {
    for (const name of ['Ana', "Jean-Luc O'Neill", 'Zoë Müller', 'María José', '李小龍', 'Dr. Sam Rivers', 'Sam & Alex']) expect(nameForMail(name)).toBe(name);
  });

  test('anything that could carry a message elsewhere is left out', () => {
    for (const text of [
      'Visit www.example.com',
      'go to https://x.example/now',
      'bad.example',
      'mail me@spam.example',
      'call 07700900123',
      'ftp://files',
      '<b>hi</b>',
      '   ',
      '\u0000\u0007',
    ]) {
      expect(nameForMail(text), text).toBeNull();
    }
  });

  test('whatever is typed, the answer is null or short plain text with no link, address or control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.webUrl(), fc.boolean(), (text, url, withUrl) => {
        const typed = withUrl ? `${text} ${url} ${text}` : text;
        const shown = nameForMail(typed);
        if (withUrl) expect(shown).toBeNull();
        if (shown === null) return;
        expect([...shown].length).toBeLessThanOrEqual(MAX_NAME_IN_MAIL);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for control characters
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f]|:\/\/|www\.|@/i);
      }),
      { numRuns: 500 },
    );
  });
});
