// Running the practice: therapists and their accounts, services, practice settings, the inbox of contact
// messages and call-back requests, and the waiting list. Every change is an audit row.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { contactRepository } from '../db/repositories/contact.ts';
import { type ContactRequest, contactRequest, contactRequests } from './contact/read.ts';
import type { PracticeSettings } from '../db/repositories/practice.ts';
import { writeAudit } from '../db/repositories/staff-audit.ts';
import { staffSessionRepository } from '../db/repositories/staff-sessions.ts';
import { normaliseEmail, NO_PASSWORD, staffUserRepository } from '../db/repositories/staff-users.ts';
import type { DB } from '../db/schema.ts';
import type { Gender } from '../domain/types.ts';
import { type StaffDeps, sendInvitation } from './staff-auth.ts';
import type { AuditContext } from './audit.ts';

type Db = Kysely<DB>;

export interface TherapistAccountRow {
  therapistId: string;
  name: string;
  slug: string;
  listed: boolean;
  account: null | { userId: string; email: string; active: boolean; passwordSet: boolean; secondFactor: boolean };
}

export async function therapistAccounts(db: Db): Promise<TherapistAccountRow[]> {
  const [therapists, users] = await Promise.all([
    db.selectFrom('therapists').select(['id', 'name', 'slug', 'active']).orderBy('name').execute(),
    staffUserRepository(db).list(),
  ]);
  return therapists.map((t) => {
    const u = users.find((x) => x.therapistId === t.id);
    return {
      therapistId: t.id,
      name: t.name,
      slug: t.slug,
      listed: t.active === 1,
      account: u ? { userId: u.id, email: u.email, active: u.active, passwordSet: u.passwordHash !== NO_PASSWORD, secondFactor: u.totpSecret !== null } : null,
    };
  });
}

export interface Invitation {
  email: string;
  /** An existing therapist without an account, or "new" for a new (unlisted) therapist. */
  therapistId: string;
  name: string;
  gender?: Gender | undefined;
  pronouns?: string | undefined;
}

export type InviteOutcome = { ok: true; userId: string; therapistId: string } | { ok: false; field: 'email' | 'therapistId'; message: string };

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
 * directory until an admin lists it) and e-mails them a single-use link to choose a password.
 */
export async function inviteTherapist(deps: StaffDeps, invitation: Invitation, audit: AuditContext): Promise<InviteOutcome> {
  const { db } = deps.database;
  const email = normaliseEmail(invitation.email);
  if (await staffUserRepository(db).findByEmail(email)) return { ok: false, field: 'email', message: 'That e-mail address already has a staff account' };
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    let therapistId = invitation.therapistId;
    let name = invitation.name.trim();
    if (therapistId === 'new') {
      therapistId = randomUUID();
      const taken = new Set((await trx.selectFrom('therapists').select('slug').execute()).map((r) => r.slug));
      const base = slugFor(name);
      let slug = base;
      for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
      const practice = await trx.selectFrom('practice_settings').select(['time_zone']).where('id', '=', 1).executeTakeFirstOrThrow();
      await trx
        .insertInto('therapists')
        .values({
          id: therapistId, slug, name, pronouns: invitation.pronouns?.trim() ?? '', gender: invitation.gender ?? 'non_binary', bio: '', approach: '',
          accreditations: '[]', fee_minor: 7500, currency: 'GBP', time_zone: practice.time_zone, years_practising: 0, lgbtq_affirming: 0,
          cultural_experience: '[]', offers_online: 1, offers_in_person: 0, psychosexual_trained: 0,
          style: JSON.stringify({ directive: 0.5, pastFocus: 0.5, challenging: 0.5 }), active: 0, created_at: now, updated_at: now, email,
        })
        .execute();
      const services = await trx.selectFrom('services').select('id').where('active', '=', 1).execute();
      if (services.length) await trx.insertInto('therapist_services').values(services.map((s) => ({ therapist_id: therapistId, service_id: s.id }))).execute();
      await writeAudit(trx, now, { actor: audit.actor, action: 'admin.therapist.create', target: `therapist:${therapistId}`, requestId: audit.requestId });
    } else {
      const t = await trx.selectFrom('therapists').select(['id', 'name', 'email']).where('id', '=', therapistId).executeTakeFirst();
      if (!t) return { ok: false as const, field: 'therapistId' as const, message: 'Choose a therapist from the list' };
      const existing = await trx.selectFrom('users').select('id').where('therapist_id', '=', therapistId).executeTakeFirst();
      if (existing) return { ok: false as const, field: 'therapistId' as const, message: 'That therapist already has an account' };
      name = name || t.name;
      if (!t.email) await trx.updateTable('therapists').set({ email, updated_at: now }).where('id', '=', therapistId).execute();
    }
    const userId = randomUUID();
    await staffUserRepository(trx).insert({ id: userId, email, name, role: 'therapist', therapistId }, now);
    await sendInvitation(deps, trx, { id: userId, email, name }, now);
    await writeAudit(trx, now, { actor: audit.actor, action: 'admin.therapist.invite', target: `user:${userId}`, requestId: audit.requestId });
    return { ok: true as const, userId, therapistId };
  });
}

