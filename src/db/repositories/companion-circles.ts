// Companion circles, their members and invitations; leaving a circle and erasing an account.
// Every read that serves a member is scoped by membership in the query itself. SQL only: the rules (room in
// a circle, who may join) and the e-mail are the use cases' (src/usecases/companion/).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type CircleKind, INVITE_TTL_MS, type Schedule } from '../../domain/companion.ts';
import { type Encryptor, hashToken } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import { atomically } from '../transactions.ts';
import { claimSingleUse } from './single-use.ts';

export { INVITE_TTL_MS };

export interface Circle {
  id: string;
  kind: CircleKind;
  name: string;
  schedule: Schedule;
  createdAt: number;
}

export interface Membership {
  circle: Circle;
  clientId: string;
  displayName: string;
  joinedAt: number;
}

export interface CircleMember {
  clientId: string;
  displayName: string;
  joinedAt: number;
}

type CircleRow = DB['companion_circles'];

export function companionCircles(db: Kysely<DB>, enc: Encryptor) {
  const circleOf = (row: Pick<CircleRow, 'id' | 'kind' | 'name_sealed' | 'weekday' | 'local_time' | 'time_zone' | 'created_at'>): Circle => ({
    id: row.id,
    kind: row.kind,
    name: enc.decrypt(row.name_sealed),
    schedule: { weekday: row.weekday, time: row.local_time, timeZone: row.time_zone },
    createdAt: row.created_at,
  });

  const circleColumns = ['c.id', 'c.kind', 'c.name_sealed', 'c.weekday', 'c.local_time', 'c.time_zone', 'c.created_at'] as const;

  return {
    async create(input: { clientId: string; kind: CircleKind; name: string; displayName: string; schedule: Schedule; now: number }): Promise<string> {
      const id = randomUUID();
      await atomically(db, async (trx) => {
        await trx
          .insertInto('companion_circles')
          .values({
            id,
            kind: input.kind,
            name_sealed: enc.encrypt(input.name),
            weekday: input.schedule.weekday,
            local_time: input.schedule.time,
            time_zone: input.schedule.timeZone,
            created_at: input.now,
            updated_at: input.now,
          })
          .execute();
        await trx
          .insertInto('companion_members')
          .values({ circle_id: id, client_id: input.clientId, display_name_sealed: enc.encrypt(input.displayName), joined_at: input.now })
          .execute();
      });
      return id;
    },

    /**
     * The access query: the circle as seen by one of its members, or null when the client is not a member
     * (or the id is not a circle). Every route under a circle goes through this.
     */
    async membership(circleId: string, clientId: string): Promise<Membership | null> {
      const row = await db
        .selectFrom('companion_members as m')
        .innerJoin('companion_circles as c', 'c.id', 'm.circle_id')
        .select([...circleColumns, 'm.client_id', 'm.display_name_sealed', 'm.joined_at'])
        .where('m.circle_id', '=', circleId)
        .where('m.client_id', '=', clientId)
        .executeTakeFirst();
      if (!row) return null;
      return { circle: circleOf(row), clientId: row.client_id, displayName: enc.decrypt(row.display_name_sealed), joinedAt: row.joined_at };
    },

    async circlesOf(clientId: string): Promise<Membership[]> {
      const rows = await db
        .selectFrom('companion_members as m')
        .innerJoin('companion_circles as c', 'c.id', 'm.circle_id')
        .select([...circleColumns, 'm.client_id', 'm.display_name_sealed', 'm.joined_at'])
        .where('m.client_id', '=', clientId)
        .orderBy('m.joined_at')
        .execute();
      return rows.map((row) => ({
        circle: circleOf(row),
        clientId: row.client_id,
        displayName: enc.decrypt(row.display_name_sealed),
        joinedAt: row.joined_at,
      }));
    },

    /** Every circle, for the reminder job. */
    async all(): Promise<Circle[]> {
      const rows = await db
        .selectFrom('companion_circles as c')
        .select([...circleColumns])
        .orderBy('c.created_at')
        .execute();
      return rows.map(circleOf);
    },

    async members(circleId: string): Promise<CircleMember[]> {
      const rows = await db
        .selectFrom('companion_members')
        .select(['client_id', 'display_name_sealed', 'joined_at'])
        .where('circle_id', '=', circleId)
        .orderBy('joined_at')
        .orderBy('client_id')
        .execute();
      return rows.map((r) => ({ clientId: r.client_id, displayName: enc.decrypt(r.display_name_sealed), joinedAt: r.joined_at }));
    },

    async updateSchedule(circleId: string, schedule: Schedule, now: number): Promise<void> {
      await db
        .updateTable('companion_circles')
        .set({ weekday: schedule.weekday, local_time: schedule.time, time_zone: schedule.timeZone, updated_at: now })
        .where('id', '=', circleId)
        .execute();
    },

    async pendingInvites(circleId: string, now: number): Promise<number> {
      const row = await db
        .selectFrom('companion_invites')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('circle_id', '=', circleId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Takes the circle's row lock on PostgreSQL (SQLite's write transaction already holds the write lock),
     * so that two invitations in two transactions cannot both take the last place.
     */
    async lock(circleId: string, now: number): Promise<void> {
      await db.updateTable('companion_circles').set({ updated_at: now }).where('id', '=', circleId).execute();
    },

    async memberCount(circleId: string): Promise<number> {
      const row = await db
        .selectFrom('companion_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('circle_id', '=', circleId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async isMember(circleId: string, clientId: string): Promise<boolean> {
      const row = await db
        .selectFrom('companion_members')
        .select('client_id')
        .where('circle_id', '=', circleId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Stores a single-use invitation (the token is kept only as its hash). */
    async addInvite(input: { token: string; circleId: string; invitedBy: string; invitee: string; now: number }): Promise<void> {
      await db
        .insertInto('companion_invites')
        .values({
          token_hash: hashToken(input.token),
          circle_id: input.circleId,
          invited_by: input.invitedBy,
          invitee_sealed: enc.encrypt(input.invitee),
          created_at: input.now,
          expires_at: input.now + INVITE_TTL_MS,
          used_at: null,
        })
        .execute();
    },

    /**
     * The open invitations a member sent to this circle, newest first: a label naming each (the start of
     * its token's hash, which reveals nothing of the token), whom it went to, and until when it works.
     */
    async openInvitesBy(circleId: string, invitedBy: string, now: number): Promise<{ label: string; invitee: string | null; expiresAt: number }[]> {
      const rows = await db
        .selectFrom('companion_invites')
        .select(['token_hash', 'invitee_sealed', 'expires_at'])
        .where('circle_id', '=', circleId)
        .where('invited_by', '=', invitedBy)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        label: r.token_hash.slice(0, 16),
        invitee: r.invitee_sealed === null ? null : enc.decrypt(r.invitee_sealed),
        expiresAt: Number(r.expires_at),
      }));
    },

    /** Withdraws one open invitation the member sent, by its label; true when there was one. */
    async cancelInvite(circleId: string, invitedBy: string, label: string, now: number): Promise<boolean> {
      const open = await db
        .selectFrom('companion_invites')
        .select('token_hash')
        .where('circle_id', '=', circleId)
        .where('invited_by', '=', invitedBy)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .execute();
      const hit = open.find((r) => r.token_hash.slice(0, 16) === label);
      if (!hit) return false;
      const r = await db.deleteFrom('companion_invites').where('token_hash', '=', hit.token_hash).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** What an invitation link shows before joining: the kind of circle and who sent it. */
    async findInvite(token: string, now: number): Promise<{ circleId: string; kind: CircleKind; inviterName: string } | null> {
      const row = await db
        .selectFrom('companion_invites as i')
        .innerJoin('companion_circles as c', 'c.id', 'i.circle_id')
        .innerJoin('companion_members as m', (j) => j.onRef('m.circle_id', '=', 'i.circle_id').onRef('m.client_id', '=', 'i.invited_by'))
        .select(['i.circle_id', 'c.kind', 'm.display_name_sealed'])
        .where('i.token_hash', '=', hashToken(token))
        .where('i.used_at', 'is', null)
        .where('i.expires_at', '>', now)
        .executeTakeFirst();
      return row ? { circleId: row.circle_id, kind: row.kind, inviterName: enc.decrypt(row.display_name_sealed) } : null;
    },

    /** The circle an invitation is for, used or not (or undefined for an unknown token). */
    async inviteCircle(token: string): Promise<string | undefined> {
      const row = await db.selectFrom('companion_invites').select('circle_id').where('token_hash', '=', hashToken(token)).executeTakeFirst();
      return row?.circle_id;
    },

    /** Uses an invitation (compare-and-swap: unused and unexpired → used); true when this call used it. */
    claimInvite(token: string, now: number): Promise<boolean> {
      return claimSingleUse(db, 'companion_invites', token, now);
    },

    async addMember(input: { circleId: string; clientId: string; displayName: string; now: number }): Promise<void> {
      await db
        .insertInto('companion_members')
        .values({ circle_id: input.circleId, client_id: input.clientId, display_name_sealed: enc.encrypt(input.displayName), joined_at: input.now })
        .execute();
    },

    /** Leaves a circle: what the member wrote there goes with them; an empty circle is deleted. */
    async leave(circleId: string, clientId: string): Promise<void> {
      await atomically(db, async (trx) => {
        await trx.deleteFrom('companion_answers').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
        await trx.deleteFrom('companion_promises').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
        await trx.deleteFrom('companion_notes').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
        await trx.deleteFrom('companion_drafts').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
        await trx.deleteFrom('companion_invites').where('circle_id', '=', circleId).where('invited_by', '=', clientId).execute();
        await trx
          .deleteFrom('companion_notices')
          .where('client_id', '=', clientId)
          .where('week_id', 'in', (eb) => eb.selectFrom('companion_weeks').select('id').where('circle_id', '=', circleId))
          .execute();
        await trx
          .deleteFrom('companion_reminders')
          .where('client_id', '=', clientId)
          .where('week_id', 'in', (eb) => eb.selectFrom('companion_weeks').select('id').where('circle_id', '=', circleId))
          .execute();
        await trx.deleteFrom('companion_members').where('circle_id', '=', circleId).where('client_id', '=', clientId).execute();
        await deleteEmptyCircles(trx, [circleId]);
      });
    },

    /**
     * Erases an account and everything its holder wrote; circles left empty go too. So do their sign-in
     * links (which hold their sealed address). The companion's e-mail to them is the caller's to delete
     * (src/usecases/companion/erasure.ts does, in the same transaction).
     */
    async eraseClient(clientId: string): Promise<void> {
      await atomically(db, async (trx) => {
        const account = await trx.selectFrom('companion_clients').select(['email_index']).where('id', '=', clientId).executeTakeFirst();
        if (account) await trx.deleteFrom('companion_login_tokens').where('email_index', '=', account.email_index).execute();
        const circles = await trx.selectFrom('companion_members').select('circle_id').where('client_id', '=', clientId).execute();
        // Foreign keys cascade from the client row to sessions, members, answers, reminders, invitations,
        // promises and notes; deleted explicitly as well, so erasure does not depend on that setting.
        for (const table of [
          'companion_answers',
          'companion_promises',
          'companion_notes',
          'companion_reminders',
          'companion_drafts',
          'companion_notices',
          'companion_sessions',
          'companion_members',
        ] as const) {
          await trx.deleteFrom(table).where('client_id', '=', clientId).execute();
        }
        await trx.deleteFrom('companion_invites').where('invited_by', '=', clientId).execute();
        await trx.deleteFrom('companion_clients').where('id', '=', clientId).execute();
        await deleteEmptyCircles(
          trx,
          circles.map((c) => c.circle_id),
        );
      });
    },
  };
}

async function deleteEmptyCircles(trx: Kysely<DB>, circleIds: string[]): Promise<void> {
  for (const id of circleIds) {
    const left = await trx.selectFrom('companion_members').select('client_id').where('circle_id', '=', id).limit(1).executeTakeFirst();
    if (!left) await trx.deleteFrom('companion_circles').where('id', '=', id).execute();
  }
}

export type CompanionCircles = ReturnType<typeof companionCircles>;
