// The intake before a first session: what a client tells their therapist before they meet. One schema for
// the form (read by src/web/read-form.ts), the CSI-4 for each partner of a couple on their own, and what the
// one safety policy (safety.ts) makes of the answers. Pure: nothing here stores, sends or logs anything.
import { z } from 'zod';
import { CSI_ITEMS, type CsiAnswers } from './companion.ts';
import { decideSafety, type SafetyDecision } from './safety.ts';

/** Whose answers: the person who booked, or (a couple's session) their partner through their own link. */
export const INTAKE_ROLES = ['client', 'partner'] as const;
export type IntakeRole = (typeof INTAKE_ROLES)[number];

export const INTAKE_TEXT_MAX = 2000;
export const INTAKE_SHORT_MAX = 120;

/** Other support a client may have now; "none" stands alone. */
export const SUPPORT_KINDS = ['gp', 'counsellor', 'mental-health-team', 'medication', 'group', 'other', 'none'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_LABELS: Record<SupportKind, string> = {
  gp: 'My GP',
  counsellor: 'Another counsellor or therapist',
  'mental-health-team': 'A mental health team',
  medication: 'Medication for my mood or mental health',
  group: 'A support group',
  other: 'Something else',
  none: 'None at the moment',
};

/** The intake's safety question: yes, no or "I am not sure" (a "not sure" counts as a worry). */
export const INTAKE_SAFETY_ANSWERS = ['no', 'yes', 'unsure'] as const;
export type IntakeSafetyAnswer = (typeof INTAKE_SAFETY_ANSWERS)[number];

export interface IntakeAnswers {
  reason: string;
  hopes: string;
  support: SupportKind[];
  supportDetails: string;
  gpName: string;
  gpPhone: string;
  contactName: string;
  contactPhone: string;
  gpConsent: 'yes' | 'no';
  safety: IntakeSafetyAnswer;
  /** The CSI-4 (couples only): each item's answer as an index into its scale. */
  csi: CsiAnswers | null;
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const blank = (v: unknown) => (typeof v === 'string' ? v.trim() : (v ?? ''));

const optionalText = (max: number, tooLong: string) => z.preprocess(blank, z.string().max(max, { error: tooLong }));

const PHONE_ERROR = 'Enter a phone number, like 01632 960 001 or +44 1632 960 001';
const optionalPhone = z.preprocess(
  blank,
  z
    .string()
    .max(30, { error: PHONE_ERROR })
    .refine((v) => v === '' || (/^\+?[\d\s().-]{7,30}$/.test(v) && v.replace(/\D/g, '').length >= 7), { error: PHONE_ERROR }),
);

const csiItem = (i: number) => {
  const item = CSI_ITEMS[i]!;
  const message = `Choose the answer closest to how you feel: “${item.text}”`;
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\d$/.test(v) ? Number(v) : v),
    z
      .int({ error: message })
      .min(0, { error: message })
      .max(item.options.length - 1, { error: message }),
  );
};

const base = {
  reason: z.preprocess(
    trimmed,
    z
      .string({ error: 'Tell us a little about what brings you, in a few words if you like' })
      .min(1, { error: 'Tell us a little about what brings you, in a few words if you like' })
      .max(INTAKE_TEXT_MAX, { error: `Keep this under ${INTAKE_TEXT_MAX.toLocaleString('en-GB')} characters` }),
  ),
  hopes: optionalText(INTAKE_TEXT_MAX, `Keep this under ${INTAKE_TEXT_MAX.toLocaleString('en-GB')} characters`),
  support: z
    .array(z.enum(SUPPORT_KINDS, { error: 'Choose from the list' }), { error: 'Choose from the list' })
    .max(SUPPORT_KINDS.length, { error: 'Choose from the list' })
    .refine((v) => !(v.includes('none') && v.length > 1), { error: 'Choose “None at the moment” on its own, or the kinds of support you have' })
    .transform((v) => [...new Set(v)]),
  supportDetails: optionalText(INTAKE_TEXT_MAX, `Keep this under ${INTAKE_TEXT_MAX.toLocaleString('en-GB')} characters`),
  gpName: optionalText(INTAKE_SHORT_MAX, `Keep the practice’s name under ${INTAKE_SHORT_MAX} characters`),
  gpPhone: optionalPhone,
  contactName: optionalText(INTAKE_SHORT_MAX, `Keep the name under ${INTAKE_SHORT_MAX} characters`),
  contactPhone: optionalPhone,
  gpConsent: z.enum(['yes', 'no'], { error: 'Say whether we may contact your GP in an emergency' }),
  safety: z.enum(INTAKE_SAFETY_ANSWERS, { error: 'Choose an answer: yes, no or I am not sure' }),
};

