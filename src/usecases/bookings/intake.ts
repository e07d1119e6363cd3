// The intake before a first session. The client opens it from their manage link; for a couple's session,
// once the client has answered and the safety policy sees no worry, a private link of the partner's own is
// offered to copy and pass on (derived from the booking, never stored: only its hash is). Each person's
// answers are sealed and written once; nobody's link shows anyone's answers, their own included (a link can
// be in someone else's hands). Only the booking's therapist reads them, and every read is audited.
import type { AppDeps } from '../../app/deps.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { type IntakeRole, intakeRepository } from '../../db/repositories/intakes.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type IntakeAnswers, mayOfferPartnerLink } from '../../domain/intake.ts';
import { hashToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { isJointService } from './manage-facts.ts';
import { bookingByToken } from './read.ts';
import { type BookingDeps, type BookingView, toView } from './view.ts';

type Deps = Pick<BookingDeps, 'database' | 'encryptor' | 'clock' | 'config'>;

export type IntakeAccess = { kind: 'client'; token: string } | { kind: 'partner'; token: string };

export interface IntakeState {
  booking: BookingView;
  role: IntakeRole;
  /** A couple's session: the CSI-4 is asked, and the partner may have a link of their own. */
  couple: boolean;
  /** This person's answers have arrived (they are never shown back through a link). */
  received: boolean;
  /** The session is still to come and booked: answers can be sent. */
  open: boolean;
  /** The partner's own link, for the client to pass on: only after the client's answers, and never under a worry. */
  partnerLink: string | undefined;
}

const PARTNER_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const partnerToken = (deps: Pick<Deps, 'encryptor'>, bookingId: string) => deps.encryptor.capability(`intake-partner:${bookingId}`);
export const partnerIntakeUrl = (deps: Pick<Deps, 'encryptor' | 'config'>, bookingId: string) =>
  `${deps.config.publicUrl}/intake/${partnerToken(deps, bookingId)}`;

/** A couple's session: a joint service for couples (not one a person may also come to alone). */
async function isCouple(deps: Pick<Deps, 'database'>, serviceId: string): Promise<boolean> {
  const service = await serviceRepository(deps.database.db).findById(serviceId);
  return service !== undefined && isJointService(service.relationships) && service.relationships.includes('couple');
}

async function bookingOf(deps: Deps, access: IntakeAccess): Promise<BookingView | undefined> {
  if (access.kind === 'client') return bookingByToken(deps, access.token);
  if (!PARTNER_TOKEN.test(access.token)) return undefined;
  const id = await intakeRepository(deps.database.db).bookingOfPartnerLink(hashToken(access.token), deps.clock.now());
  const row = id ? await bookingRepository(deps.database.db).findById(id) : undefined;
  return row ? toView(deps, row) : undefined;
}

/** What the intake page behind a link shows; undefined for an unknown or expired link. */
export async function intakeState(deps: Deps, access: IntakeAccess): Promise<IntakeState | undefined> {
  const booking = await bookingOf(deps, access);
  if (!booking) return undefined;
  const couple = await isCouple(deps, booking.serviceId);
  // A partner's link belongs to a couple's session only.
  if (access.kind === 'partner' && !couple) return undefined;
  const repo = intakeRepository(deps.database.db);
  const rows = await repo.forBooking(booking.id);
  const own = rows.find((r) => r.role === access.kind);
  const received = own?.received_at != null;
  let partnerLink: string | undefined;
  if (access.kind === 'client' && couple && received && own?.answers_sealed) {
    // The safety policy decides from the client's own answers, opened here only to decide (never shown).
    const answers = JSON.parse(deps.encryptor.decrypt(own.answers_sealed)) as IntakeAnswers;
    if (mayOfferPartnerLink(couple, answers)) {
      await repo.ensurePartnerLink(booking.id, hashToken(partnerToken(deps, booking.id)), deps.clock.now());
      partnerLink = partnerIntakeUrl(deps, booking.id);
    }
  }
  const open = (booking.status === 'confirmed' || booking.status === 'pending') && booking.end > deps.clock.now();
  return { booking, role: access.kind, couple, received, open, partnerLink };
}

/** Seals and keeps one person's answers, once: 'already' when theirs had arrived before. */
export async function saveIntake(deps: Deps, state: IntakeState, answers: IntakeAnswers): Promise<'saved' | 'already' | 'closed'> {
  if (!state.open) return 'closed';
  const sealed = deps.encryptor.encrypt(JSON.stringify(answers));
  const saved = await intakeRepository(deps.database.db).saveAnswers(state.booking.id, state.role, sealed, deps.clock.now());
  return saved ? 'saved' : 'already';
}

export interface StaffIntake {
  /** Who has answered. */
  received: { role: IntakeRole; at: number }[];
  /** The answers, opened: only for the booking's own therapist (the caller asked decide()), else null. */
  answers: { role: IntakeRole; at: number; answers: IntakeAnswers }[] | null;
  couple: boolean;
}

/** A booking's intake for the staff booking page; opening the answers is audited as `booking.intake.read`. */
export async function staffIntake(
  deps: Pick<AppDeps, 'database' | 'encryptor' | 'clock'>,
  booking: { id: string; serviceId: string },
  audit: AuditContext,
  readable: boolean,
): Promise<StaffIntake> {
  const { db } = deps.database;
  const rows = (await intakeRepository(db).received([booking.id])).sort((a, b) => (a.role === 'client' ? -1 : b.role === 'client' ? 1 : 0));
  const received = rows.map((r) => ({ role: r.role, at: Number(r.received_at) }));
  const couple = await isCouple(deps, booking.serviceId);
  if (!readable || rows.length === 0) return { received, answers: null, couple };
  await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'booking.intake.read', target: booking.id, requestId: audit.requestId });
  return {
    received,
    couple,
    answers: rows.map((r) => ({ role: r.role, at: Number(r.received_at), answers: JSON.parse(deps.encryptor.decrypt(r.answers_sealed!)) as IntakeAnswers })),
  };
}

