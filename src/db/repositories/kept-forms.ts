// Forms that met an expired session, sealed, found by the hash of the random id in one browser's cookie.
// All SQL for kept_forms; sealing is the use case's.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export interface KeptFormRow {
  side: string;
  path: string;
  sealed: string;
}

export function keptFormRepository(db: Kysely<DB>) {
  return {
    async insert(row: { idHash: string; side: string; path: string; sealed: string; now: number; expiresAt: number }): Promise<void> {
      await db
        .insertInto('kept_forms')
        .values({ id_hash: row.idHash, side: row.side, path: row.path, fields_sealed: row.sealed, created_at: row.now, expires_at: row.expiresAt })
        .execute();
    },
    /** The live row for this id and side, deleted as it is read: it is shown once. */
    async take(idHash: string, side: string, now: number): Promise<KeptFormRow | undefined> {
      const row = await db
        .selectFrom('kept_forms')
        .select(['side', 'path', 'fields_sealed', 'expires_at'])
        .where('id_hash', '=', idHash)
        .where('side', '=', side)
        .executeTakeFirst();
      const deleted = await db.deleteFrom('kept_forms').where('id_hash', '=', idHash).executeTakeFirst();
      if (!row || Number(deleted.numDeletedRows) !== 1 || Number(row.expires_at) <= now) return undefined;
      return { side: row.side, path: row.path, sealed: row.fields_sealed };
    },
    /** Retention: every row past its 30 minutes. */
    async purgeExpired(now: number): Promise<number> {
      const r = await db.deleteFrom('kept_forms').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
