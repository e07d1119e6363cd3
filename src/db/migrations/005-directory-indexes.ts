import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';
import { installMatchMasks } from '../match-masks.ts';

/**
 * The directory and matching at national scale (see src/db/match-masks.ts and docs/decisions): each
 * therapist's concerns, relationships and usual times as bit masks on their row, kept in step by
 * triggers, and one covering index over everything the filters and the match points read, so that a
 * filter or a match is one pass over a narrow index instead of a probe per therapist per link table.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const column of ['concern_mask', 'relationship_mask', 'hours_mask']) {
    await db.schema
      .alterTable('therapists')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.schema
    .createIndex('therapists_match_profile')
    .on('therapists')
    .columns([
      'active',
      'relationship_mask',
      'concern_mask',
      'hours_mask',
      'offers_online',
      'offers_in_person',
      'psychosexual_trained',
      'gender',
      'fee_minor',
      'lgbtq_affirming',
      'id',
    ])
    .execute();
  await installMatchMasks(db, dialect);
}
