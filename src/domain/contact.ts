// The contact page's two forms: a message, and a request to be called back. Schemas only; pure.
import { z } from 'zod';

/** Recorded with each request: what the person agreed to, and which wording they saw. */
export const CONTACT_CONSENT_VERSION = 'contact-2026-11';
export const contactConsentText = (practiceName: string) =>
  `I agree that ${practiceName} keeps what I send here so that they can reply to me. It is only used for that, and I can ask for it to be deleted.`;

export const CALLBACK_TIMES = ['weekday-morning', 'weekday-afternoon', 'weekday-evening', 'saturday'] as const;
export type CallbackTime = (typeof CALLBACK_TIMES)[number];
export const CALLBACK_TIME_LABELS: Record<CallbackTime, string> = {
  'weekday-morning': 'Weekday mornings (9am to 12 noon)',
  'weekday-afternoon': 'Weekday afternoons (12 noon to 5pm)',
  'weekday-evening': 'Weekday evenings (5pm to 8pm)',
  saturday: 'Saturday mornings',
};

/** How long a contact message or call-back request is kept (the privacy notice says so; a retention job enforces it). */
export const CONTACT_RETENTION_DAYS = 180;

export const MESSAGE_MAX = 5000;
export const NOTE_MAX = 1000;

const text = (max: number, empty: string, tooLong: string) =>
  z
    .string({ error: empty })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, { error: empty }).max(max, { error: tooLong }));

const optionalText = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const name = text(100, 'Enter your name, or the name you would like us to use', 'Your name must be 100 characters or fewer');
const email = z.email({ error: 'Enter an e-mail address in the right format, like name@example.com' }).max(254, { error: 'That e-mail address is too long' });
const phone = z
  .string()
  .regex(/^\+?[\d\s().-]{7,20}$/, { error: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982' })
  .refine((v) => v.replace(/\D/g, '').length >= 7, { error: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982' });
const consent = z.literal('yes', { error: 'Tick the box to say we may keep what you send, so that we can reply' });

export const ContactMessageForm = z
  .object({
    name,
    email: optionalText(email),
    phone: optionalText(phone),
    message: text(MESSAGE_MAX, 'Enter your message', `Your message must be ${MESSAGE_MAX} characters or fewer`),
    consent,
  })
  .refine((v) => Boolean(v.email || v.phone), {
    path: ['email'],
    message: 'Enter an e-mail address or a phone number, so that we can reply',
    // Also when other fields have errors, so that every problem is reported at once.
    when: (payload) => {
      const v = payload.value as { email?: unknown; phone?: unknown };
      const given = (x: unknown) => typeof x === 'string' && x.trim() !== '';
      return !given(v.email) && !given(v.phone);
    },
  });
export type ContactMessage = z.output<typeof ContactMessageForm>;

export const CallbackRequestForm = z.object({
  name,
  phone: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: 'Enter the phone number we should call' }).min(1, { error: 'Enter the phone number we should call' }).pipe(phone),
  ),
  times: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(CALLBACK_TIMES, { error: 'Choose times from the list' })).min(1, { error: 'Choose at least one time when we may call you' }),
  ),
  voicemail: z.enum(['yes', 'no'], { error: 'Tell us whether we may leave a voicemail' }),
  note: optionalText(z.string().max(NOTE_MAX, { error: `Your note must be ${NOTE_MAX} characters or fewer` })),
  consent,
});
export type CallbackRequest = z.output<typeof CallbackRequestForm>;

/**
 * A phone number as compared when finding one person's messages: digits only, a leading + kept, and UK
 * numbers in one form (07700 900 982, +44 7700 900 982, 0044 7700 900982 and +44 (0)7700 900982 are all
 * +447700900982). '' when there are no digits.
 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits === '') return '';
  let n: string;
  if (raw.trim().startsWith('+')) n = `+${digits}`;
  else if (digits.startsWith('00')) n = `+${digits.slice(2)}`;
  else if (digits.startsWith('0')) n = `+44${digits.slice(1)}`;
  else n = digits;
  // "+44 (0)7700…": the trunk 0 written after the country code.
  return n.startsWith('+440') ? `+44${n.slice(4)}` : n;
}
