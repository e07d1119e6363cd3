// A therapist's private calendar feed: an iCalendar URL their own calendar app polls. The token is 256
// random bits, kept only as its SHA-256, shown once, and revocable; a new one replaces the old. Entries say
// "Client session" and the booking reference: no client's name, no service, no concern.

import { bookingRepository } from '../../db/repositories/bookings.ts';
import { calendarFeedRepository } from '../../db/repositories/calendar-feeds.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type CalendarEvent, calendarEvent } from '../../mail/ics.ts';
import { hashToken, newToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import type { StaffDeps } from '../staff/context.ts';

const DAY = 86_400_000;

export async function feedCreatedAt(deps: StaffDeps, therapistId: string): Promise<number | null> {
  return calendarFeedRepository(deps.database.db).createdAt(therapistId);
}

/** A new feed address (the old one, if any, stops working). The token exists only in the answer. */
export async function createFeed(deps: StaffDeps, therapistId: string, audit: AuditContext): Promise<string> {
  const token = newToken();
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await calendarFeedRepository(trx).replace(therapistId, hashToken(token), now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'calendar.feed.create', target: `therapist:${therapistId}`, requestId: audit.requestId });
  });
  return token;
}

export async function revokeFeed(deps: StaffDeps, therapistId: string, audit: AuditContext): Promise<boolean> {
  const revoked = await calendarFeedRepository(deps.database.db).remove(therapistId);
  if (revoked)
    await writeAudit(deps.database.db, deps.clock.now(), {
      actor: audit.actor,
      action: 'calendar.feed.revoke',
      target: `therapist:${therapistId}`,
      requestId: audit.requestId,
    });
  return revoked;
}

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/staff/calendar/${token}.ics`;

/** The feed a token opens (sessions from 30 days ago to a year ahead), or undefined for a dead token. */
export async function feedIcs(deps: StaffDeps, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const { db } = deps.database;
  const therapistId = await calendarFeedRepository(db).therapistOf(hashToken(token));
  if (!therapistId) return undefined;
  const now = deps.clock.now();
  const [practice, bookings] = await Promise.all([
    practiceRepository(db).get(),
    bookingRepository(db).listForTherapist(therapistId, now - 30 * DAY, now + 366 * DAY, ['pending', 'confirmed', 'attended', 'no_show']),
  ]);
  const events: CalendarEvent[] = bookings.map((b) => ({
    uid: `${b.id}@closer-staff`,
    sequence: b.sequence,
    method: 'PUBLISH',
    start: Number(b.starts_at),
    end: Number(b.ends_at),
    summary: 'Client session',
    description: `Booking reference ${b.reference}`,
    location: b.format === 'online' ? 'Online' : practice.address,
    organizerEmail: practice.email,
    organizerName: practice.name,
    stamp: Number(b.updated_at),
  }));
  return calendarEvent(...events);
}
