import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * The companion's consent: explicit consent is its lawful basis, so each account records which wording its
 * holder agreed to and when, as bookings and contact requests do. Accounts made before this have neither
 * (null) and are asked at their next sign-in.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('companion_clients').addColumn('consent_version', 'text').execute();
  await db.schema.alterTable('companion_clients').addColumn('consent_at', 'bigint').execute();
}
