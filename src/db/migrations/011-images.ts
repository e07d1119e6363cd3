import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Pictures: therapists' photos (every width and format) and the practice's logo, stored in the database
 * so that every app process on one PostgreSQL database serves the same files, and a backup holds them.
 * A file's name carries a hash of its content, so it never changes and can be cached for a year.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('images')
    .addColumn('file', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('images_owner').on('images').column('owner').execute();
  // JSON: PhotoRef (src/domain/images.ts), or null for no photo.
  await db.schema.alterTable('therapists').addColumn('photo', 'text').execute();
  // JSON: LogoRef, or null for the practice's name set as a mark.
  await db.schema.alterTable('practice_settings').addColumn('logo', 'text').execute();
}
