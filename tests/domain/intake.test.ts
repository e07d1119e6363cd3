// The intake's schema and its safety rule (src/domain/intake.ts): random input never throws and never gets
// past the schema out of shape; a worry (the safety question, or words suggesting risk) never leads to the
// partner's link; answers kept under a worry always keep the worry.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CSI_ITEMS } from '../../src/domain/companion.ts';
import {
  answersUnderWorry,
  INTAKE_SAFETY_ANSWERS,
  INTAKE_SHORT_MAX,
  INTAKE_TEXT_MAX,
  intakeFieldOrder,
  intakeSafety,
  intakeSchema,
  mayOfferPartnerLink,
  SUPPORT_KINDS,
} from '../../src/domain/intake.ts';

const FIELDS = intakeFieldOrder(true);
const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', 'yes', 'no', 'unsure', '0', '3', '6', '9', '01632 960 001', 'gp', 'none'),
  fc.string({ minLength: 2100, maxLength: 2200 }),
);
const anyForm = fc.dictionary(fc.constantFrom(...FIELDS), anyValue);
const valid = fc.record({
  reason: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim() !== ''),
  hopes: fc.string({ maxLength: 50 }),
  safety: fc.constantFrom(...INTAKE_SAFETY_ANSWERS),
  support: fc.subarray(SUPPORT_KINDS.filter((k) => k !== 'none')),
  supportDetails: fc.string({ maxLength: 50 }),
  gpName: fc.string({ maxLength: 50 }),
  gpPhone: fc.constantFrom('', '01632 960 001', '+44 1632 960 001'),
  gpConsent: fc.constantFrom('yes', 'no'),
  contactName: fc.constant('Sam'),
  contactPhone: fc.constant('07700 900 982'),
  csi1: fc.integer({ min: 0, max: 6 }).map(String),
  csi2: fc.integer({ min: 0, max: 5 }).map(String),
  csi3: fc.integer({ min: 0, max: 5 }).map(String),
  csi4: fc.integer({ min: 0, max: 5 }).map(String),
});

describe('the intake schema', () => {
  test('property: any form parses or fails with field errors, never throws; what passes is in shape', () => {
    fc.assert(
      fc.property(anyForm, fc.boolean(), (form, couple) => {
        const input = { ...form, support: form.support === undefined ? [] : [form.support] };
        const r = intakeSchema(couple).safeParse(input);
        if (!r.success) return r.error.issues.every((i) => i.path.length > 0);
        const a = r.data;
        return (
          a.reason.trim() !== '' &&
          a.reason.length <= INTAKE_TEXT_MAX &&
          a.gpName.length <= INTAKE_SHORT_MAX &&
          (a.contactName === '') === (a.contactPhone === '') &&
          (couple ? a.csi !== null && a.csi.every((v, i) => v >= 0 && v < CSI_ITEMS[i]!.options.length) : a.csi === null)
        );
      }),
      { numRuns: 500 },
    );
  });

  test('property: valid answers pass, for a couple with the four CSI items', () => {
    fc.assert(
      fc.property(valid, (form) => {
        const r = intakeSchema(true).safeParse(form);
        return r.success && r.data.csi!.join() === [form.csi1, form.csi2, form.csi3, form.csi4].join();
      }),
    );
  });

  test('an emergency contact needs both a name and a number, each missing one named on its field', () => {
    const r = intakeSchema(false).safeParse({ reason: 'x', safety: 'no', gpConsent: 'no', support: [], contactName: 'Sam', contactPhone: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toEqual(['contactPhone']);
  });
});

describe('the safety rule', () => {
  test('property: a worrying answer, or words that suggest risk, never lead to the partner’s link', () => {
    fc.assert(
      fc.property(valid, fc.constantFrom('yes', 'unsure') as fc.Arbitrary<'yes' | 'unsure'>, (form, safety) => {
        const a = intakeSchema(true).parse({ ...form, safety });
        return !mayOfferPartnerLink(true, a) && intakeSafety(a).helpFirst && !intakeSafety(a).jointSessionSuggestions;
      }),
    );
    const words = intakeSchema(true).parse({ ...fc.sample(valid, 1)[0]!, safety: 'no', hopes: 'He hits me when he drinks' });
    expect(mayOfferPartnerLink(true, words)).toBe(false);
  });

  test('property: without a worry, only a couple’s session offers the partner’s link', () => {
    fc.assert(
      fc.property(valid, fc.boolean(), (form, couple) => {
        const a = intakeSchema(true).parse({ ...form, safety: 'no', reason: 'We argue', hopes: '', supportDetails: '' });
        return mayOfferPartnerLink(couple, a) === couple;
      }),
    );
  });

  test('property: answers kept under a worry keep the worry, stay in shape, and never throw', () => {
    fc.assert(
      fc.property(anyForm, fc.constantFrom('yes', 'unsure'), fc.boolean(), (form, safety, couple) => {
        const a = answersUnderWorry({ ...form, safety }, couple);
        return (
          a.safety === safety &&
          intakeSafety(a).helpFirst &&
          a.reason.length <= INTAKE_TEXT_MAX &&
          a.gpName.length <= INTAKE_SHORT_MAX &&
          a.support.every((k) => SUPPORT_KINDS.includes(k)) &&
          (a.csi === null || a.csi.every((v, i) => v >= 0 && v < CSI_ITEMS[i]!.options.length))
        );
      }),
      { numRuns: 500 },
    );
  });
});
