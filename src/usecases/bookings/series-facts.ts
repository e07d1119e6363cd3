// The series e-mail from what the database holds: the series, its occurrences (kept, moved, cancelled) and
// the client as the first booking has them. Read through the transaction that changed the series.
import type { Kysely } from 'kysely';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import type { PracticeSettings } from '../../db/repositories/practice.ts';
import { type OccurrenceRow, type SeriesRow, seriesRepository } from '../../db/repositories/series.ts';
import type { DB } from '../../db/schema.ts';
import type { OutgoingMail } from '../../mail/outbox.ts';
import { type SeriesFacts, seriesEndedToClient, seriesToClient } from '../../mail/series-messages.ts';
import { seriesRoomUrl } from './room.ts';
import { type BookingDeps, manageToken, manageUrl } from './view.ts';

const LIVE = new Set(['pending', 'confirmed', 'attended', 'no_show']);

/** The calendar's view of a series: DTSTART, RRULE end, EXDATE (skipped or cancelled weeks) and moved weeks. */
export function seriesCalendarFacts(series: SeriesRow, occurrences: readonly OccurrenceRow[], method: 'REQUEST' | 'CANCEL', now: number) {
  const skipped = JSON.parse(series.skipped) as number[];
  const cancelled = occurrences.filter((o) => !LIVE.has(o.status)).map((o) => o.series_slot ?? o.starts_at);
  const live = occurrences.filter((o) => LIVE.has(o.status));
  const kept = live.map((o) => o.series_slot ?? o.starts_at);
  const durationMinutes = Math.round(((occurrences[0]?.ends_at ?? 0) - (occurrences[0]?.starts_at ?? 0)) / 60_000);
  return {
    method,
    sequence: series.sequence,
    timeZone: series.time_zone,
    firstSlot: series.first_slot,
    durationMinutes,
    intervalWeeks: series.interval_weeks,
    count: series.count,
    // An ended series stops at its last week still kept (or at its first week, when none was: then it is cancelled).
    until: series.status === 'ended' ? Math.max(series.first_slot, ...kept.filter((k) => k <= (series.ended_at ?? now))) : null,
    excluded: [...new Set([...skipped, ...cancelled])].filter((x) => !kept.includes(x)),
    moved: live
      .filter((o) => o.series_slot !== null && o.series_slot !== o.starts_at)
      .map((o) => ({ slot: o.series_slot!, start: o.starts_at, end: o.ends_at })),
    stamp: now,
  };
}

export async function seriesMail(
  db: Kysely<DB>,
  deps: Pick<BookingDeps, 'encryptor' | 'config' | 'clock'>,
  series: SeriesRow,
  practice: PracticeSettings,
  kind: 'booked' | 'ended',
  cancelledCount = 0,
): Promise<OutgoingMail> {
  const now = deps.clock.now();
  const occurrences = await seriesRepository(db).occurrences(series.id);
  const first = await bookingRepository(db).findById(series.first_booking_id);
  const any = first ?? (occurrences[0] ? await bookingRepository(db).findById(occurrences[0].id) : undefined);
  if (!any) throw new Error('a series without bookings');
  const live = occurrences.filter((o) => LIVE.has(o.status));
  const nothingKept = kind === 'ended' && !live.some((o) => o.starts_at <= now);
  const facts: SeriesFacts = {
    seriesId: series.id,
    clientName: deps.encryptor.decrypt(any.client_name),
    clientEmail: deps.encryptor.decrypt(any.client_email),
    clientTimeZone: any.client_time_zone,
    therapistName: any.therapist_name,
    format: any.format,
    roomUrl: kind === 'booked' ? seriesRoomUrl(deps, { id: series.id, format: any.format, therapistLink: any.therapist_video_url }) : null,
    intervalWeeks: series.interval_weeks,
    count: series.count,
    sessions: live
      .filter((o) => o.status === 'confirmed' || o.status === 'pending')
      .map((o) => ({ start: o.starts_at, reference: o.reference, manageUrl: manageUrl(deps, manageToken(deps, o.id)) })),
    skipped: JSON.parse(series.skipped) as number[],
    calendar: seriesCalendarFacts(series, occurrences, nothingKept ? 'CANCEL' : 'REQUEST', now),
  };
  return kind === 'booked' ? seriesToClient(facts, practice) : seriesEndedToClient(facts, practice, cancelledCount);
}
