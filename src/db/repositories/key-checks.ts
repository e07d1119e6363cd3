// The key check values (migration 009): written once, by whichever process starts first on the database.
import type { Kysely } from 'kysely';
import type { DB, KeyChecksTable } from '../schema.ts';

export function keyCheckRepository(db: Kysely<DB>) {
  return {
    async all(): Promise<Map<KeyChecksTable['name'], string>> {
      const rows = await db.selectFrom('key_checks').select(['name', 'value']).execute();
      return new Map(rows.map((r) => [r.name, r.value]));
    },
    /** Stores the value unless one is there already (another process may have been first). */
    async addIfMissing(name: KeyChecksTable['name'], value: string, now: number): Promise<void> {
      await db
        .insertInto('key_checks')
        .values({ name, value, created_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    },
  };
}
