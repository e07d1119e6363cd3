// Running the practice: therapists and their staff accounts (invite, list or unlist, reset a lost second
// factor), and the admin's overview. Every change is an audit row.
import { randomUUID } from 'node:crypto';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import { contactRepository } from '../../db/repositories/contact.ts';
import { outboxRepository } from '../../db/repositories/outbox.ts';
import { practiceRepository } from '../../db/repositories/practice.ts';
import { profileChangeRepository } from '../../db/repositories/profile-changes.ts';
import { serviceRepository } from '../../db/repositories/services.ts';
import { sessionStore } from '../../db/repositories/sessions.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { NO_PASSWORD, normaliseEmail, staffUserRepository } from '../../db/repositories/staff-users.ts';
import { therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import { type ChecklistItem, missingForListing, publishChecklist } from '../../domain/profile.ts';
import type { Gender } from '../../domain/types.ts';
import { heldBefore } from '../outbox.ts';
import type { AuditContext, StaffDeps } from './context.ts';
import { sendInvitation } from './password.ts';

export interface TherapistAccountRow {
  therapistId: string;
  name: string;
  slug: string;
  listed: boolean;
  account: null | { userId: string; email: string; active: boolean; passwordSet: boolean; secondFactor: boolean };
}

/** The admin's overview: new messages and profile changes waiting. */
export async function adminCounts(deps: StaffDeps): Promise<{ newMessages: number; pendingProfiles: number; undeliveredMail: number }> {
  const { db } = deps.database;
  const [newMessages, pendingProfiles, undeliveredMail] = await Promise.all([
    contactRepository(db, deps.encryptor).countNew(),
    profileChangeRepository(db).countPending(),
    outboxRepository(db).countGivenUp(heldBefore(deps.clock.now())),
  ]);
  return { newMessages, pendingProfiles, undeliveredMail };
}

/** Every therapist, listed or not, with their staff account if they have one. */
export async function therapistAccounts(deps: StaffDeps): Promise<TherapistAccountRow[]> {
  const { db } = deps.database;
  const [therapists, users] = await Promise.all([therapistRepository(db).listAll(), staffUserRepository(db).list()]);
  return therapists.map((t) => {
    const u = users.find((x) => x.therapistId === t.id);
    return {
      therapistId: t.id,
      name: t.name,
      slug: t.slug,
      listed: t.listed,
      account: u ? { userId: u.id, email: u.email, active: u.active, passwordSet: u.passwordHash !== NO_PASSWORD, secondFactor: u.totpSecret !== null } : null,
    };
  });
}

/** One therapist as the admin's page shows them: the account row and the therapist's own zone. */
export async function therapistForAdmin(deps: StaffDeps, therapistId: string): Promise<(TherapistAccountRow & { timeZone: string }) | undefined> {
  const t = (await therapistAccounts(deps)).find((r) => r.therapistId === therapistId);
  if (!t) return undefined;
  const found = await therapistRepository(deps.database.db).findAny(therapistId);
  return found ? { ...t, timeZone: found.timeZone } : undefined;
}

export interface Invitation {
  email: string;
  /** An existing therapist without an account, or "new" for a new (unlisted) therapist. */
  therapistId: string;
  name: string;
  /** Required for someone new (the form asks; nothing is assumed). */
  gender?: Gender | undefined;
  pronouns?: string | undefined;
}

function slugFor(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'therapist'
  );
}

/**
 * Sets up a staff account for a therapist (an existing record, or a new one that stays out of the
 * directory until an admin lists it) and e-mails them a single-use link to choose a password. Refusals:
 * STAFF_EMAIL_TAKEN, THERAPIST_NOT_FOUND, THERAPIST_HAS_ACCOUNT.
 */
export async function inviteTherapist(deps: StaffDeps, invitation: Invitation, audit: AuditContext): Promise<Outcome<{ userId: string; therapistId: string }>> {
  const { db } = deps.database;
  const email = normaliseEmail(invitation.email);
  if (await staffUserRepository(db).findByEmail(email)) return fail('STAFF_EMAIL_TAKEN', 'That e-mail address already has a staff account');
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const therapists = therapistRepository(trx);
    let therapistId = invitation.therapistId;
    let name = invitation.name.trim();
    if (therapistId === 'new') {
      therapistId = randomUUID();
      const taken = await therapists.slugs();
      const base = slugFor(name);
      let slug = base;
      for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
      const { timeZone } = await practiceRepository(trx).get();
      // No services and no fee: they choose what they offer, and stay unlisted until the profile is complete.
      await therapists.create(
        { id: therapistId, slug, name, pronouns: invitation.pronouns?.trim() ?? '', gender: invitation.gender ?? 'non_binary', email, timeZone },
        now,
      );
      await writeAudit(trx, now, { actor: audit.actor, action: 'admin.therapist.create', target: `therapist:${therapistId}`, requestId: audit.requestId });
    } else {
      const t = await therapists.findAny(therapistId);
      if (!t) return fail('THERAPIST_NOT_FOUND', 'Choose a therapist from the list');
      if (await staffUserRepository(trx).findByTherapist(therapistId)) return fail('THERAPIST_HAS_ACCOUNT', 'That therapist already has an account');
      name = name || t.name;
      if (!t.email) await therapists.setEmail(therapistId, email, now);
    }
    const userId = randomUUID();
    await staffUserRepository(trx).insert({ id: userId, email, name, role: 'therapist', therapistId }, now);
    await sendInvitation(deps, trx, { id: userId, email, name }, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'admin.therapist.invite', target: `user:${userId}`, requestId: audit.requestId });
    return ok({ userId, therapistId });
  });
}

