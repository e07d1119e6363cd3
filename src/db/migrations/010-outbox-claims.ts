import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Whose claim an outbox row is under: a worker renews its claim on each message just before sending it and
 * marks it sent only while the claim is still its own, so a slow mail server never lets two processes send
 * one message. A stopping process releases what it claimed and did not send.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claim_id', 'text').execute();
}
