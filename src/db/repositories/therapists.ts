import { type Kysely, sql } from 'kysely';
import type { ConcernId, Format, Gender, Relationship, Therapist, WeeklyHours } from '../../domain/types.ts';
import type { DB, TherapistRow } from '../schema.ts';

/** What the directory and matching know of a therapist beyond the public profile. */
export interface TherapistProfile extends Therapist {
  psychosexualTrained: boolean;
  style: { directive: number; pastFocus: number; challenging: number };
  weeklyHours: WeeklyHours[];
}

export interface TherapistFilter {
  concern?: string | undefined;
  language?: string | undefined;
  format?: Format | undefined;
  serviceId?: string | undefined;
  relationship?: Relationship | undefined;
  gender?: Gender | undefined;
  maxFeeMinor?: number | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export function therapistRepository(db: Kysely<DB>) {
  async function hydrate(rows: TherapistRow[]): Promise<TherapistProfile[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Every many-valued attribute in one round trip.
    const links = await db
      .selectFrom('therapist_concerns')
      .select(['therapist_id', 'concern_id as v', sql<string>`'concern'`.as('kind')])
      .where('therapist_id', 'in', ids)
      .unionAll(db.selectFrom('therapist_languages').select(['therapist_id', 'language as v', sql<string>`'language'`.as('kind')]).where('therapist_id', 'in', ids))
      .unionAll(db.selectFrom('therapist_services').select(['therapist_id', 'service_id as v', sql<string>`'service'`.as('kind')]).where('therapist_id', 'in', ids))
      .unionAll(db.selectFrom('therapist_relationships').select(['therapist_id', 'relationship as v', sql<string>`'relationship'`.as('kind')]).where('therapist_id', 'in', ids))
      .execute();
    const hours = await db
      .selectFrom('weekly_hours')
      .select(['therapist_id', 'weekday', 'start_time', 'end_time'])
      .where('therapist_id', 'in', ids)
      .orderBy('weekday')
      .orderBy('start_time')
      .execute();
    const groups = new Map<string, Map<string, string[]>>();
    for (const { therapist_id, v, kind } of links) {
      const byKind = groups.get(kind) ?? new Map<string, string[]>();
      groups.set(kind, byKind);
      byKind.set(therapist_id, [...(byKind.get(therapist_id) ?? []), v]);
    }
    for (const byKind of groups.values()) for (const values of byKind.values()) values.sort();
    const empty = new Map<string, string[]>();
    const [c, l, s, r] = ['concern', 'language', 'service', 'relationship'].map((k) => groups.get(k) ?? empty) as [Map<string, string[]>, Map<string, string[]>, Map<string, string[]>, Map<string, string[]>];
    const h = new Map<string, WeeklyHours[]>();
    for (const row of hours) h.set(row.therapist_id, [...(h.get(row.therapist_id) ?? []), { weekday: row.weekday, start: row.start_time, end: row.end_time }]);
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      pronouns: row.pronouns,
      gender: row.gender as Gender,
      bio: row.bio,
      approach: row.approach,
      accreditations: JSON.parse(row.accreditations) as string[],
      concerns: (c.get(row.id) ?? []) as ConcernId[],
      relationships: (r.get(row.id) ?? []) as Relationship[],
      languages: l.get(row.id) ?? [],
      formats: [...(row.offers_online ? ['online' as const] : []), ...(row.offers_in_person ? ['in_person' as const] : [])],
      serviceIds: s.get(row.id) ?? [],
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
    }));
  }

  return {
    /** Active therapists meeting every given filter, by name. */
    async search(filter: TherapistFilter = {}): Promise<TherapistProfile[]> {
      let q = db.selectFrom('therapists as t').selectAll('t').where('t.active', '=', 1);
      if (filter.concern) {
        const concern = filter.concern;
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom('therapist_concerns as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.concern_id', '=', concern)),
        );
      }
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
      if (filter.relationship) {
        const relationship = filter.relationship;
        q = q.where(({ exists, selectFrom }) =>
          exists(selectFrom('therapist_relationships as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.relationship', '=', relationship)),
        );
      }
      if (filter.format === 'online') q = q.where('t.offers_online', '=', 1);
      if (filter.format === 'in_person') q = q.where('t.offers_in_person', '=', 1);
      if (filter.gender) q = q.where('t.gender', '=', filter.gender);
      if (filter.maxFeeMinor !== undefined) q = q.where('t.fee_minor', '<=', filter.maxFeeMinor);
      q = q.orderBy('t.name').orderBy('t.id');
      if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
      return hydrate(await q.execute());
    },
    /** Every language an active therapist speaks, for the language filter. */
    async languagesSpoken(): Promise<string[]> {
      const rows = await db
        .selectFrom('therapist_languages as l')
        .innerJoin('therapists as t', 't.id', 'l.therapist_id')
        .where('t.active', '=', 1)
        .select('l.language')
        .distinct()
        .orderBy('l.language')
        .execute();
      return rows.map((r) => r.language);
    },
    async findBySlug(slug: string): Promise<TherapistProfile | undefined> {
      const row = await db.selectFrom('therapists').selectAll().where('slug', '=', slug).where('active', '=', 1).executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    async findById(id: string): Promise<TherapistProfile | undefined> {
      const row = await db.selectFrom('therapists').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
  };
}
