// A therapist's private calendar feed: an iCalendar URL their own calendar app polls. The token is 256
// random bits, kept only as its SHA-256, shown once, and revocable; a new one replaces the old. Entries say
// "Client session" and the booking reference: no client's name, no service, no concern.

import { bookingRepository } from '../../db/repositories/bookings.ts';
import { calendarFeedRepository } from '../../db/repositories/calendar-feeds.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { roomRepository } from '../../db/repositories/rooms.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type CalendarEvent, namedCalendar } from '../../mail/ics.ts';
import { hashToken, newToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import type { StaffDeps } from '../staff/context.ts';
import { roomsOf } from './room.ts';

const DAY = 86_400_000;

/**
 * The therapist's feed as its page shows it: since when, and a label that names this feed and no other
 * (the start of its token's hash: it reveals nothing of the token), which a replacement must quote.
 */
export interface FeedState {
  since: number;
  label: string;
}

const labelOf = (tokenHash: string) => tokenHash.slice(0, 16);

export async function feedState(deps: StaffDeps, therapistId: string): Promise<FeedState | null> {
  const feed = await calendarFeedRepository(deps.database.db).current(therapistId);
  return feed ? { since: feed.createdAt, label: labelOf(feed.tokenHash) } : null;
}

/**
 * A new feed address, replacing the feed labelled `replaces` (null: there is none). When the feed is no
 * longer what the page showed (a refreshed form, a second tab), nothing changes and the answer is null:
 * an address already copied into a calendar app is never replaced without the person seeing it happen.
 * The token exists only in the answer.
 */
export async function createFeed(deps: StaffDeps, therapistId: string, replaces: string | null, audit: AuditContext): Promise<string | null> {
  const token = newToken();
  return deps.database.db.transaction().execute(async (trx) => {
    const feeds = calendarFeedRepository(trx);
    const current = await feeds.current(therapistId);
    if ((current ? labelOf(current.tokenHash) : null) !== replaces) return null;
    const now = deps.clock.now();
    await feeds.replace(therapistId, hashToken(token), now);
    await writeAudit(trx, now, {
      actor: audit.actor,
      action: replaces === null ? 'calendar.feed.create' : 'calendar.feed.replace',
      target: `therapist:${therapistId}`,
      requestId: audit.requestId,
    });
    return token;
  });
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
/** The same address for "open in my calendar app" (webcal: is https or http underneath). */
export const webcalUrl = (url: string) => url.replace(/^https?:/, 'webcal:');

/** The feed a token opens (sessions from 30 days ago to a year ahead), or undefined for a dead token. */
export async function feedIcs(deps: StaffDeps, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const { db } = deps.database;
  const therapistId = await calendarFeedRepository(db).therapistOf(hashToken(token));
  if (!therapistId) return undefined;
  const now = deps.clock.now();
  const [practice, bookings, link] = await Promise.all([
    practiceRepository(db).get(),
    bookingRepository(db).listForTherapist(therapistId, now - 30 * DAY, now + 366 * DAY, ['pending', 'confirmed', 'attended', 'no_show']),
    roomRepository(db).therapistLink(therapistId),
  ]);
  const rooms = roomsOf(
    deps,
    link,
    bookings.map((b) => ({ id: b.id, format: b.format, status: b.status, end: Number(b.ends_at), seriesId: b.series_id })),
  );
  const events: CalendarEvent[] = bookings.map((b) => ({
    uid: `${b.id}@closer-staff`,
    sequence: b.sequence,
    method: 'PUBLISH',
    start: Number(b.starts_at),
    end: Number(b.ends_at),
    summary: 'Client session',
    description: `${rooms[b.id] ? `Video room: ${rooms[b.id]}\n` : ''}Booking reference ${b.reference}`,
    location: b.format === 'online' ? (rooms[b.id] ?? 'Online') : practice.address,
    organizerEmail: practice.email,
    organizerName: practice.name,
    ...(rooms[b.id] ? { url: rooms[b.id], conference: rooms[b.id] } : {}),
    stamp: Number(b.updated_at),
  }));
  return namedCalendar(`${practice.name}: your sessions`, events);
}
