// A series after it is saved: read it with its occurrences, end it (its future occurrences are cancelled, so
// their hours are free again, and the client's calendar is updated: same UID, SEQUENCE + 1), and keep an
// open-ended series booked ahead (the job: new weeks under the lock; a week the therapist cannot take is
// left out and the calendar updated).

import { availabilityRepository } from '../../db/repositories/availability.ts';
import { bookingRepository, classifyRefusal } from '../../db/repositories/bookings.ts';
import { toPracticeSettings } from '../../db/repositories/practice.ts';
import { type OccurrenceRow, type SeriesRow, seriesRepository } from '../../db/repositories/series.ts';
import { toService } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { fail, type Outcome } from '../../domain/booking.ts';
import { seriesConflicts, seriesStarts } from '../../domain/series.ts';
import type { AuditContext } from '../audit.ts';
import { enqueueMails } from '../outbox.ts';
import { withTherapistLocks } from './locks.ts';
import type { BookingScope } from './read.ts';
import { occurrenceRow, seriesHorizon } from './series.ts';
import { seriesMail } from './series-facts.ts';
import type { BookingDeps } from './view.ts';

const DAY = 86_400_000;
const ownerOf = (scope: BookingScope) => (scope.kind === 'therapist' ? scope.therapistId : undefined);

export interface SeriesDetail {
  series: SeriesRow;
  occurrences: OccurrenceRow[];
  skipped: number[];
  therapistTimeZone: string;
  firstReference: string;
}

/** A series in the actor's reach, with its occurrences (references and times; no client data). */
export async function seriesDetail(deps: Pick<BookingDeps, 'database'>, scope: BookingScope, seriesId: string): Promise<SeriesDetail | undefined> {
  const repo = seriesRepository(deps.database.db);
  const series = await repo.findById(seriesId, ownerOf(scope));
  if (!series) return undefined;
  const first = await bookingRepository(deps.database.db).findById(series.first_booking_id);
  return {
    series,
    occurrences: await repo.occurrences(seriesId),
    skipped: JSON.parse(series.skipped) as number[],
    therapistTimeZone: first?.therapist_time_zone ?? series.time_zone,
    firstReference: first?.reference ?? '',
  };
}

/** The series a therapist's own (or, for an admin, any) series belongs to: its therapist, or undefined. */
export async function seriesOwner(deps: Pick<BookingDeps, 'database'>, scope: BookingScope, seriesId: string): Promise<string | undefined> {
  return (await seriesRepository(deps.database.db).findById(seriesId, ownerOf(scope)))?.therapist_id;
}

/** The series a booking belongs to, or the active one booked from it (the booking page links to it). */
export function seriesOfBooking(deps: Pick<BookingDeps, 'database'>, bookingId: string) {
  return seriesRepository(deps.database.db).ofBooking(bookingId);
}

/** Ends a series: its sessions still to come are cancelled (their hours free again) and the client told once. */
export async function endSeries(deps: BookingDeps, scope: BookingScope, seriesId: string, audit: AuditContext): Promise<Outcome<{ cancelled: number }>> {
  const owner = await seriesOwner(deps, scope, seriesId);
  if (!owner) return fail('BOOKING_NOT_FOUND', 'No such series.');
  return withTherapistLocks(deps.database, [owner], async (trx) => {
    const now = deps.clock.now();
    const repo = seriesRepository(trx);
    const series = await repo.findById(seriesId, owner);
    if (series?.status !== 'active') return fail('ALREADY_CANCELLED', 'This series has already ended.');
    const cancelled = await repo.cancelFuture(seriesId, now, now, scope.kind === 'admin' ? 'practice' : 'therapist');
    if (!(await repo.update(series, { status: 'ended', ended_at: now }, now))) return fail('ALREADY_CANCELLED', 'This series has just been changed.');
    const ended: SeriesRow = { ...series, status: 'ended', ended_at: now, sequence: series.sequence + 1, updated_at: now };
    const context = await bookingRepository(trx).context(series.service_id, [series.therapist_id], '');
    const practice = toPracticeSettings(context.practice);
    await enqueueMails(trx, [await seriesMail(trx, deps, ended, practice, 'ended', cancelled)], now, deps.encryptor);
    await writeAudit(trx, now, { actor: audit.actor, action: 'series.end', target: seriesId, requestId: audit.requestId });
    return { ok: true, value: { cancelled } };
  });
}

/**
 * Keeps open-ended series booked ahead: each series booked less far than the horizon gets its new weeks,
 * under its therapist's lock. A week the therapist cannot take (time off, another booking) is left out, the
 * series records it, and the client's calendar is updated. Returns how many sessions were booked.
 */
export async function extendOpenSeries(deps: BookingDeps, limit = 50): Promise<number> {
  const now = deps.clock.now();
  const horizon = await seriesHorizon(deps.database.db, now);
  const due = await seriesRepository(deps.database.db).dueForExtension(horizon, limit);
  let booked = 0;
  for (const s of due) {
    booked += await extendOne(deps, s.id, s.therapist_id, now, horizon).catch((error: unknown) => {
      // Someone booked one of the new weeks at that moment: the next run sees it and leaves that week out.
      if (classifyRefusal(error) === 'overlap') return 0;
      throw error;
    });
  }
  return booked;
}

async function extendOne(deps: BookingDeps, seriesId: string, therapistId: string, now: number, horizon: number): Promise<number> {
  return withTherapistLocks(deps.database, [therapistId], async (trx) => {
    const repo = seriesRepository(trx);
    const series = await repo.findById(seriesId);
    if (series?.status !== 'active' || series.count !== null || series.booked_until >= horizon) return 0;
    const anchor = await bookingRepository(trx).findById(series.first_booking_id);
    const context = await bookingRepository(trx).context(series.service_id, [series.therapist_id], '');
    const service = context.service ? toService(context.service) : undefined;
    const therapist = context.therapists[0];
    if (!anchor) {
      // The client's bookings were erased (their request, or retention): nothing more is booked for them.
      await repo.update(series, { status: 'ended', ended_at: now }, now);
      return 0;
    }
    if (!service || !therapist) return 0;
    const starts = seriesStarts(
      { anchorStart: Number(anchor.starts_at), intervalWeeks: series.interval_weeks, count: null, timeZone: series.time_zone },
      { after: Math.max(now, series.booked_until - 1), horizon },
    ).filter((x) => x >= series.booked_until);
    const a = (await availabilityRepository(trx).loadFor([{ id: therapist.id, timeZone: therapist.time_zone }], now - DAY, horizon + DAY)).get(therapist.id);
    if (!a) return 0;
    const conflicting = new Set(seriesConflicts(a.rules, a.busy, service, starts, now).map((c) => c.start));
    const skipped = [...(JSON.parse(series.skipped) as number[]), ...starts.filter((x) => conflicting.has(x))];
    const bookings = bookingRepository(trx);
    for (const slot of starts) if (!conflicting.has(slot)) await bookings.insert(occurrenceRow(deps, anchor, service, series, { slot, start: slot }, now));
    if (!(await repo.update(series, { booked_until: horizon, skipped: JSON.stringify(skipped) }, now))) return 0;
    if (conflicting.size > 0) {
      const practice = toPracticeSettings(context.practice);
      const updated = { ...series, booked_until: horizon, skipped: JSON.stringify(skipped), sequence: series.sequence + 1 };
      await enqueueMails(trx, [await seriesMail(trx, deps, updated, practice, 'booked')], now, deps.encryptor);
    }
    return starts.length - conflicting.size;
  });
}
