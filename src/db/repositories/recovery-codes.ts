// Staff recovery codes: a user's set, stored as hashes, replaced as a whole, each used once (compare-and-swap).
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export function recoveryCodeRepository(db: Kysely<DB>) {
  return {
    /** Replaces the user's codes with these hashes (the old set stops working). */
    async replace(userId: string, hashes: readonly string[], now: number): Promise<void> {
      await db.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
      await db
        .insertInto('staff_recovery_codes')
        .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now, used_at: null })))
        .execute();
    },

    /** Uses one code; true when this call used it (it was the user's, and unused). */
    async claim(userId: string, hash: string, now: number): Promise<boolean> {
      const r = await db
        .updateTable('staff_recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** How many of the user's codes are still unused. */
    async countLeft(userId: string): Promise<number> {
      const row = await db
        .selectFrom('staff_recovery_codes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