/**
 * Deactivating takes a therapist out of the directory (no new bookings) and ends their account's sessions
 * and calendar feed; their upcoming bookings stay for an admin to move. Activating puts both back.
 */
export async function setTherapistActive(deps: StaffDeps, therapistId: string, active: boolean, audit: AuditContext): Promise<boolean> {
  const { db } = deps.database;
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const r = await trx.updateTable('therapists').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', therapistId).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    const user = await trx.selectFrom('users').select('id').where('therapist_id', '=', therapistId).executeTakeFirst();
    if (user) {
      await trx.updateTable('users').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', user.id).execute();
      if (!active) {
        await staffSessionRepository(trx).deleteForUser(user.id);
        await writeAudit(trx, now, { actor: audit.actor, action: 'staff.sessions.revoked', target: `user:${user.id}`, requestId: audit.requestId });
      }
    }
    if (!active) await trx.deleteFrom('calendar_feeds').where('therapist_id', '=', therapistId).execute();
    await writeAudit(trx, now, { actor: audit.actor, action: active ? 'admin.therapist.activate' : 'admin.therapist.deactivate', target: `therapist:${therapistId}`, requestId: audit.requestId });
    return true;
  });
}

/** After a lost phone: the account's second factor goes, and so do its sessions; the next sign-in enrols again. */
export async function resetSecondFactor(deps: StaffDeps, therapistId: string, audit: AuditContext): Promise<boolean> {
  const { db } = deps.database;
  const user = await staffUserRepository(db).findByTherapist(therapistId);
  if (!user) return false;
  const now = deps.clock.now();
  await staffUserRepository(db).clearSecondFactor(user.id, now);
  await staffSessionRepository(db).deleteForUser(user.id);
  await writeAudit(db, now, { actor: audit.actor, action: 'admin.second-factor.reset', target: `user:${user.id}`, requestId: audit.requestId });
  await writeAudit(db, now, { actor: audit.actor, action: 'staff.sessions.revoked', target: `user:${user.id}`, requestId: audit.requestId });
  return true;
}

// ---------------------------------------------------------------------------- services

export interface ServiceSettings {
  durationMinutes: number;
  priceMinor: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  bookingWindowDays: number;
  slotIntervalMinutes: number;
  active: boolean;
}

export async function updateService(deps: StaffDeps, serviceId: string, s: ServiceSettings, audit: AuditContext): Promise<boolean> {
  const { db } = deps.database;
  const r = await db
    .updateTable('services')
    .set({
      duration_minutes: s.durationMinutes,
      price_minor: s.priceMinor,
      buffer_before_minutes: s.bufferBeforeMinutes,
      buffer_after_minutes: s.bufferAfterMinutes,
      min_notice_minutes: s.minNoticeMinutes,
      booking_window_days: s.bookingWindowDays,
      slot_interval_minutes: s.slotIntervalMinutes,
      active: s.active ? 1 : 0,
    })
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'admin.service.update', target: `service:${serviceId}`, requestId: audit.requestId });
  return true;
}

