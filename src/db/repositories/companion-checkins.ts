// Check-in weeks, answers (sealed JSON) and the per-member-per-week reminder rows.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type CheckInAnswer,
  csiDue,
  isKept,
  isRevealed,
  openWeek,
  type Period,
  StoredCheckInAnswer,
} from '../../domain/companion.ts';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import type { Circle } from './companion-circles.ts';

export interface Week extends Period {
  id: string;
  circleId: string;
  withCsi: boolean;
  revealedAt: number | null;
  keptAt: number | null;
}

export interface WeekAnswer {
  clientId: string;
  answer: CheckInAnswer;
  updatedAt: number;
}

type WeekRow = DB['companion_weeks'];

const weekOf = (r: WeekRow): Week => ({
  id: r.id,
  circleId: r.circle_id,
  start: r.starts_at,
  end: r.ends_at,
  withCsi: r.with_csi === 1,
  revealedAt: r.revealed_at,
  keptAt: r.kept_at,
});

export type SaveResult = { saved: true; revealed: boolean } | { saved: false; reason: 'closed' };

export function companionCheckIns(db: Kysely<DB>, enc: Encryptor) {
  const seal = (a: CheckInAnswer) => enc.encrypt(JSON.stringify(a));
  const unseal = (s: string): CheckInAnswer => StoredCheckInAnswer.parse(JSON.parse(enc.decrypt(s))) as CheckInAnswer;

  async function latestWeek(circleId: string, trx: Kysely<DB> = db): Promise<Week | null> {
    const row = await trx.selectFrom('companion_weeks').selectAll().where('circle_id', '=', circleId).orderBy('starts_at', 'desc').limit(1).executeTakeFirst();
    return row ? weekOf(row) : null;
  }

  return {
    /**
     * The week open now, as recorded, or as it will be recorded (id null) once someone answers: reading a
     * page never writes.
     */
    async openWeek(circle: Circle, now: number): Promise<Week | (Period & { id: null; withCsi: boolean; revealedAt: null; keptAt: null; circleId: string })> {
      const latest = await latestWeek(circle.id);
      const period = openWeek(circle.schedule, latest ? [latest] : [], now);
      if (latest && latest.start === period.start) return latest;
      return { ...period, id: null, circleId: circle.id, withCsi: csiDue(circle.kind, period.start, circle.schedule.timeZone), revealedAt: null, keptAt: null };
    },

    /** Records the week open now (idempotent: concurrent callers get the same row). */
    async ensureOpenWeek(circle: Circle, now: number): Promise<Week> {
      const latest = await latestWeek(circle.id);
      const period = openWeek(circle.schedule, latest ? [latest] : [], now);
      if (latest && latest.start === period.start) return latest;
      await db
        .insertInto('companion_weeks')
        .values({
          id: randomUUID(),
          circle_id: circle.id,
          starts_at: period.start,
          ends_at: period.end,
          with_csi: csiDue(circle.kind, period.start, circle.schedule.timeZone) ? 1 : 0,
          revealed_at: null,
          kept_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['circle_id', 'starts_at']).doNothing())
        .execute();
      const row = await db.selectFrom('companion_weeks').selectAll().where('circle_id', '=', circle.id).where('starts_at', '=', period.start).executeTakeFirstOrThrow();
      return weekOf(row);
    },

    /** A week of this circle, or null (a week id from another circle is not found). */
    async week(circleId: string, weekId: string): Promise<Week | null> {
      const row = await db.selectFrom('companion_weeks').selectAll().where('id', '=', weekId).where('circle_id', '=', circleId).executeTakeFirst();
      return row ? weekOf(row) : null;
    },

    /** The circle's weeks, newest first. */
    async weeks(circleId: string, limit = 520): Promise<Week[]> {
      const rows = await db.selectFrom('companion_weeks').selectAll().where('circle_id', '=', circleId).orderBy('starts_at', 'desc').limit(limit).execute();
      return rows.map(weekOf);
    },

    /**
     * Every answer to one week, unsealed. Only ever passed to the reveal rule (weekView), which decides
     * what of it a viewer sees.
     */
    async answers(weekId: string): Promise<WeekAnswer[]> {
      const rows = await db.selectFrom('companion_answers').select(['client_id', 'body_sealed', 'updated_at']).where('week_id', '=', weekId).orderBy('created_at').execute();
      return rows.map((r) => ({ clientId: r.client_id, answer: unseal(r.body_sealed), updatedAt: r.updated_at }));
    },

    /** Every answer in a circle by week id, for trends (again only through the reveal rule). */
    async answersByWeek(circleId: string): Promise<Map<string, WeekAnswer[]>> {
      const rows = await db.selectFrom('companion_answers').select(['week_id', 'client_id', 'body_sealed', 'updated_at']).where('circle_id', '=', circleId).orderBy('created_at').execute();
      const out = new Map<string, WeekAnswer[]>();
      for (const r of rows) {
        const list = out.get(r.week_id) ?? [];
        list.push({ clientId: r.client_id, answer: unseal(r.body_sealed), updatedAt: r.updated_at });
        out.set(r.week_id, list);
      }
      return out;
    },

    /** One member's own answers in one circle, oldest first. */
    async ownHistory(circleId: string, clientId: string): Promise<{ week: Week; answer: CheckInAnswer }[]> {
      const rows = await db
        .selectFrom('companion_answers as a')
        .innerJoin('companion_weeks as w', 'w.id', 'a.week_id')
        .selectAll('w')
        .select(['a.body_sealed'])
        .where('a.circle_id', '=', circleId)
        .where('a.client_id', '=', clientId)
        .orderBy('w.starts_at')
        .execute();
      return rows.map((r) => ({ week: weekOf(r), answer: unseal(r.body_sealed) }));
    },

    /** Every answer a client ever gave, in every circle: for their export. */
    async allOwn(clientId: string): Promise<{ circleId: string; week: Week; answer: CheckInAnswer; updatedAt: number }[]> {
      const rows = await db
        .selectFrom('companion_answers as a')
        .innerJoin('companion_weeks as w', 'w.id', 'a.week_id')
        .selectAll('w')
        .select(['a.body_sealed', 'a.updated_at as answer_updated_at'])
        .where('a.client_id', '=', clientId)
        .orderBy('w.starts_at')
        .execute();
      return rows.map((r) => ({ circleId: r.circle_id, week: weekOf(r), answer: unseal(r.body_sealed), updatedAt: r.answer_updated_at }));
    },

    /**
     * Saves (or replaces) a member's answer while the week is open and not yet revealed. In one
     * transaction holding the week's row: the answer, then the reveal and the "kept" mark once everyone
     * has answered, each set once.
     */
    async saveAnswer(input: { week: Week; clientId: string; answer: CheckInAnswer; now: number }): Promise<SaveResult> {
      const { week, clientId, answer, now } = input;
      return db.transaction().execute(async (trx) => {
        // A no-op write takes the week's row lock on PostgreSQL; SQLite's transaction holds the write lock.
        await trx.updateTable('companion_weeks').set((eb) => ({ created_at: eb.ref('created_at') })).where('id', '=', week.id).execute();
        const row = await trx.selectFrom('companion_weeks').selectAll().where('id', '=', week.id).executeTakeFirst();
        if (!row) return { saved: false, reason: 'closed' } as const;
        const current = weekOf(row);
        const members = (await trx.selectFrom('companion_members').select('client_id').where('circle_id', '=', current.circleId).execute()).map((m) => m.client_id);
        const answeredBefore = (await trx.selectFrom('companion_answers').select('client_id').where('week_id', '=', week.id).execute()).map((a) => a.client_id);
        const open = now >= current.start && now < current.end && !isRevealed({ ...current }, members, answeredBefore, now);
        if (!open || !members.includes(clientId)) return { saved: false, reason: 'closed' } as const;
        if (answeredBefore.includes(clientId)) {
          await trx.updateTable('companion_answers').set({ body_sealed: seal(answer), updated_at: now }).where('week_id', '=', week.id).where('client_id', '=', clientId).execute();
        } else {
          await trx
            .insertInto('companion_answers')
            .values({ id: randomUUID(), week_id: week.id, circle_id: current.circleId, client_id: clientId, body_sealed: seal(answer), created_at: now, updated_at: now })
            .execute();
        }
        const answered = [...new Set([...answeredBefore, clientId])];
        const revealed = isRevealed({ ...current, revealedAt: null }, members, answered, now);
        if (revealed) await trx.updateTable('companion_weeks').set({ revealed_at: now }).where('id', '=', week.id).where('revealed_at', 'is', null).execute();
        if (isKept(members, answered)) await trx.updateTable('companion_weeks').set({ kept_at: now }).where('id', '=', week.id).where('kept_at', 'is', null).execute();
        return { saved: true, revealed } as const;
      });
    },

    async keptCount(circleId: string): Promise<number> {
      const row = await db
        .selectFrom('companion_weeks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('circle_id', '=', circleId)
        .where('kept_at', 'is not', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The members still to answer a week get a reminder row each ('due'); existing rows are left alone. */
    async addDueReminders(weekId: string, clientIds: string[], now: number): Promise<void> {
      for (const clientId of clientIds) {
        await db
          .insertInto('companion_reminders')
          .values({ week_id: weekId, client_id: clientId, status: 'due', created_at: now, queued_at: null })
          .onConflict((oc) => oc.columns(['week_id', 'client_id']).doNothing())
          .execute();
      }
    },

    /**
     * Claims one reminder (compare-and-swap due → queued) and, in the same transaction, lets `deliver`
     * write its e-mail to the outbox. True when this caller claimed it.
     */
    async claimReminder(weekId: string, clientId: string, now: number, deliver: (trx: Kysely<DB>) => Promise<void>): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('companion_reminders')
          .set({ status: 'queued', queued_at: now })
          .where('week_id', '=', weekId)
          .where('client_id', '=', clientId)
          .where('status', '=', 'due')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await deliver(trx);
        return true;
      });
    },

    async dueReminders(weekId: string): Promise<string[]> {
      const rows = await db.selectFrom('companion_reminders').select('client_id').where('week_id', '=', weekId).where('status', '=', 'due').execute();
      return rows.map((r) => r.client_id);
    },
  };
}

export type CompanionCheckIns = ReturnType<typeof companionCheckIns>;
