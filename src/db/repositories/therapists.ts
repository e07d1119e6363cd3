import { type Kysely, sql } from 'kysely';
import type { PhotoRef } from '../../domain/images.ts';
import type { TimeWindow } from '../../domain/matching.ts';
import type { OfferedService } from '../../domain/profile.ts';
import {
  type Accreditation,
  accreditationWords,
  type ConcernId,
  type Format,
  type Gender,
  type Relationship,
  type Therapist,
  type WeeklyHours,
} from '../../domain/types.ts';
import { inBatches } from '../batches.ts';
import { CONCERN_BIT, maskOf, RELATIONSHIP_BIT, WEEKLY_WINDOW_SQL, WINDOW_BIT } from '../match-masks.ts';
import type { DB, TherapistRow } from '../schema.ts';
import { therapistStaffSide } from './therapist-staff.ts';

export type { OfferedService };

/** The part of a profile a therapist edits themselves (and an admin may have to approve). */
export interface ProfileFields {
  bio: string;
  approach: string;
  concerns: ConcernId[];
  languages: string[];
  formats: Format[];
  services: OfferedService[];
  accreditations: Accreditation[];
  /** Whole years in practice; 0: not given. */
  yearsPractising: number;
  relationships: Relationship[];
  /** Their own fixed video link for online sessions (https), or null: the practice's room for each session, or none (migration 020). */
  videoUrl: string | null;
  /** The lowest of the paid fees these fields come to (worked out, never edited; domain/fees.ts lowestPaidFee). */
  feeMinor: number;
}

/** Accreditations as stored: plain names before migration 015's editor, then name and number. */
export function parseAccreditations(json: string): Accreditation[] {
  const raw = JSON.parse(json) as (string | Accreditation)[];
  return raw.map((a) => (typeof a === 'string' ? { name: a, number: '' } : { name: String(a.name ?? ''), number: String(a.number ?? '') }));
}

/** Sets therapists.fee_minor to the lowest paid fee of what each offers (0: none), for these or every therapist. */
export async function refreshLowestFees(db: Kysely<DB>, ids?: readonly string[]): Promise<void> {
  let q = db.updateTable('therapists').set({
    fee_minor: sql<number>`coalesce((select min(coalesce(x.fee_minor, s.price_minor)) from therapist_services x join services s on s.id = x.service_id
      where x.therapist_id = therapists.id and s.active = 1 and s.price_minor > 0), 0)`,
  });
  if (ids) q = q.where('id', 'in', ids.length ? [...ids] : ['']);
  await q.execute();
}

/** A new therapist record (an admin's invitation of someone new), before its details are filled in. */
export interface NewTherapist {
  id: string;
  slug: string;
  name: string;
  pronouns: string;
  gender: Gender;
  email: string;
  timeZone: string;
}

/** What the directory and matching know of a therapist beyond the public profile. */
export interface TherapistProfile extends Therapist {
  psychosexualTrained: boolean;
  style: { directive: number; pastFocus: number; challenging: number };
  weeklyHours: WeeklyHours[];
  /** The photo (or a demo therapist's abstract portrait), or null for none. */
  photo: PhotoRef | null;
}