/**
 * What the manage page says about the intake: whether it has arrived, and whether to invite it at all (the
 * client's first session with this therapist; a later one, such as the next weekly session, is not a first).
 */
export async function intakeInvitation(deps: Pick<AppDeps, 'database'>, bookingId: string): Promise<{ received: boolean; invite: boolean }> {
  const repo = intakeRepository(deps.database.db);
  const received = (await repo.received([bookingId], 'client')).length > 0;
  return { received, invite: received || !(await repo.hasEarlierSession(bookingId)) };
}

/**
 * The intake's status per booking for the week view (nothing is opened): 'received', 'not-yet' for a first
 * session still without answers, and nothing for a later session that has none (it is not asked again).
 */
export async function intakeStatuses(deps: Pick<AppDeps, 'database'>, bookingIds: readonly string[]): Promise<Map<string, 'received' | 'not-yet'>> {
  const repo = intakeRepository(deps.database.db);
  const [received, first] = await Promise.all([repo.received(bookingIds, 'client'), repo.firstSessions(bookingIds)]);
  const out = new Map<string, 'received' | 'not-yet'>();
  for (const id of first) out.set(id, 'not-yet');
  for (const r of received) out.set(r.booking_id, 'received');
  return out;
}

/**
 * The client's own intake answers per booking, opened, for their copy of their data. A partner's answers are
 * the partner's, not the client's: they are never in it.
 */
export async function clientIntakeAnswers(
  deps: Pick<AppDeps, 'database' | 'encryptor'>,
  bookingIds: readonly string[],
): Promise<Map<string, { receivedAt: string; answers: IntakeAnswers }>> {
  const rows = await intakeRepository(deps.database.db).received(bookingIds, 'client');
  return new Map(
    rows.map((r) => [
      r.booking_id,
      { receivedAt: new Date(Number(r.received_at)).toISOString(), answers: JSON.parse(deps.encryptor.decrypt(r.answers_sealed!)) as IntakeAnswers },
    ]),
  );
}
