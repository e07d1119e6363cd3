// The therapists repository's staff side: any therapist, listed or not (admin lists, invitations, listing,
// profile fields and per-service fees). Part of therapistRepository.
import type { Kysely } from 'kysely';
import type { ConcernId, Relationship } from '../../domain/types.ts';
import type { DB, TherapistRow } from '../schema.ts';

import { type NewTherapist, type ProfileFields, parseAccreditations, refreshLowestFees, type TherapistProfile } from './therapists.ts';

export function therapistStaffSide(db: Kysely<DB>, hydrate: (rows: TherapistRow[]) => Promise<TherapistProfile[]>) {
  return {
    /** Every therapist, listed in the directory or not, by name. */
    async listAll(): Promise<{ id: string; name: string; slug: string; listed: boolean }[]> {
      const rows = await db.selectFrom('therapists').select(['id', 'name', 'slug', 'active']).orderBy('name').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, listed: r.active === 1 }));
    },
    /** A therapist, listed or not. */
    async findAny(id: string): Promise<{ id: string; name: string; email: string; timeZone: string; listed: boolean } | undefined> {
      const r = await db.selectFrom('therapists').select(['id', 'name', 'email', 'time_zone', 'active']).where('id', '=', id).executeTakeFirst();
      return r ? { id: r.id, name: r.name, email: r.email, timeZone: r.time_zone, listed: r.active === 1 } : undefined;
    },
    async slugs(): Promise<Set<string>> {
      return new Set((await db.selectFrom('therapists').select('slug').execute()).map((r) => r.slug));
    },
    /** A new, unlisted therapist with an empty profile, offering no service yet (they choose theirs). */
    async create(t: NewTherapist, now: number): Promise<void> {
      await db
        .insertInto('therapists')
        .values({
          id: t.id,
          slug: t.slug,
          name: t.name,
          pronouns: t.pronouns,
          gender: t.gender,
          bio: '',
          approach: '',
          accreditations: '[]',
          fee_minor: 0,
          currency: 'GBP',
          time_zone: t.timeZone,
          years_practising: 0,
          lgbtq_affirming: 0,
          cultural_experience: '[]',
          offers_online: 1,
          offers_in_person: 0,
          psychosexual_trained: 0,
          style: JSON.stringify({ directive: 0.5, pastFocus: 0.5, challenging: 0.5 }),
          active: 0,
          created_at: now,
          updated_at: now,
          email: t.email,
        })
        .execute();
    },
    async setEmail(id: string, email: string, now: number): Promise<void> {
      await db.updateTable('therapists').set({ email, updated_at: now }).where('id', '=', id).execute();
    },
    /** Lists or unlists a therapist; false when there is no such therapist. */
    async setListed(id: string, listed: boolean, now: number): Promise<boolean> {
      const r = await db
        .updateTable('therapists')
        .set({ active: listed ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async touch(id: string, now: number): Promise<void> {
      await db.updateTable('therapists').set({ updated_at: now }).where('id', '=', id).execute();
    },
    /** Turns the therapist's calendar feed off (its address stops working). */
    async removeCalendarFeed(id: string): Promise<void> {
      await db.deleteFrom('calendar_feeds').where('therapist_id', '=', id).execute();
    },
    /** The ids of the services a therapist offers (active or not). */
    async offeredServiceIds(id: string): Promise<Set<string>> {
      return new Set((await db.selectFrom('therapist_services').select('service_id').where('therapist_id', '=', id).execute()).map((r) => r.service_id));
    },
    /** Of the listed therapists offering a service, how many charge its price and how many their own fee. */
    async serviceFeeCounts(serviceId: string): Promise<{ servicePrice: number; ownFee: number }> {
      const rows = await db
        .selectFrom('therapist_services as x')
        .innerJoin('therapists as t', 't.id', 'x.therapist_id')
        .select('x.fee_minor')
        .where('x.service_id', '=', serviceId)
        .where('t.active', '=', 1)
        .execute();
      const own = rows.filter((r) => r.fee_minor !== null).length;
      return { servicePrice: rows.length - own, ownFee: own };
    },
    /** Any therapist's public profile as it would read, listed or not (the staff side's preview). */
    async findAnyProfile(id: string): Promise<TherapistProfile | undefined> {
      const row = await db.selectFrom('therapists').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },
    /** The fields a therapist edits, as they are now, with the name, slug, currency and whether they are listed. */
    async profileFields(
      id: string,
    ): Promise<(ProfileFields & { name: string; slug: string; currency: string; listed: boolean; hasPhoto: boolean }) | undefined> {
      const t = await db.selectFrom('therapists').selectAll().where('id', '=', id).executeTakeFirst();
      if (!t) return undefined;
      const [concerns, languages, services, relationships] = await Promise.all([
        db.selectFrom('therapist_concerns').select('concern_id').where('therapist_id', '=', id).orderBy('concern_id').execute(),
        db.selectFrom('therapist_languages').select('language').where('therapist_id', '=', id).orderBy('language').execute(),
        db.selectFrom('therapist_services').select(['service_id', 'fee_minor']).where('therapist_id', '=', id).orderBy('service_id').execute(),
        db.selectFrom('therapist_relationships').select('relationship').where('therapist_id', '=', id).orderBy('relationship').execute(),
      ]);
      return {
        name: t.name,
        slug: t.slug,
        currency: t.currency,
        listed: t.active === 1,
        hasPhoto: t.photo !== null,
        bio: t.bio,
        approach: t.approach,
        concerns: concerns.map((c) => c.concern_id as ConcernId),
        languages: languages.map((l) => l.language),
        formats: [...(t.offers_online ? ['online' as const] : []), ...(t.offers_in_person ? ['in_person' as const] : [])],
        services: services.map((x) => ({ serviceId: x.service_id, feeMinor: x.fee_minor === null ? null : Number(x.fee_minor) })),
        accreditations: parseAccreditations(t.accreditations),
        yearsPractising: t.years_practising,
        relationships: relationships.map((r) => r.relationship as Relationship),
        videoUrl: t.video_url ?? null,
        feeMinor: t.fee_minor,
      };
    },
    /** Writes the fields a therapist edits (run it inside the caller's transaction). */
    async applyProfile(id: string, f: ProfileFields, now: number): Promise<void> {
      await db
        .updateTable('therapists')
        .set({
          bio: f.bio,
          approach: f.approach,
          accreditations: JSON.stringify(f.accreditations),
          years_practising: f.yearsPractising,
          offers_online: f.formats.includes('online') ? 1 : 0,
          offers_in_person: f.formats.includes('in_person') ? 1 : 0,
          video_url: f.videoUrl ?? null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const links = [
        ['therapist_concerns', f.concerns.map((concern_id) => ({ therapist_id: id, concern_id }))],
        ['therapist_languages', f.languages.map((language) => ({ therapist_id: id, language }))],
        ['therapist_relationships', f.relationships.map((relationship) => ({ therapist_id: id, relationship }))],
        ['therapist_services', f.services.map((x) => ({ therapist_id: id, service_id: x.serviceId, fee_minor: x.feeMinor }))],
      ] as const;
      for (const [table, rows] of links) {
        await db.deleteFrom(table).where('therapist_id', '=', id).execute();
        if (rows.length)
          await db
            .insertInto(table)
            .values(rows as never)
            .execute();
      }
      await refreshLowestFees(db, [id]);
    },
  };
}
