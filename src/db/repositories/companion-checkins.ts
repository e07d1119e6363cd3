// Check-in weeks, answers (sealed JSON) and the per-member-per-week reminder rows. SQL only: which week is
// open, and when a week is revealed or kept, is decided in src/usecases/companion/ with the domain's rules.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type CheckInAnswer, type Period, StoredCheckInAnswer } from '../../domain/companion.ts';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

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

export function companionCheckIns(db: Kysely<DB>, enc: Encryptor) {
  const seal = (a: CheckInAnswer) => enc.encrypt(JSON.stringify(a));
  const unseal = (s: string): CheckInAnswer => StoredCheckInAnswer.parse(JSON.parse(enc.decrypt(s))) as CheckInAnswer;

  return {
    /** The circle's latest recorded week, or null. */
    async latestWeek(circleId: string): Promise<Week | null> {
      const row = await db.selectFrom('companion_weeks').selectAll().where('circle_id', '=', circleId).orderBy('starts_at', 'desc').limit(1).executeTakeFirst();
      return row ? weekOf(row) : null;
    },

    /** Records a week (idempotent: concurrent callers get the same row) and returns it as stored. */
    async addWeek(input: { circleId: string; period: Period; withCsi: boolean; now: number }): Promise<Week> {
      const { circleId, period, withCsi, now } = input;
      await db
        .insertInto('companion_weeks')
        .values({
          id: randomUUID(),
          circle_id: circleId,
          starts_at: period.start,
          ends_at: period.end,
          with_csi: withCsi ? 1 : 0,
          revealed_at: null,
          kept_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['circle_id', 'starts_at']).doNothing())
        .execute();
      const row = await db
        .selectFrom('companion_weeks')
        .selectAll()
        .where('circle_id', '=', circleId)
        .where('starts_at', '=', period.start)
        .executeTakeFirstOrThrow();
      return weekOf(row);
    },

    /** Takes the week's row lock (a no-op write on PostgreSQL; SQLite's transaction holds the write lock) and reads it. */
    async lockWeek(weekId: string): Promise<Week | null> {
      await db
        .updateTable('companion_weeks')
        .set((eb) => ({ created_at: eb.ref('created_at') }))
        .where('id', '=', weekId)
        .execute();
      const row = await db.selectFrom('companion_weeks').selectAll().where('id', '=', weekId).executeTakeFirst();
      return row ? weekOf(row) : null;
    },

    /** Who has answered a week. */
    async answeredBy(weekId: string): Promise<string[]> {
      return (await db.selectFrom('companion_answers').select('client_id').where('week_id', '=', weekId).execute()).map((a) => a.client_id);
    },

    /** Saves a member's answer to a week: a new one, or in place of theirs. */
    async putAnswer(input: { week: Week; clientId: string; answer: CheckInAnswer; replace: boolean; now: number }): Promise<void> {
      const { week, clientId, answer, now } = input;
      if (input.replace) {
        await db
          .updateTable('companion_answers')
          .set({ body_sealed: seal(answer), updated_at: now })
          .where('week_id', '=', week.id)
          .where('client_id', '=', clientId)
          .execute();
      } else {
        await db
          .insertInto('companion_answers')
          .values({
            id: randomUUID(),
            week_id: week.id,
            circle_id: week.circleId,
            client_id: clientId,
            body_sealed: seal(answer),
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    },

    /** Marks a week revealed, once. */
    async markRevealed(weekId: string, now: number): Promise<void> {
      await db.updateTable('companion_weeks').set({ revealed_at: now }).where('id', '=', weekId).where('revealed_at', 'is', null).execute();
    },

    /** Marks a week kept (everyone answered), once. */
    async markKept(weekId: string, now: number): Promise<void> {
      await db.updateTable('companion_weeks').set({ kept_at: now }).where('id', '=', weekId).where('kept_at', 'is', null).execute();
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
      const rows = await db
        .selectFrom('companion_answers')
        .select(['client_id', 'body_sealed', 'updated_at'])
        .where('week_id', '=', weekId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({ clientId: r.client_id, answer: unseal(r.body_sealed), updatedAt: r.updated_at }));
    },

    /** Every answer in a circle by week id, for trends (again only through the reveal rule). */
    async answersByWeek(circleId: string): Promise<Map<string, WeekAnswer[]>> {
      const rows = await db
        .selectFrom('companion_answers')
        .select(['week_id', 'client_id', 'body_sealed', 'updated_at'])
        .where('circle_id', '=', circleId)
        .orderBy('created_at')
        .execute();
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

    /** Claims one reminder (compare-and-swap due → queued); true when this caller claimed it. */
    async claimReminder(weekId: string, clientId: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('companion_reminders')
        .set({ status: 'queued', queued_at: now })
        .where('week_id', '=', weekId)
        .where('client_id', '=', clientId)
        .where('status', '=', 'due')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async dueReminders(weekId: string): Promise<string[]> {
      const rows = await db.selectFrom('companion_reminders').select('client_id').where('week_id', '=', weekId).where('status', '=', 'due').execute();
      return rows.map((r) => r.client_id);
    },
  };
}

export type CompanionCheckIns = ReturnType<typeof companionCheckIns>;