export interface TherapistFilter {
  concern?: string | undefined;
  language?: string | undefined;
  format?: Format | undefined;
  serviceId?: string | undefined;
  relationship?: Relationship | undefined;
  gender?: Gender | undefined;
  maxFeeMinor?: number | undefined;
  /** Speaks at least one of these (ISO 639-1). */
  languages?: string[] | undefined;
  /** Usually has hours in at least one of these windows (from the weekly hours; see match-masks.ts). */
  times?: TimeWindow[] | undefined;
  psychosexualTrained?: boolean | undefined;
  /** Only these therapists. */
  ids?: string[] | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export { WEEKLY_WINDOW_SQL };

/** Preference points the candidate query can count in SQL (see matchPool). */
export interface PoolPoints {
  concerns: { ids: string[]; points: number };
  times: { windows: TimeWindow[]; points: number };
  budget?: { maxFeeMinor: number; points: number } | undefined;
  gender?: { gender: Gender; points: number } | undefined;
  lgbtqAffirming?: { points: number } | undefined;
}

const RELATIONSHIP_BITS = Object.keys(RELATIONSHIP_BIT).length;
/** Every mask of `width` bits that has `bit` set (none when bit is 0). */
const masksWith = (bit: number, width: number) => (bit === 0 ? [-1] : Array.from({ length: 2 ** width }, (_, m) => m).filter((m) => (m & bit) !== 0));

/** "The mask has this bit": a bit is a constant from match-masks.ts, never client input. */
const hasBit = (column: 't.concern_mask' | 't.relationship_mask' | 't.hours_mask', bit: number) => sql<boolean>`(${sql.ref(column)} & ${sql.lit(bit)}) <> 0`;
const pointsIf = (condition: ReturnType<typeof sql>, points: number) => sql`(case when ${condition} then ${sql.lit(points)} else 0 end)`;

function poolPoints(p: PoolPoints) {
  const parts = [];
  for (const id of new Set(p.concerns.ids)) {
    const bit = CONCERN_BIT[id];
    if (bit !== undefined) parts.push(pointsIf(hasBit('t.concern_mask', bit), p.concerns.points));
  }
  for (const w of new Set(p.times.windows)) parts.push(pointsIf(hasBit('t.hours_mask', WINDOW_BIT[w]), p.times.points));
  if (p.budget) parts.push(pointsIf(sql`t.fee_minor <= ${p.budget.maxFeeMinor}`, p.budget.points));
  if (p.gender) parts.push(pointsIf(sql`t.gender = ${p.gender.gender}`, p.gender.points));
  if (p.lgbtqAffirming) parts.push(pointsIf(sql`t.lgbtq_affirming = 1`, p.lgbtqAffirming.points));
  return parts;
}

export function therapistRepository(db: Kysely<DB>) {
  /** The many-valued attributes (each therapist's values sorted) and weekly hours of some therapists, by therapist id. */
  async function details(ids: string[]) {
    // One small query per table, all at once (one big UNION of the four made PostgreSQL plan a parallel
    // query, whose start-up cost more than the work).
    const link = async (
      table: 'therapist_concerns' | 'therapist_languages' | 'therapist_relationships',
      column: 'concern_id' | 'language' | 'relationship',
    ) => {
      const found = await db
        .selectFrom(table)
        .select(['therapist_id', sql.ref<string>(column).as('v')])
        .where('therapist_id', 'in', ids)
        .execute();
      return new Map([...Map.groupBy(found, (x) => x.therapist_id)].map(([id, xs]) => [id, xs.map((x) => x.v).sort()]));
    };
    const [c, l, offered, r, hours] = await Promise.all([
      link('therapist_concerns', 'concern_id'),
      link('therapist_languages', 'language'),
      db.selectFrom('therapist_services').select(['therapist_id', 'service_id', 'fee_minor']).where('therapist_id', 'in', ids).orderBy('service_id').execute(),
      link('therapist_relationships', 'relationship'),
      db
        .selectFrom('weekly_hours')
        .select(['therapist_id', 'weekday', 'start_time', 'end_time'])
        .where('therapist_id', 'in', ids)
        .orderBy('weekday')
        .orderBy('start_time')
        .execute(),
    ]);
    const s = Map.groupBy(offered, (x) => x.therapist_id);
    const h = new Map<string, WeeklyHours[]>();
    for (const row of hours) h.set(row.therapist_id, [...(h.get(row.therapist_id) ?? []), { weekday: row.weekday, start: row.start_time, end: row.end_time }]);
    return { c, l, s, r, h };
  }

  async function hydrate(rows: TherapistRow[]): Promise<TherapistProfile[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    return inBatches(ids, async (batch) => {
      const wanted = new Set(batch);
      return assemble(
        rows.filter((row) => wanted.has(row.id)),
        await details(batch),
      );
    });
  }

  function assemble(rows: TherapistRow[], { c, l, s, r, h }: Awaited<ReturnType<typeof details>>): TherapistProfile[] {
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      pronouns: row.pronouns,
      gender: row.gender as Gender,
      bio: row.bio,
      approach: row.approach,
      accreditations: parseAccreditations(row.accreditations).map(accreditationWords),
      concerns: (c.get(row.id) ?? []) as ConcernId[],
      relationships: (r.get(row.id) ?? []) as Relationship[],
      languages: l.get(row.id) ?? [],
      formats: [...(row.offers_online ? ['online' as const] : []), ...(row.offers_in_person ? ['in_person' as const] : [])],
      serviceIds: (s.get(row.id) ?? []).map((x) => x.service_id),
      serviceFees: Object.fromEntries((s.get(row.id) ?? []).filter((x) => x.fee_minor !== null).map((x) => [x.service_id, Number(x.fee_minor)])),
      feeMinor: row.fee_minor,
      currency: row.currency,
      timeZone: row.time_zone,
      yearsPractising: row.years_practising,
      lgbtqAffirming: row.lgbtq_affirming === 1,
      culturalExperience: JSON.parse(row.cultural_experience) as string[],
      active: row.active === 1,
      psychosexualTrained: row.psychosexual_trained === 1,
      style: JSON.parse(row.style) as TherapistProfile['style'],
      weeklyHours: h.get(row.id) ?? [],
      photo: row.photo ? (JSON.parse(row.photo) as PhotoRef) : null,
    }));
  }

  /** Active therapists meeting every given filter (not yet selected, ordered or limited). */
  function filtered(filter: TherapistFilter) {
    let q = db.selectFrom('therapists as t').where('t.active', '=', 1);
    // Concerns, relationships and usual times are read from the row's masks (kept in step by triggers).
    if (filter.concern) q = q.where(hasBit('t.concern_mask', CONCERN_BIT[filter.concern] ?? 0));
    if (filter.language) {
      const language = filter.language;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('therapist_languages as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.language', '=', language)),
      );
    }
    if (filter.serviceId) {
      const serviceId = filter.serviceId;
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('therapist_services as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.service_id', '=', serviceId)),
      );
    }
    // As a list of whole masks, so the covering index can seek to them rather than read them all.
    if (filter.relationship) q = q.where('t.relationship_mask', 'in', masksWith(RELATIONSHIP_BIT[filter.relationship] ?? 0, RELATIONSHIP_BITS));
    if (filter.format === 'online') q = q.where('t.offers_online', '=', 1);
    if (filter.format === 'in_person') q = q.where('t.offers_in_person', '=', 1);
    if (filter.gender) q = q.where('t.gender', '=', filter.gender);
    if (filter.maxFeeMinor !== undefined) q = q.where('t.fee_minor', '<=', filter.maxFeeMinor);
    if (filter.psychosexualTrained !== undefined) q = q.where('t.psychosexual_trained', '=', filter.psychosexualTrained ? 1 : 0);
    if (filter.ids) q = q.where('t.id', 'in', filter.ids.length > 0 ? filter.ids : ['']);
    const languages = filter.languages ?? [];
    if (languages.length > 0) {
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom('therapist_languages as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.language', 'in', languages)),
      );
    }
    if (filter.times && filter.times.length > 0) q = q.where(hasBit('t.hours_mask', maskOf(WINDOW_BIT, filter.times)));
    return q;
  }

  return {
    /** Active therapists meeting every given filter, by name. */
    async search(filter: TherapistFilter = {}): Promise<TherapistProfile[]> {
      let q = filtered(filter).selectAll('t').orderBy('t.name').orderBy('t.id');
      if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
      return hydrate(await q.execute());
    },
    /**
     * Matching's candidates: therapists meeting the hard filters, those with the most preference points
     * that SQL can count first, at most `limit` of them. A practice with fewer candidates
     * than the limit gets all of them, so the ranking that follows sees everyone.
     */
    async matchPool(filter: TherapistFilter, points: PoolPoints, limit: number): Promise<TherapistProfile[]> {
      const parts = poolPoints(points);
      const score = parts.length > 0 ? sql<number>`(${sql.join(parts, sql` + `)})` : sql<number>`0`;
      // Ids and points only, so the plan can read the narrow covering index (therapists_match_profile)
      // instead of the rows; then the rows of the chosen few. Equal points at the edge of the pool are
      // cut by id: a fixed order that favours no name.
      const chosen = await filtered(filter)
        .select(['t.id', score.as('pool_points')])
        .orderBy('pool_points', 'desc')
        .orderBy('t.id')
        .limit(limit)
        .execute();
      if (chosen.length === 0) return [];
      const ids = chosen.map((r) => r.id);
      const [rows, more] = await Promise.all([db.selectFrom('therapists').selectAll().where('id', 'in', ids).execute(), details(ids)]);
      const order = new Map(ids.map((id, i) => [id, i]));
      return assemble(
        rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
        more,
      );
    },
    /** How many active therapists meet every given filter (limit and offset ignored). */
    async count(filter: TherapistFilter = {}): Promise<number> {
      const row = await filtered(filter)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /** Every language an active therapist speaks, for the language filter. */
    async languagesSpoken(): Promise<string[]> {
      // A loose index scan: one index seek per distinct language, then one active speaker each, rather
      // than a pass over every therapist's languages (which a national directory would feel on every page).
      const found = await sql<{ language: string }>`
        with recursive langs(language) as (
          select min(language) from therapist_languages
          union all
          select (select min(x.language) from therapist_languages x where x.language > langs.language) from langs where langs.language is not null
        )
        select language from langs
        where language is not null
          -- A scalar subquery with limit 1 (not exists, which the planner turns into a join over every row).
          and (select 1 from therapist_languages l join therapists t on t.id = l.therapist_id where l.language = langs.language and t.active = 1 limit 1) = 1
        order by language`.execute(db);
      return found.rows.map((r) => r.language);
    },
    async findBySlug(slug: string): Promise<TherapistProfile | undefined> {
      const row = await db.selectFrom('therapists').selectAll().where('slug', '=', slug).where('active', '=', 1).executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    /** A therapist's IANA zone (active or not), or undefined for no such therapist. */
    async timeZoneOf(id: string): Promise<string | undefined> {
      const row = await db.selectFrom('therapists').select('time_zone').where('id', '=', id).executeTakeFirst();
      return row?.time_zone;
    },
    /** Sets (or, with null, removes) a therapist's photo. */
    async setPhoto(id: string, photo: PhotoRef | null, now: number): Promise<boolean> {
      const r = await db
        .updateTable('therapists')
        .set({ photo: photo ? JSON.stringify(photo) : null, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The photo of any therapist, listed or not (the staff side). */
    async photoOf(id: string): Promise<{ name: string; photo: PhotoRef | null } | undefined> {
      const row = await db.selectFrom('therapists').select(['name', 'photo']).where('id', '=', id).executeTakeFirst();
      return row ? { name: row.name, photo: row.photo ? (JSON.parse(row.photo) as PhotoRef) : null } : undefined;
    },
    async findById(id: string): Promise<TherapistProfile | undefined> {
      const row = await db.selectFrom('therapists').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    ...therapistStaffSide(db, hydrate),
  };
}