/** What listing or deactivating a therapist would do: the checklist, and the upcoming sessions that stay booked. */
export interface ListingReview {
  therapist: TherapistAccountRow & { timeZone: string };
  checklist: ChecklistItem[];
  missing: ChecklistItem[];
  upcoming: number;
}

export async function listingReview(deps: StaffDeps, therapistId: string): Promise<ListingReview | undefined> {
  const { db } = deps.database;
  const [therapist, profile, services, upcoming] = await Promise.all([
    therapistForAdmin(deps, therapistId),
    therapistRepository(db).profileFields(therapistId),
    serviceRepository(db).listAll(),
    bookingRepository(db).upcomingForTherapist(therapistId, deps.clock.now(), 1000),
  ]);
  if (!therapist || !profile) return undefined;
  const checklist = publishChecklist(profile, services);
  return { therapist, checklist, missing: missingForListing(checklist), upcoming: upcoming.length };
}

/**
 * Deactivating takes a therapist out of the directory (no new bookings) and ends their account's sessions
 * and calendar feed; their upcoming bookings stay for an admin to move. Activating puts both back, and
 * lists them only when their profile is complete (PROFILE_INCOMPLETE otherwise, naming what is missing).
 */
export async function setTherapistActive(deps: StaffDeps, therapistId: string, active: boolean, audit: AuditContext): Promise<Outcome<true>> {
  const { db } = deps.database;
  return db.transaction().execute(async (trx): Promise<Outcome<true>> => {
    const now = deps.clock.now();
    const therapists = therapistRepository(trx);
    if (active) {
      const [profile, services] = await Promise.all([therapists.profileFields(therapistId), serviceRepository(trx).listAll()]);
      if (!profile) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
      const missing = missingForListing(publishChecklist(profile, services));
      if (missing.length > 0) return fail('PROFILE_INCOMPLETE', `Not listed: ${missing.map((m) => m.todo).join(' ')}`);
    }
    if (!(await therapists.setListed(therapistId, active, now))) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
    const user = await staffUserRepository(trx).findByTherapist(therapistId);
    if (user) {
      await staffUserRepository(trx).setActive(user.id, active, now);
      if (!active) {
        await sessionStore(trx, 'staff').deleteAllFor(user.id);
        await writeAudit(trx, now, { actor: audit.actor, action: 'staff.sessions.revoked', target: `user:${user.id}`, requestId: audit.requestId });
      }
    }
    if (!active) await therapists.removeCalendarFeed(therapistId);
    await writeAudit(trx, now, {
      actor: audit.actor,
      action: active ? 'admin.therapist.activate' : 'admin.therapist.deactivate',
      target: `therapist:${therapistId}`,
      requestId: audit.requestId,
    });
    return ok(true as const);
  });
}

/**
 * After a lost phone: the account's second factor goes, and so do its sessions; the next sign-in enrols
 * again. THERAPIST_NOT_FOUND when there is no such therapist; `reset` is false when they have no account.
 */
export async function resetSecondFactor(deps: StaffDeps, therapistId: string, audit: AuditContext): Promise<Outcome<{ reset: boolean }>> {
  const { db } = deps.database;
  if (!(await therapistRepository(db).findAny(therapistId))) return fail('THERAPIST_NOT_FOUND', 'No such therapist');
  const user = await staffUserRepository(db).findByTherapist(therapistId);
  if (!user) return ok({ reset: false });
  const now = deps.clock.now();
  await staffUserRepository(db).clearSecondFactor(user.id, now);
  await sessionStore(db, 'staff').deleteAllFor(user.id);
  await writeAudit(db, now, { actor: audit.actor, action: 'admin.second-factor.reset', target: `user:${user.id}`, requestId: audit.requestId });
  await writeAudit(db, now, { actor: audit.actor, action: 'staff.sessions.revoked', target: `user:${user.id}`, requestId: audit.requestId });
  return ok({ reset: true });
}
