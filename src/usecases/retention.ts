// Retention: what the privacy notice promises to delete, deleted. Runs in every app process; each
// statement is idempotent, so running it twice at once does no harm.

import type { AppDeps } from '../app/deps.ts';
import { bookingRepository } from '../db/repositories/bookings.ts';
import { contactRepository } from '../db/repositories/contact.ts';
import { keptFormRepository } from '../db/repositories/kept-forms.ts';
import { outboxRepository } from '../db/repositories/outbox.ts';
import { profileChangeRepository } from '../db/repositories/profile-changes.ts';
import { sessionStore } from '../db/repositories/sessions.ts';
import { staffUserRepository } from '../db/repositories/staff-users.ts';
import { waitlistRepository } from '../db/repositories/waitlist.ts';
import { BOOKING_RETENTION_YEARS, CANCELLED_BOOKING_RETENTION_DAYS, WAITLIST_RETENTION_DAYS } from '../domain/booking.ts';
import { CONTACT_RETENTION_DAYS } from '../domain/contact.ts';
import { isoDateOf } from '../domain/time.ts';

type Deps = Pick<AppDeps, 'database' | 'clock' | 'repos' | 'logger' | 'encryptor'>;

const DAY = 86_400_000;
/** Sent e-mail is kept this long (sealed) so a delivery question can be answered, then deleted. */
export const SENT_MAIL_RETENTION_DAYS = 30;
/** Rate-limit windows are never longer than this. */
const RATE_LIMIT_RETENTION_MS = 3_600_000;

/** The same instant seven years earlier by the calendar (leap days included). */
function sevenYearsBefore(now: number): number {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - BOOKING_RETENTION_YEARS);
  return d.getTime();
}

export async function enforceRetention(deps: Deps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const bookingsCutoff = sevenYearsBefore(now);
  const { db } = deps.database;
  const removed = {
    contactRequests: await contactRepository(db, deps.encryptor).purgeOlderThan(now - CONTACT_RETENTION_DAYS * DAY),
    rateLimitWindows: await deps.repos.rateLimits.prune(now - RATE_LIMIT_RETENTION_MS),
    sentMail: await outboxRepository(db).purgeSent(now - SENT_MAIL_RETENTION_DAYS * DAY),
    expiredSessions: await sessionStore(db, 'staff').prune(now),
    // Reset and invitation links: gone a day after they expire or were used.
    staffTokens: await staffUserRepository(db).purgeTokens(now - DAY),
    cancelledBookings: await bookingRepository(db).purgeCancelled(now - CANCELLED_BOOKING_RETENTION_DAYS * DAY),
    // Every booking of a client whose last session ended more than seven years ago.
    bookings: await bookingRepository(db).purgeClientsBefore(bookingsCutoff),
    waitlist: await waitlistRepository(db).purge(isoDateOf(Math.floor((now - WAITLIST_RETENTION_DAYS * DAY) / DAY)), now - WAITLIST_RETENTION_DAYS * DAY),
    // Decided profile changes are history once a year old (the audit log keeps who decided).
    decidedProfileChanges: await profileChangeRepository(db).purgeDecided(now - 365 * DAY),
    // What was typed into a form that met an expired session: 30 minutes at most.
    keptForms: await keptFormRepository(db).purgeExpired(now),
  };
  if (Object.values(removed).some((n) => n > 0)) deps.logger.info({ removed }, 'retention');
  return removed;
}
