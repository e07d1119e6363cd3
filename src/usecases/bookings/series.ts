// Ongoing sessions from a booking: preview (every week the therapist cannot take listed, nothing written),
// then save with a choice for each such week (skip it, or move it to another time). The save runs in one
// transaction under the therapist's booking lock: it reads the calendar again, checks again, writes the
// series and every occurrence as an ordinary booking (the database's no-overlap rule applies to each), and
// queues ONE e-mail to the client with the series as a recurring calendar event.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { availabilityRepository } from '../../db/repositories/availability.ts';
import { type BookingRow, type BookingWithNames, bookingRepository, classifyRefusal } from '../../db/repositories/bookings.ts';
import { type PracticeSettings, toPracticeSettings } from '../../db/repositories/practice.ts';
import { type SeriesRow, seriesRepository } from '../../db/repositories/series.ts';
import { toService } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import type { DB } from '../../db/schema.ts';
import { blockedRange, bookingReference, fail, type Outcome } from '../../domain/booking.ts';
import {
  type ConflictChoice,
  MAX_INTERVAL_WEEKS,
  MAX_SERIES_COUNT,
  OPEN_ENDED_HORIZON_DAYS,
  planSeries,
  type SeriesConflict,
  seriesConflicts,
  seriesStarts,
} from '../../domain/series.ts';
import type { Service } from '../../domain/types.ts';
import { hashToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { enqueueMails } from '../outbox.ts';
import { withTherapistLocks } from './locks.ts';
import type { BookingScope } from './read.ts';
import { seriesMail } from './series-facts.ts';
import { type BookingDeps, manageToken } from './view.ts';

const DAY = 86_400_000;

export interface SeriesRequest {
  intervalWeeks: number;
  /** How many sessions; null: until ended. */
  count: number | null;
}

export interface SeriesPreview {
  anchor: { id: string; reference: string; start: number; therapistId: string; therapistTimeZone: string };
  timeZone: string;
  durationMinutes: number;
  starts: number[];
  conflicts: SeriesConflict[];
  openEnded: boolean;
}

const ownerOf = (scope: BookingScope) => (scope.kind === 'therapist' ? scope.therapistId : undefined);

/** How far ahead an open-ended series is booked: 12 weeks, or the longest window clients book in. */
export async function seriesHorizon(db: Transaction<DB> | BookingDeps['database']['db'], now: number): Promise<number> {
  const longest = await seriesRepository(db).longestBookingWindowDays();
  // Whole UTC days, so every process running the job at about the same time agrees on it.
  return Math.floor(now / DAY) * DAY + Math.max(OPEN_ENDED_HORIZON_DAYS, longest + 1) * DAY;
}

function validRequest(r: SeriesRequest): boolean {
  return (
    Number.isInteger(r.intervalWeeks) &&
    r.intervalWeeks >= 1 &&
    r.intervalWeeks <= MAX_INTERVAL_WEEKS &&
    (r.count === null || (Number.isInteger(r.count) && r.count >= 1 && r.count <= MAX_SERIES_COUNT))
  );
}

interface Worked {
  anchor: BookingWithNames;
  service: Service;
  practice: PracticeSettings;
  starts: number[];
  conflicts: SeriesConflict[];
  horizon: number;
  check: (starts: number[]) => SeriesConflict[];
}

/** The anchor booking, the pattern's weeks and which of them the therapist cannot take, read through `db`. */
async function work(
  db: Transaction<DB> | BookingDeps['database']['db'],
  scope: BookingScope,
  bookingId: string,
  request: SeriesRequest,
  now: number,
): Promise<Outcome<Worked>> {
  if (!validRequest(request)) return fail('VALIDATION_FAILED', 'Choose how often (every 1 to 8 weeks) and how many sessions (1 to 52), or until ended.');
  const anchor = await bookingRepository(db).findById(bookingId, ownerOf(scope));
  if (!anchor) return fail('BOOKING_NOT_FOUND', 'No such booking.');
  if (anchor.status === 'cancelled') return fail('ALREADY_CANCELLED', 'This session was cancelled, so ongoing sessions cannot be booked from it.');
  if (anchor.series_id) return fail('CONFLICT', 'This session is already part of a series of ongoing sessions.');
  if (await seriesRepository(db).activeFrom(anchor.id)) return fail('CONFLICT', 'Ongoing sessions are already booked from this session.');
  const context = await bookingRepository(db).context(anchor.service_id, [anchor.therapist_id], '');
  const service = context.service ? toService(context.service) : undefined;
  const therapist = context.therapists[0];
  if (!service || !therapist) return fail('THERAPIST_NOT_FOUND', 'The therapist or the service is no longer available.');
  const practice = toPracticeSettings(context.practice);
  const horizon = request.count === null ? await seriesHorizon(db, now) : Number.POSITIVE_INFINITY;
  const starts = seriesStarts(
    { anchorStart: Number(anchor.starts_at), intervalWeeks: request.intervalWeeks, count: request.count, timeZone: practice.timeZone },
    { after: now, horizon },
  );
  if (starts.length === 0) return fail('VALIDATION_FAILED', 'There is no week left to book in that pattern.');
  const loaded = await availabilityRepository(db).loadFor([{ id: therapist.id, timeZone: therapist.time_zone }], now - DAY, Math.max(...starts) + 9 * DAY);
  const a = loaded.get(therapist.id);
  if (!a) return fail('THERAPIST_NOT_FOUND', 'The therapist is no longer available.');
  const check = (xs: number[]) => seriesConflicts(a.rules, a.busy, service, xs, now);
  return { ok: true, value: { anchor, service, practice, starts, conflicts: check(starts), horizon, check } };
}

/** Every week of the series and every conflict, before anything is saved. Writes nothing. */
export async function previewSeries(deps: BookingDeps, scope: BookingScope, bookingId: string, request: SeriesRequest): Promise<Outcome<SeriesPreview>> {
  const worked = await work(deps.database.db, scope, bookingId, request, deps.clock.now());
  if (!worked.ok) return worked;
  const { anchor, practice, starts, conflicts, service } = worked.value;
  return {
    ok: true,
    value: {
      anchor: {
        id: anchor.id,
        reference: anchor.reference,
        start: Number(anchor.starts_at),
        therapistId: anchor.therapist_id,
        therapistTimeZone: anchor.therapist_time_zone,
      },
      timeZone: practice.timeZone,
      durationMinutes: service.durationMinutes,
      starts,
      conflicts,
      openEnded: request.count === null,
    },
  };
}

export interface SavedSeries {
  seriesId: string;
  booked: number;
  skipped: number;
}

/**
 * Saves the series. Refusals (nothing written): CONFLICT with conflictStart (a week the therapist cannot take
 * has no choice: the caller shows the preview again, with any conflict that appeared since), SLOT_TAKEN with
 * conflictStart (a moved week's new time is not free, or overlaps another session of the series), SLOT_TAKEN
 * alone (someone booked one of the times at the same moment: the database refused it), VALIDATION_FAILED.
 */
export async function saveSeries(
  deps: BookingDeps,
  scope: BookingScope,
  bookingId: string,
  request: SeriesRequest,
  choices: ReadonlyMap<number, ConflictChoice>,
  audit: AuditContext,
): Promise<Outcome<SavedSeries> & { conflictStart?: number }> {
  const owner = await bookingRepository(deps.database.db).ownerOf(bookingId, ownerOf(scope));
  if (!owner) return fail('BOOKING_NOT_FOUND', 'No such booking.');
  try {
    return await withTherapistLocks(deps.database, [owner], (trx) => save(trx, deps, scope, bookingId, request, choices, audit));
  } catch (error) {
    if (classifyRefusal(error) === 'overlap')
      return fail('SLOT_TAKEN', 'One of these times has just been booked by someone else. Nothing was saved; please check again.');
    throw error;
  }
}

async function save(
  trx: Transaction<DB>,
  deps: BookingDeps,
  scope: BookingScope,
  bookingId: string,
  request: SeriesRequest,
  choices: ReadonlyMap<number, ConflictChoice>,
  audit: AuditContext,
): Promise<Outcome<SavedSeries> & { conflictStart?: number }> {
  const now = deps.clock.now();
  const worked = await work(trx, scope, bookingId, request, now);
  if (!worked.ok) return worked;
  const { anchor, service, practice, starts, conflicts, horizon, check } = worked.value;
  const planned = planSeries(starts, conflicts, choices, service.durationMinutes);
  if (!planned.ok) {
    const detail =
      planned.error.code === 'UNRESOLVED'
        ? 'A week cannot be booked as it is: choose to skip it or move it.'
        : 'A moved session would overlap another session of the series.';
    return { ...fail(planned.error.code === 'UNRESOLVED' ? 'CONFLICT' : 'SLOT_TAKEN', detail), conflictStart: planned.error.start };
  }
  const { occurrences, skipped } = planned.value;
  for (const o of occurrences) {
    if (o.start !== o.slot && check([o.start]).length > 0) {
      return { ...fail('SLOT_TAKEN', 'The time a week is moved to is not free, or not in your hours.'), conflictStart: o.slot };
    }
  }
  if (occurrences.length === 0) return fail('VALIDATION_FAILED', 'Every week is skipped, so there is nothing to book.');

  const seriesId = randomUUID();
  const series: SeriesRow = {
    id: seriesId,
    therapist_id: anchor.therapist_id,
    service_id: anchor.service_id,
    first_booking_id: anchor.id,
    time_zone: practice.timeZone,
    first_slot: starts[0]!,
    interval_weeks: request.intervalWeeks,
    count: request.count === null ? null : starts.length,
    booked_until: request.count === null ? horizon : starts.at(-1)! + 1,
    skipped: JSON.stringify(skipped),
    status: 'active',
    sequence: 0,
    created_at: now,
    updated_at: now,
    ended_at: null,
  };
  await seriesRepository(trx).insert(series);
  const bookings = bookingRepository(trx);
  for (const o of occurrences) await bookings.insert(occurrenceRow(deps, anchor, service, series, o, now));
  await enqueueMails(trx, [await seriesMail(trx, deps, series, practice, 'booked')], now, deps.encryptor);
  await writeAudit(trx, now, { actor: audit.actor, action: 'series.create', target: seriesId, requestId: audit.requestId });
  return { ok: true, value: { seriesId, booked: occurrences.length, skipped: skipped.length } };
}

/** An occurrence: the first booking's client, service and format at the week's time, a booking like any other. */
export function occurrenceRow(
  deps: Pick<BookingDeps, 'encryptor'>,
  anchor: BookingRow,
  service: Service,
  series: Pick<SeriesRow, 'id'>,
  o: { slot: number; start: number },
  now: number,
): BookingRow {
  const id = randomUUID();
  const end = o.start + service.durationMinutes * 60_000;
  const blocked = blockedRange(service, { start: o.start, end });
  return {
    id,
    reference: bookingReference(randomBytes(8)),
    therapist_id: anchor.therapist_id,
    service_id: anchor.service_id,
    starts_at: o.start,
    ends_at: end,
    blocked_from: blocked.from,
    blocked_until: blocked.until,
    status: 'confirmed',
    format: anchor.format,
    client_name: anchor.client_name,
    client_email: anchor.client_email,
    client_email_hash: anchor.client_email_hash,
    client_phone: anchor.client_phone,
    // What the client wrote when booking belongs to that booking alone.
    notes: null,
    client_time_zone: anchor.client_time_zone,
    consent_version: anchor.consent_version,
    consent_at: anchor.consent_at,
    manage_token_hash: hashToken(manageToken(deps, id)),
    manage_token_sealed: deps.encryptor.encrypt(''),
    manage_expires_at: end,
    idempotency_key: null,
    idempotency_fingerprint: null,
    sequence: 0,
    reminder_sent_at: null,
    created_at: now,
    updated_at: now,
    cancelled_at: null,
    cancelled_by: null,
    series_id: series.id,
    series_slot: o.slot,
  };
}