const both = (v: { contactName: string; contactPhone: string }) => (v.contactName === '') === (v.contactPhone === '');
const rawEmpty = (v: unknown, name: string) => {
  const x = (v as Record<string, unknown> | undefined)?.[name];
  return typeof x !== 'string' || x.trim() === '';
};
/** Both the emergency contact's name and number given, or neither (on the raw values, before other checks). */
const rawBoth = (v: unknown) => rawEmpty(v, 'contactName') === rawEmpty(v, 'contactPhone');

/** The form's schema; `couple` adds the four CSI items. Field names match the form's. */
export function intakeSchema(couple: boolean) {
  const shape = couple ? { ...base, csi1: csiItem(0), csi2: csiItem(1), csi3: csiItem(2), csi4: csiItem(3) } : base;
  return z
    .object(shape)
    .refine((v) => both(v) || v.contactName !== '', {
      path: ['contactName'],
      message: 'Enter the name of the person we may call',
      // Also when other fields have errors, so that every problem is reported at once.
      when: (p) => !rawBoth(p.value) && rawEmpty(p.value, 'contactName'),
    })
    .refine((v) => both(v) || v.contactPhone !== '', {
      path: ['contactPhone'],
      message: 'Enter a phone number for the person you named',
      when: (p) => !rawBoth(p.value) && rawEmpty(p.value, 'contactPhone'),
    })
    .transform((v): IntakeAnswers => {
      const c = v as typeof v & Partial<Record<'csi1' | 'csi2' | 'csi3' | 'csi4', number>>;
      return {
        reason: v.reason,
        hopes: v.hopes,
        support: v.support,
        supportDetails: v.supportDetails,
        gpName: v.gpName,
        gpPhone: v.gpPhone,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        gpConsent: v.gpConsent,
        safety: v.safety,
        csi: couple ? [c.csi1!, c.csi2!, c.csi3!, c.csi4!] : null,
      };
    });
}

/** The form's field names in page order (for the error summary). */
export const intakeFieldOrder = (couple: boolean) => [
  'reason',
  'hopes',
  'safety',
  ...(couple ? ['csi1', 'csi2', 'csi3', 'csi4'] : []),
  'support',
  'supportDetails',
  'gpName',
  'gpPhone',
  'gpConsent',
  'contactName',
  'contactPhone',
];

/** What the safety policy makes of a set of answers: the safety question and every free-text answer. */
export function intakeSafety(a: Pick<IntakeAnswers, 'safety' | 'reason' | 'hopes' | 'supportDetails'>): SafetyDecision {
  return decideSafety({ answer: a.safety, texts: [a.reason, a.hopes, a.supportDetails] });
}

/** Whether the partner's own link may be offered after these answers: a couple's session, and no worry. */
export function mayOfferPartnerLink(couple: boolean, answers: Parameters<typeof intakeSafety>[0]): boolean {
  return couple && intakeSafety(answers).jointSessionSuggestions;
}

/**
 * Answers kept under a safety worry, whatever else the form says (the policy: a worry gets help, never a list
 * of what was left out): each field that reads well is kept, the rest left empty. The safety answer is kept,
 * so the therapist knows before the first session.
 */
export function answersUnderWorry(values: Record<string, string | string[]>, couple: boolean): IntakeAnswers {
  const one = (name: string): string => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const r = schema.safeParse(value);
    return r.success ? r.data : fallback;
  };
  const text = (name: 'hopes' | 'supportDetails' | 'gpName' | 'contactName', max: number) => one(name).trim().slice(0, max);
  const csi = couple ? [0, 1, 2, 3].map((i) => pick(csiItem(i), one(`csi${i + 1}`), -1)) : null;
  const support = values.support === undefined ? [] : Array.isArray(values.support) ? values.support : [values.support];
  return {
    reason: one('reason').trim().slice(0, INTAKE_TEXT_MAX),
    hopes: text('hopes', INTAKE_TEXT_MAX),
    support: pick(base.support, support, []),
    supportDetails: text('supportDetails', INTAKE_TEXT_MAX),
    gpName: text('gpName', INTAKE_SHORT_MAX),
    gpPhone: pick(optionalPhone, one('gpPhone'), ''),
    contactName: text('contactName', INTAKE_SHORT_MAX),
    contactPhone: pick(optionalPhone, one('contactPhone'), ''),
    gpConsent: one('gpConsent') === 'yes' ? 'yes' : 'no',
    safety: pick(base.safety, one('safety'), 'unsure'),
    csi: csi && csi.every((n) => n >= 0) ? (csi as CsiAnswers) : null,
  };
}
