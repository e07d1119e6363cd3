// Statements that must stand or fall together: run in the caller's transaction when there is one (a use
// case's), in a transaction of their own otherwise.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export function atomically<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute((trx: Transaction<DB>) => work(trx));
}
