import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/** Contact messages and call-back requests from the public site. What a client types is sealed (AES-256-GCM). */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('contact_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_sealed', 'text', (c) => c.notNull())
    .addColumn('email_sealed', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('body_sealed', 'text')
    .addColumn('preferred_times', 'text', (c) => c.notNull())
    .addColumn('voicemail_ok', 'integer')
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('handled_at', 'bigint')
    .execute();
  await db.schema.createIndex('contact_requests_status').on('contact_requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('contact_requests_created').on('contact_requests').column('created_at').execute();
}
