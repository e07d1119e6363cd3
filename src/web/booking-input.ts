// What a client sends to book or to join the waiting list, one schema per field, shared by the JSON API
// (NewBookingSchema, WaitlistSchema) and the HTML forms (BookingFormSchema, WaitlistFormSchema, read with
// readForm): the form is parsed with the same field rules, never rebuilt as a JSON body.
import { z } from '@hono/zod-openapi';
import { isValidTimeZone, parseIsoDate } from '../domain/time.ts';
import { FORMATS } from '../domain/types.ts';

export const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => isValidTimeZone(tz), 'must be an IANA time zone such as Europe/London');
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date');
export const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2027-03-29T10:00:00+01:00' });
export const Id = z.string().min(1).max(64);

/** The booking pages' address: the viewer's zone and the week shown, each left out when not valid. */
export const PageZone = TimeZone.optional();
export const PageDate = z
  .string()
  .refine((d) => parseIsoDate(d) !== null)
  .optional();

export const ClientName = z.string().trim().min(1, 'Enter your name').max(200);
export const ClientEmail = z.email('Enter an e-mail address like name@example.com').max(254);
export const ClientPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d][\d\s()-]{5,}$/, 'Enter a phone number, like 07700 900 982');
export const BookingNotes = z.string().max(5000, 'Keep notes under 5,000 characters');
export const IdempotencyKey = z.string().min(8).max(128);
export const MeetingFormat = z.enum(FORMATS);

export const NewBookingSchema = z
  .strictObject({
    therapistId: Id.openapi({ description: 'A therapist id, or "any" for the initial consultation with whoever is free' }),
    serviceId: Id,
    start: Instant,
    format: MeetingFormat.optional(),
    client: z.strictObject({ name: ClientName, email: ClientEmail, phone: ClientPhone.optional() }),
    notes: BookingNotes.optional(),
    consent: z.literal(true, 'Consent is needed to book'),
    timeZone: TimeZone.optional().openapi({ description: 'The client’s zone for e-mails; defaults to the practice’s' }),
    idempotencyKey: IdempotencyKey.optional(),
  })
  .openapi('NewBooking');

export const WaitlistSchema = z
  .strictObject({
    serviceId: Id,
    therapistId: Id.optional().openapi({ description: 'A therapist who offers the service; left out (or "any"): whoever has a time first' }),
    name: ClientName,
    email: ClientEmail,
    timeZone: TimeZone,
    fromDate: IsoDate,
    toDate: IsoDate,
  })
  .refine((w) => w.fromDate <= w.toDate, { path: ['toDate'], message: 'must not be before fromDate' })
  .openapi('WaitlistRequest');

// ---------------------------------------------------------------------------- the HTML forms

const text = (v: unknown) => (typeof v === 'string' ? v : '');
/** An empty (or blank) field is one left out. */
const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The booking steps a form carries in hidden fields (service, therapist, zone, start): never a field error.
 * What is missing or wrong is simply absent, and the page goes back to the step that asks for it.
 */
const StepFields = {
  service: z.string().max(64).optional().catch(undefined),
  therapist: z.string().max(64).optional().catch(undefined),
  tz: TimeZone.optional().catch(undefined),
  date: z.string().optional().catch(undefined),
};

/** The details step of /book. */
export const BookingFormSchema = z.object({
  ...StepFields,
  start: Instant.optional().catch(undefined),
  name: z.preprocess(text, z.string().trim().min(1, 'Enter your name').max(200, 'Enter your name')),
  email: z.preprocess((v) => text(v).trim(), ClientEmail),
  phone: z.preprocess(blankIsAbsent, ClientPhone.optional()),
  format: z.preprocess(blankIsAbsent, MeetingFormat.optional()),
  notes: z.preprocess(blankIsAbsent, BookingNotes.optional()),
  consent: z.literal('yes', 'Tick the box to agree, so we can book your appointment'),
  // A key that is not valid (altered, cut short) is no field error the person could fix: a new one is made.
  idempotencyKey: z.preprocess((v) => (v === '' ? undefined : v), IdempotencyKey.optional()).catch(undefined),
});

/** The waiting-list form on the times step (and on its own page). */
export const WaitlistFormSchema = z.object({
  ...StepFields,
  name: z.preprocess(text, ClientName),
  email: z.preprocess((v) => text(v).trim(), ClientEmail),
});
