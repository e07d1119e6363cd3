// Slots, bookings and manage links in the JSON API. Handlers: validate, call one use case, present.
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { BookingError } from '../../domain/booking.ts';
import { formatInstant } from '../../domain/slots.ts';
import { FORMATS } from '../../domain/types.ts';
import { cancelByToken, rescheduleByToken } from '../../usecases/bookings/change.ts';
import { createBooking, NOTHING_BOOKED } from '../../usecases/bookings/create.ts';
import { bookingCalendar, manageBooking } from '../../usecases/bookings/read.ts';
import { findSlots } from '../../usecases/bookings/slots.ts';
import type { PublicWrite } from '../../usecases/bookings/throttle.ts';
import type { BookingView } from '../../usecases/bookings/view.ts';
import { joinWaitlist, NOT_ON_THE_LIST } from '../../usecases/bookings/waitlist.ts';
import { Id, Instant, IsoDate, NewBookingSchema, TimeZone, WaitlistSchema } from '../booking-input.ts';
import type { AppEnv } from '../env.ts';
import { problem } from '../problem.ts';
import { logWriteFailure, throttle, waitInWords } from '../public-writes.ts';
import { ProblemSchema } from './schemas.ts';

const SlotSchema = z.object({ start: z.string(), end: z.string() }).openapi('Slot');
const BookingSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(['pending', 'confirmed', 'cancelled', 'attended', 'no_show']),
    start: z.string(),
    end: z.string(),
    durationMinutes: z.number().int(),
    format: z.enum(FORMATS),
    therapistId: z.string(),
    therapistName: z.string(),
    serviceId: z.string(),
    serviceName: z.string(),
    feeMinor: z.number().int().openapi({ description: 'What the session costs, minor units; 0 is free' }),
    currency: z.string().length(3),
    timeZone: z.string(),
    roomUrl: z.string().nullable().openapi({
      description:
        'An online session’s video room, while it can be joined: the therapist’s own link, or a room of its own made from VIDEO_URL_TEMPLATE. Null in person, once cancelled or ended, or when the practice sends the link itself.',
      example: 'https://meet.jit.si/closer-3f9c0a7be21d4c6e8a5b1f0d2c4e6a8b0c1d2e3f',
    }),
  })
  .openapi('Booking');

export function presentBooking(b: BookingView) {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status as 'confirmed',
    start: formatInstant(b.start, b.clientTimeZone),
    end: formatInstant(b.end, b.clientTimeZone),
    durationMinutes: b.durationMinutes,
    format: b.format as 'online',
    therapistId: b.therapistId,
    therapistName: b.therapistName,
    serviceId: b.serviceId,
    serviceName: b.serviceName,
    feeMinor: b.fee.minor,
    currency: b.fee.currency,
    timeZone: b.clientTimeZone,
    roomUrl: b.roomUrl,
  };
}

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** A domain refusal as problem+json; field-shaped ones point at the field. */
export function bookingProblem(c: Context, error: BookingError, timeZone: string) {
  const pointer: Partial<Record<BookingError['code'], string>> = {
    THERAPIST_NOT_FOUND: '/therapistId',
    SERVICE_NOT_FOUND: '/serviceId',
    SERVICE_NOT_OFFERED: '/serviceId',
    FORMAT_NOT_OFFERED: '/format',
    ANY_THERAPIST_NOT_ALLOWED: '/therapistId',
    IDEMPOTENCY_KEY_REUSED: '/idempotencyKey',
  };
  const where = pointer[error.code];
  return problem(c, error.code, {
    detail: error.detail,
    ...(where ? { errors: [{ pointer: where, in: 'body', detail: error.detail }] } : {}),
    ...(error.alternatives
      ? { alternatives: error.alternatives.map((s) => ({ start: formatInstant(s.start, timeZone), end: formatInstant(s.end, timeZone) })) }
      : {}),
  });
}

const privateHeaders = { 'Cache-Control': 'no-store' };

