// The therapist's match profile as bit masks on the therapists row: which concerns they work with, whom
// they see (relationships), and when they usually have hours (the TimeWindow of their weekly hours). The
// link tables and weekly_hours stay the truth; database triggers (migration 005) keep the masks in step
// on every insert, update and delete, whoever writes. The directory and matching filter and score on
// them in one pass over one table, which is what lets a national directory answer in milliseconds.
//
// A bit's meaning comes from its position below. Changing CONCERNS or RELATIONSHIPS therefore needs a new
// migration that calls installMatchMasks() again (it redefines the triggers and recomputes every row).
import { type Kysely, sql } from 'kysely';
import type { TimeWindow } from '../domain/matching.ts';
import { CONCERN_IDS, RELATIONSHIPS } from '../domain/types.ts';
import type { Dialect } from './database.ts';

/**
 * The weekly-hours windows, as the directory filter and matching read them: weekday daytime is a
 * Monday–Friday range starting before 17:00; evenings a range on any day ending after 18:00; Saturdays
 * any range on weekday 6. (availabilitySummary in usecases/matching.ts applies the same table in code.)
 */
export const WEEKLY_WINDOW_SQL: Record<TimeWindow, { weekdays: [number, number]; startBefore?: string; endAfter?: string }> = {
  weekday_daytime: { weekdays: [1, 5], startBefore: '17:00' },
  evenings: { weekdays: [1, 7], endAfter: '18:00' },
  saturdays: { weekdays: [6, 6] },
};

export const CONCERN_BIT: Readonly<Record<string, number>> = Object.fromEntries(CONCERN_IDS.map((id, i) => [id, 2 ** i]));
export const RELATIONSHIP_BIT: Readonly<Record<string, number>> = Object.fromEntries(RELATIONSHIPS.map((r, i) => [r, 2 ** i]));
export const WINDOW_BIT: Readonly<Record<TimeWindow, number>> = { weekday_daytime: 1, evenings: 2, saturdays: 4 };

/** The OR of the bits of some values (unknown values add nothing). */
export const maskOf = (bits: Readonly<Record<string, number>>, values: readonly string[]) => [...new Set(values)].reduce((mask, v) => mask | (bits[v] ?? 0), 0);

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const bitCase = (column: string, bits: Readonly<Record<string, number>>) =>
  `case ${column} ${Object.entries(bits)
    .map(([v, bit]) => `when ${quote(v)} then ${bit}`)
    .join(' ')} else 0 end`;

function windowCondition(w: TimeWindow): string {
  const r = WEEKLY_WINDOW_SQL[w];
  return [
    `h.weekday between ${r.weekdays[0]} and ${r.weekdays[1]}`,
    ...(r.startBefore ? [`h.start_time < ${quote(r.startBefore)}`] : []),
    ...(r.endAfter ? [`h.end_time > ${quote(r.endAfter)}`] : []),
  ].join(' and ');
}

/** SQL computing each mask from the source rows, for the therapist whose id is `id` (an SQL expression). */
export const MASK_SQL = {
  concern_mask: (id: string) => `coalesce((select sum(${bitCase('c.concern_id', CONCERN_BIT)}) from therapist_concerns c where c.therapist_id = ${id}), 0)`,
  relationship_mask: (id: string) =>
    `coalesce((select sum(${bitCase('r.relationship', RELATIONSHIP_BIT)}) from therapist_relationships r where r.therapist_id = ${id}), 0)`,
  hours_mask: (id: string) =>
    `coalesce((select ${(Object.keys(WINDOW_BIT) as TimeWindow[]).map((w) => `max(case when ${windowCondition(w)} then ${WINDOW_BIT[w]} else 0 end)`).join(' + ')} from weekly_hours h where h.therapist_id = ${id}), 0)`,
};
type MaskColumn = keyof typeof MASK_SQL;

/** Which source table feeds which mask. */
const SOURCES: [table: string, column: MaskColumn][] = [
  ['therapist_concerns', 'concern_mask'],
  ['therapist_relationships', 'relationship_mask'],
  ['weekly_hours', 'hours_mask'],
];

/** (Re)creates the triggers that keep the masks in step, and recomputes every therapist's masks. */
export async function installMatchMasks(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    const sets = (Object.keys(MASK_SQL) as MaskColumn[]).map((col) => `${col} = ${MASK_SQL[col]('t.id')}`).join(', ');
    await sql
      .raw(
        `create or replace function closer_refresh_match_masks(ids text[]) returns void language sql as $$ update therapists t set ${sets} where t.id = any(ids) $$`,
      )
      .execute(db);
    // Statement-level triggers with transition tables: one refresh per statement, however many rows.
    const changed = {
      new: 'select therapist_id from new_rows',
      old: 'select therapist_id from old_rows',
      both: 'select therapist_id from new_rows union select therapist_id from old_rows',
    };
    for (const [kind, rows] of Object.entries(changed)) {
      await sql
        .raw(
          `create or replace function closer_match_masks_${kind}() returns trigger language plpgsql as $$ begin perform closer_refresh_match_masks(array(select distinct therapist_id from (${rows}) x)); return null; end $$`,
        )
        .execute(db);
    }
    for (const [table] of SOURCES) {
      await sql.raw(`drop trigger if exists ${table}_masks_insert on ${table}`).execute(db);
      await sql.raw(`drop trigger if exists ${table}_masks_delete on ${table}`).execute(db);
      await sql.raw(`drop trigger if exists ${table}_masks_update on ${table}`).execute(db);
      await sql
        .raw(
          `create trigger ${table}_masks_insert after insert on ${table} referencing new table as new_rows for each statement execute function closer_match_masks_new()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_masks_delete after delete on ${table} referencing old table as old_rows for each statement execute function closer_match_masks_old()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger ${table}_masks_update after update on ${table} referencing new table as new_rows old table as old_rows for each statement execute function closer_match_masks_both()`,
        )
        .execute(db);
    }
    await sql.raw('select closer_refresh_match_masks(array(select id from therapists))').execute(db);
    return;
  }
  for (const [table, column] of SOURCES) {
    const refresh = (row: 'NEW' | 'OLD') => `update therapists set ${column} = ${MASK_SQL[column](`${row}.therapist_id`)} where id = ${row}.therapist_id;`;
    for (const event of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists ${table}_masks_${event}`).execute(db);
    await sql.raw(`create trigger ${table}_masks_insert after insert on ${table} begin ${refresh('NEW')} end`).execute(db);
    await sql.raw(`create trigger ${table}_masks_delete after delete on ${table} begin ${refresh('OLD')} end`).execute(db);
    await sql.raw(`create trigger ${table}_masks_update after update on ${table} begin ${refresh('NEW')} ${refresh('OLD')} end`).execute(db);
  }
  const sets = (Object.keys(MASK_SQL) as MaskColumn[]).map((col) => `${col} = ${MASK_SQL[col]('therapists.id')}`).join(', ');
  await sql.raw(`update therapists set ${sets}`).execute(db);
}
