// Staff accounts: admins and therapists, their passwords (scrypt), second factor (sealed TOTP secret and
// the last time-step used) and single-use tokens for password resets and invitations (kept hashed).
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

export type StaffRole = 'admin' | 'therapist';

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  therapistId: string | null;
  active: boolean;
  passwordHash: string;
  /** Sealed; null until a second factor is enrolled. */
  totpSecret: string | null;
  /** Sealed; a secret being enrolled, with the session that may see and confirm it, until it expires. */
  totpPending: string | null;
  /** SHA-256 of the id of the session that started the enrolment or change. */
  totpPendingSession: string | null;
  totpPendingExpiresAt: number | null;
  totpLastStep: number | null;
  createdAt: number;
}

type Row = DB['users'];

const toUser = (r: Row): StaffUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  therapistId: r.therapist_id,
  active: r.active === 1,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpPending: r.totp_pending,
  totpPendingSession: r.totp_pending_session,
  totpPendingExpiresAt: r.totp_pending_expires_at === null ? null : Number(r.totp_pending_expires_at),
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  createdAt: Number(r.created_at),
});

/** E-mail addresses are kept and compared in lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A password hash that no password matches: an invited user has none until they choose one. */
export const NO_PASSWORD = '!';

export type StaffTokenPurpose = 'reset' | 'invite';

/** Who may see and confirm a pending secret, and until when. */
export interface PendingBinding {
  sessionIdHash: string;
  expiresAt: number;
}

/** The pending secret is this session's, and still fresh: the only case in which it may be shown or confirmed. */
export const pendingIsLive = (
  user: Pick<StaffUser, 'totpPending' | 'totpPendingSession' | 'totpPendingExpiresAt'>,
  sessionIdHash: string,
  now: number,
): boolean => user.totpPending !== null && user.totpPendingSession === sessionIdHash && user.totpPendingExpiresAt !== null && now < user.totpPendingExpiresAt;

export function staffUserRepository(db: Kysely<DB>) {
  return {
    /** Reset and invitation links that expired, or were used, before `before` (retention). */
    async purgeTokens(before: number): Promise<number> {
      const r = await db
        .deleteFrom('staff_tokens')
        .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async findByEmail(email: string): Promise<StaffUser | undefined> {
      const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async findById(id: string): Promise<StaffUser | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async findByTherapist(therapistId: string): Promise<StaffUser | undefined> {
      const row = await db.selectFrom('users').selectAll().where('therapist_id', '=', therapistId).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async list(): Promise<StaffUser[]> {
      return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
    },
    async insert(user: { id: string; email: string; name: string; role: StaffRole; therapistId: string | null }, now: number): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: normaliseEmail(user.email),
          name: user.name,
          role: user.role,
          therapist_id: user.therapistId,
          password_hash: NO_PASSWORD,
          totp_secret: null,
          totp_pending: null,
          totp_pending_session: null,
          totp_pending_expires_at: null,
          totp_last_step: null,
          password_changed_at: null,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
    async setPassword(id: string, passwordHash: string, now: number): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', id).execute();
    },
    async setActive(id: string, active: boolean, now: number): Promise<void> {
      await db
        .updateTable('users')
        .set({ active: active ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
    /**
     * Starts (or restarts) enrolment with a new sealed secret, for the session that asked and until a time
     * (without a binding, no session may use it: only direct confirmation, as set-up scripts do).
     */
    async setPendingSecret(id: string, sealed: string | null, now: number, binding?: PendingBinding): Promise<void> {
      await db
        .updateTable('users')
        .set({
          totp_pending: sealed,
          totp_pending_session: sealed !== null && binding ? binding.sessionIdHash : null,
          totp_pending_expires_at: sealed !== null && binding ? binding.expiresAt : null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },
    /**
     * Makes the pending secret the second factor, with the step of the code that proved it as used.
     * Compare-and-swap on the pending secret: two confirmations of one enrolment succeed once. With a
     * session, the secret must also be that session's and not expired at `now`.
     */
    async confirmPendingSecret(id: string, pendingSealed: string, step: number, now: number, sessionIdHash?: string): Promise<boolean> {
      let q = db
        .updateTable('users')
        .set({
          totp_secret: pendingSealed,
          totp_pending: null,
          totp_pending_session: null,
          totp_pending_expires_at: null,
          totp_last_step: step,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('totp_pending', '=', pendingSealed);
      if (sessionIdHash !== undefined) q = q.where('totp_pending_session', '=', sessionIdHash).where('totp_pending_expires_at', '>', now);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Claims a time-step: true once per step and user, however many requests race for it. */
    async claimTotpStep(id: string, step: number): Promise<boolean> {
      const r = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** Removes the second factor (an admin's reset after a lost phone): the next sign-in enrols again. */
    async clearSecondFactor(id: string, now: number): Promise<void> {
      await db
        .updateTable('users')
        .set({ totp_secret: null, totp_pending: null, totp_pending_session: null, totp_pending_expires_at: null, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    /** A new single-use token; only its hash is stored. Earlier unused ones of the same purpose stop working. */
    async issueToken(userId: string, purpose: StaffTokenPurpose, now: number, ttlMs: number): Promise<string> {
      const token = newToken();
      await db.deleteFrom('staff_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
      await db
        .insertInto('staff_tokens')
        .values({ token_hash: hashToken(token), user_id: userId, purpose, created_at: now, expires_at: now + ttlMs, used_at: null })
        .execute();
      return token;
    },
    /** The user a live, unused token belongs to, without using it up (to show the form). */
    async peekToken(token: string, purpose: StaffTokenPurpose, now: number): Promise<string | undefined> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const row = await db
        .selectFrom('staff_tokens')
        .select('user_id')
        .where('token_hash', '=', hashToken(token))
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.user_id;
    },
    /** Uses a token up (compare-and-swap): the user id once, then never again. */
    async consumeToken(token: string, purpose: StaffTokenPurpose, now: number): Promise<string | undefined> {
      const userId = await this.peekToken(token, purpose, now);
      if (!userId) return undefined;
      const r = await db
        .updateTable('staff_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1 ? userId : undefined;
    },
  };
}

export type StaffUserRepository = ReturnType<typeof staffUserRepository>;