function rateLimited(c: Context<AppEnv>, kind: PublicWrite, retryAfterSeconds: number) {
  const what = kind === 'booking' ? 'booking attempts' : 'waiting-list requests';
  return problem(
    c,
    'RATE_LIMITED',
    { detail: `There have been too many ${what} from this address. Nothing was saved. Try again in ${waitInWords(retryAfterSeconds)}, or call the practice.` },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/** The database failed while a public write was under way: logged; nothing was written. */
function unavailable(c: Context<AppEnv>, error: unknown, detail: string) {
  logWriteFailure(c, error, 'public write unavailable');
  return problem(c, 'UNAVAILABLE', { detail });
}

export function registerBookingRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/therapists/{id}/slots',
      summary: 'Free start times for a service, as calendar dates in the viewer’s zone (both inclusive)',
      request: {
        params: z.object({ id: Id.openapi({ description: 'A therapist id, or "any"' }) }),
        query: z
          .object({
            service: Id,
            from: IsoDate,
            to: IsoDate,
            tz: TimeZone,
            format: z.enum(FORMATS).optional().openapi({ description: 'Only times someone can see the client in this format' }),
          })
          .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
          .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, { path: ['to'], message: 'ask for at most 93 days at a time' }),
      },
      responses: {
        200: {
          description: 'Free times, instants written with the offset of tz',
          content: { 'application/json': { schema: z.object({ slots: z.array(SlotSchema) }) } },
        },
        404: problemResponse('No such therapist'),
        422: problemResponse('Bad input'),
        503: problemResponse('Availability cannot be checked now'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      let result: Awaited<ReturnType<typeof findSlots>>;
      try {
        result = await findSlots(c.var.deps, { therapistId: id, serviceId: q.service, from: q.from, to: q.to, timeZone: q.tz, format: q.format });
      } catch (error) {
        // Fail closed: when availability cannot be read, offer nothing.
        c.var.deps.logger.error({ requestId: c.var.requestId, err: { message: (error as Error).message } }, 'slots unavailable');
        return problem(c, 'UNAVAILABLE');
      }
      if (!result.ok)
        return result.error.code === 'THERAPIST_NOT_FOUND' ? problem(c, 'NOT_FOUND', { detail: result.error.detail }) : bookingProblem(c, result.error, q.tz);
      return c.json({ slots: result.value.slots.map((s) => ({ start: formatInstant(s.start, q.tz), end: formatInstant(s.end, q.tz) })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bookings',
      summary: 'Book a session. An Idempotency-Key header (or idempotencyKey field) makes a retry safe.',
      request: {
        headers: z.object({ 'idempotency-key': z.string().min(8).max(128).optional() }),
        body: { content: { 'application/json': { schema: NewBookingSchema } }, required: true },
      },
      responses: {
        201: { description: 'Booked', content: { 'application/json': { schema: z.object({ booking: BookingSchema, manageUrl: z.string() }) } } },
        409: problemResponse('That time is not free; alternatives lists the next free times'),
        422: problemResponse('Bad input, or (for "any") a format nobody free at that time offers'),
        429: problemResponse('Too many booking attempts from this address; Retry-After says when to try again'),
        503: problemResponse('The booking could not be completed; nothing was booked'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      try {
        const limited = await throttle(c, 'booking');
        if (!limited.allowed) return rateLimited(c, 'booking', limited.retryAfterSeconds);
        const key = c.req.valid('header')['idempotency-key'] ?? body.idempotencyKey;
        const result = await createBooking(c.var.deps, { ...body, start: Date.parse(body.start), idempotencyKey: key, requestId: c.var.requestId });
        if (!result.ok) return bookingProblem(c, result.error, body.timeZone ?? (await c.var.deps.repos.practice.get()).timeZone);
        if (result.value.replayed) c.header('Idempotent-Replayed', 'true');
        return c.json({ booking: presentBooking(result.value.booking), manageUrl: `${c.var.deps.config.publicUrl}/manage/${result.value.manageToken}` }, 201);
      } catch (error) {
        return unavailable(c, error, NOTHING_BOOKED);
      }
    },
  );

  const tokenParam = z.object({ token: z.string().min(1).max(128) });
  const managed = {
    200: { description: 'The booking', content: { 'application/json': { schema: z.object({ booking: BookingSchema, canChange: z.boolean() }) } } },
    404: problemResponse('Unknown or expired link'),
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/manage/{token}',
      summary: 'The booking a manage link points at',
      request: { params: tokenParam },
      responses: managed,
    }),
    async (c) => {
      c.set('privatePage', true);
      const managed = await manageBooking(c.var.deps, c.req.valid('param').token);
      if (!managed) return problem(c, 'NOT_FOUND', {}, privateHeaders);
      return c.json({ booking: presentBooking(managed.booking), canChange: managed.change.ok }, 200, privateHeaders);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/manage/{token}/cancel',
      summary: 'Cancel through a manage link',
      request: { params: tokenParam },
      responses: { ...managed, 409: problemResponse('Too late to change online, or already cancelled') },
    }),
    async (c) => {
      c.set('privatePage', true);
      const result = await cancelByToken(c.var.deps, c.req.valid('param').token, c.var.requestId);
      if (!result) return problem(c, 'NOT_FOUND', {}, privateHeaders);
      if (!result.ok) return bookingProblem(c, result.error, 'UTC');
      return c.json({ booking: presentBooking(result.value.booking), canChange: result.value.clientMayChange }, 200, privateHeaders);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/manage/{token}/reschedule',
      summary: 'Move a booking to another free time',
      request: { params: tokenParam, body: { content: { 'application/json': { schema: z.strictObject({ start: Instant }) } }, required: true } },
      responses: { ...managed, 409: problemResponse('That time is not free, or too late to change online'), 422: problemResponse('Bad input') },
    }),
    async (c) => {
      c.set('privatePage', true);
      const { start } = c.req.valid('json');
      const result = await rescheduleByToken(c.var.deps, c.req.valid('param').token, Date.parse(start), c.var.requestId);
      if (!result) return problem(c, 'NOT_FOUND', {}, privateHeaders);
      if (!result.ok) return bookingProblem(c, result.error, 'UTC');
      return c.json({ booking: presentBooking(result.value.booking), canChange: result.value.clientMayChange }, 200, privateHeaders);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/manage/{token}/calendar.ics',
      summary: 'The booking as an iCalendar file',
      request: { params: tokenParam },
      responses: { 200: { description: 'text/calendar' }, 404: problemResponse('Unknown or expired link') },
    }),
    async (c) => {
      c.set('privatePage', true);
      const token = c.req.valid('param').token;
      const ics = await bookingCalendar(c.var.deps, token);
      if (ics === undefined) return problem(c, 'NOT_FOUND', {}, privateHeaders);
      return c.body(ics, 200, {
        ...privateHeaders,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'attachment; filename="appointment.ics"',
      });
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/waitlist',
      summary: 'Join the waiting list for a service (and optionally one therapist) between two dates',
      request: { body: { content: { 'application/json': { schema: WaitlistSchema } }, required: true } },
      responses: {
        201: { description: 'On the list', content: { 'application/json': { schema: z.object({ id: z.string() }) } } },
        422: problemResponse('Bad input, or no such service or therapist'),
        429: problemResponse('Too many waiting-list requests from this address; Retry-After says when to try again'),
        503: problemResponse('Could not join now; nothing was saved'),
      },
    }),
    async (c) => {
      const w = c.req.valid('json');
      try {
        const limited = await throttle(c, 'waitlist');
        if (!limited.allowed) return rateLimited(c, 'waitlist', limited.retryAfterSeconds);
        const result = await joinWaitlist(c.var.deps, { ...w });
        if (!result.ok) return bookingProblem(c, result.error, w.timeZone);
        return c.json(result.value, 201);
      } catch (error) {
        return unavailable(c, error, NOT_ON_THE_LIST);
      }
    },
  );
}
