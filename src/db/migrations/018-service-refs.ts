import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { newServiceRef } from '../service-ref.ts';

/**
 * What a service is called in the visitor's address bar: a random reference that nothing public ties to the
 * service (the API lists services by id), so "/book?service=…" in a browser's history, a proxy's log or a
 * shared screen does not say "psychosexual therapy". Links carry the reference; the pages still accept an id.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('services').addColumn('public_ref', 'text').execute();
  const rows = (await db.selectFrom('services').select('id').execute()) as { id: string }[];
  for (const { id } of rows) {
    await db.updateTable('services').set({ public_ref: newServiceRef() }).where('id', '=', id).execute();
  }
  await db.schema.createIndex('services_public_ref').unique().on('services').column('public_ref').execute();
}