// ---------------------------------------------------------------------------- practice settings

/** The practice settings an admin edits: the public settings, plus whether profile changes need approval. */
export type PracticeSettingsInput = PracticeSettings & { profileApprovalRequired: boolean };

export async function updatePracticeSettings(deps: StaffDeps, s: PracticeSettingsInput, audit: AuditContext): Promise<void> {
  const { db } = deps.database;
  const now = deps.clock.now();
  await db
    .updateTable('practice_settings')
    .set({
      name: s.name,
      phone: s.phone,
      email: s.email,
      address: s.address,
      time_zone: s.timeZone,
      opening_hours: s.openingHours,
      urgent_help: JSON.stringify(s.urgentHelp),
      late_cancellation_hours: s.lateCancellationHours,
      reminder_hours: s.reminderHours,
      guide_reviewed_by: s.guideReviewedBy,
      guide_reviewed_on: s.guideReviewedOn,
      profile_approval_required: s.profileApprovalRequired ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', 1)
    .execute();
  await writeAudit(db, now, { actor: audit.actor, action: 'admin.settings.update', target: 'practice', requestId: audit.requestId });
}

// ---------------------------------------------------------------------------- inbox and waiting list

/** Contact messages and call-back requests, newest first; reading the list is audited (names show). */
export async function inbox(deps: StaffDeps, status: 'new' | 'handled' | undefined, audit: AuditContext): Promise<ContactRequest[]> {
  const list = await contactRequests(deps, status ? { status } : {});
  if (list.length > 0) await writeAudit(deps.database.db, deps.clock.now(), { actor: audit.actor, action: 'contact.list', target: null, requestId: audit.requestId });
  return list;
}

export async function inboxItem(deps: StaffDeps, id: string, audit: AuditContext): Promise<ContactRequest | undefined> {
  const item = await contactRequest(deps, id);
  if (item) await writeAudit(deps.database.db, deps.clock.now(), { actor: audit.actor, action: 'contact.read', target: `contact:${id}`, requestId: audit.requestId });
  return item;
}

export async function markInboxHandled(deps: StaffDeps, id: string, audit: AuditContext): Promise<boolean> {
  const now = deps.clock.now();
  const done = await contactRepository(deps.database.db, deps.encryptor).markHandled(id, now);
  if (done) await writeAudit(deps.database.db, now, { actor: audit.actor, action: 'contact.handled', target: `contact:${id}`, requestId: audit.requestId });
  return done;
}

export interface WaitlistEntryView {
  id: string;
  serviceName: string;
  therapistName: string | null;
  name: string;
  email: string;
  fromDate: string;
  toDate: string;
  status: string;
  createdAt: number;
  lastNotifiedAt: number | null;
}

export async function waitlistEntries(deps: StaffDeps, audit: AuditContext): Promise<WaitlistEntryView[]> {
  const { db } = deps.database;
  const rows = await db
    .selectFrom('waitlist as w')
    .innerJoin('services as s', 's.id', 'w.service_id')
    .leftJoin('therapists as t', 't.id', 'w.therapist_id')
    .select(['w.id', 'w.client_name', 'w.client_email', 'w.from_date', 'w.to_date', 'w.status', 'w.created_at', 'w.last_notified_at', 's.name as service_name', 't.name as therapist_name'])
    .orderBy('w.status', 'desc')
    .orderBy('w.id')
    .limit(500)
    .execute();
  if (rows.length > 0) await writeAudit(db, deps.clock.now(), { actor: audit.actor, action: 'waitlist.list', target: null, requestId: audit.requestId });
  return rows.map((r) => ({
    id: r.id,
    serviceName: r.service_name,
    therapistName: r.therapist_name,
    name: deps.encryptor.decrypt(r.client_name),
    email: deps.encryptor.decrypt(r.client_email),
    fromDate: r.from_date,
    toDate: r.to_date,
    status: r.status,
    createdAt: Number(r.created_at),
    lastNotifiedAt: r.last_notified_at === null ? null : Number(r.last_notified_at),
  }));
}
