// One set of migrations for both databases, run on start. Kysely's migrator takes a lock
// (an advisory lock on PostgreSQL), so several app processes starting at once migrate once.
import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import type { Database, Dialect } from './database.ts';
import * as m001 from './migrations/001-foundation.ts';
import * as m002 from './migrations/002-booking.ts';
import * as m003 from './migrations/003-front-door.ts';
import * as m004 from './migrations/004-companion.ts';
import * as m005 from './migrations/005-directory-indexes.ts';
import * as m006 from './migrations/006-staff.ts';
import * as m007 from './migrations/007-companion-consent.ts';
import * as m008 from './migrations/008-staff-factor-change.ts';
import * as m009 from './migrations/009-key-check.ts';
import * as m010 from './migrations/010-outbox-claims.ts';
import * as m011 from './migrations/011-images.ts';
import * as m012 from './migrations/012-data-export-links.ts';
import * as m013 from './migrations/013-staff-recovery-codes.ts';
import * as m014 from './migrations/014-invitee-address.ts';
import * as m015 from './migrations/015-service-fees.ts';
import * as m016 from './migrations/016-kept-forms-and-audit-detail.ts';
import * as m017 from './migrations/017-companion-return.ts';
import * as m018 from './migrations/018-service-refs.ts';
import * as m019 from './migrations/019-booking-series.ts';
import * as m020 from './migrations/020-online-room.ts';
import * as m021 from './migrations/021-intake.ts';
import * as m022 from './migrations/022-session-notes.ts';
import * as m023 from './migrations/023-invoices.ts';

type DialectMigration = { up(db: Kysely<any>, dialect: Dialect): Promise<void> };

/** In order; a new migration is a new file and a new line here. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '001-foundation': m001,
  '002-booking': m002,
  '003-front-door': m003,
  '004-companion': m004,
  '005-directory-indexes': m005,
  '006-staff': m006,
  '007-companion-consent': m007,
  '008-staff-factor-change': m008,
  '009-key-check': m009,
  '010-outbox-claims': m010,
  '011-images': m011,
  '012-data-export-links': m012,
  '013-staff-recovery-codes': m013,
  '014-invitee-address': m014,
  '015-service-fees': m015,
  '016-kept-forms-and-audit-detail': m016,
  '017-companion-return': m017,
  '018-service-refs': m018,
  '019-booking-series': m019,
  '020-online-room': m020,
  '021-intake': m021,
  '022-session-notes': m022,
  '023-invoices': m023,
};

/** The names of every migration, in order. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS);

export async function migrate(database: Database): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) migrations[name] = { up: (db) => m.up(db, database.dialect) };
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs fn in a transaction that holds the database-wide lock for one-time work (seeding). */
export async function withSetupLock<T>(database: Database, fn: (trx: Kysely<any>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    if (database.dialect === 'postgres') await sql`select pg_advisory_xact_lock(727001)`.execute(trx);
    // On SQLite every transaction begins IMMEDIATE (see sqlite-adapter.ts): it already holds the write lock.
    return fn(trx);
  });
}
