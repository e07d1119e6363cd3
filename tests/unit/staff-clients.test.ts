// Finding a client's call-back requests by phone number: one normal form for the ways a number is written.
import { describe, expect, test } from 'vitest';
import { normalisePhone } from '../../src/db/repositories/contact.ts';

describe('normalisePhone', () => {
  test('digits only, a leading + kept', () => {
    expect(normalisePhone('+1 (212) 555-0100')).toBe('+12125550100');
    expect(normalisePhone('  +33 1 23 45 67 89 ')).toBe('+33123456789');
    expect(normalisePhone('no digits')).toBe('');
  });

  test('UK: 0, +44, 0044 and +44 (0) are the same number', () => {
    const forms = ['07700 900 982', '07700900982', '+44 7700 900 982', '+447700900982', '0044 7700 900982', '+44 (0)7700 900982', '(07700) 900-982'];
    for (const f of forms) expect(normalisePhone(f), f).toBe('+447700900982');
  });

  test('different numbers stay different', () => {
    expect(normalisePhone('07700 900 982')).not.toBe(normalisePhone('07700 900 983'));
    expect(normalisePhone('+33 7700 900 982')).not.toBe(normalisePhone('07700 900 982'));
  });
});
