// Fills an empty database: practice settings, services, the first admin, and (unless DEMO_DATA=false)
// the demo therapists. Runs under the setup lock, so concurrent processes seed exactly once.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { abstractPortrait } from '../media/images.ts';
import { generatePassword, hashPassword, type PasswordHashCost } from '../security/password.ts';
import type { Database } from './database.ts';
import { DEFAULT_URGENT_HELP, DEMO_SERVICES, DEMO_THERAPISTS, demoServiceFee } from './demo-data.ts';
import { withSetupLock } from './migrate.ts';
import { imageRepository } from './repositories/images.ts';
import { refreshLowestFees } from './repositories/therapists.ts';
import type { DB } from './schema.ts';
import { newServiceRef } from './service-ref.ts';

export interface SeedOptions {
  practiceName: string;
  practicePhone: string;
  practiceEmail: string;
  timeZone: string;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  demoData: boolean;
  now?: number;
  /** The configured cost of the admin's password hash (PASSWORD_HASH_COST); production when unset. */
  passwordHashCost?: PasswordHashCost;
}

export interface SeedResult {
  seeded: boolean;
  adminEmail?: string;
  /** Set only when the password was generated: shown once, never stored in plain text. */
  generatedPassword?: string;
}

export async function seedIfEmpty(database: Database, options: SeedOptions): Promise<SeedResult> {
  // Hash outside the transaction: scrypt is deliberately slow.
  const generatedPassword = options.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword!, options.passwordHashCost);
  // Demo therapists' abstract portraits (no faces), drawn from their names: rendered before the lock, as sharp takes a moment.
  const portraits = options.demoData ? await Promise.all(DEMO_THERAPISTS.map((t) => abstractPortrait(t.name, `demo:${t.slug}`))) : [];
  return withSetupLock(database, async (trx: Kysely<DB>) => {
    const existing = await trx.selectFrom('practice_settings').select('id').executeTakeFirst();
    if (existing) return { seeded: false };
    const now = options.now ?? Date.now();
    await trx
      .insertInto('practice_settings')
      .values({
        id: 1,
        name: options.practiceName,
        phone: options.practicePhone,
        email: options.practiceEmail,
        address: '14 Harbour Yard, London N1 7AB',
        time_zone: options.timeZone,
        opening_hours: 'Monday to Friday 8am to 9pm, Saturday 9am to 4pm',
        urgent_help: JSON.stringify(DEFAULT_URGENT_HELP),
        late_cancellation_hours: 24,
        reminder_hours: 24,
        guide_reviewed_by: 'the Closer clinical team',
        guide_reviewed_on: '2026-11-01',
        updated_at: now,
      })
      .execute();

    const serviceIds = new Map<string, string>();
    for (const [i, s] of DEMO_SERVICES.entries()) {
      const id = randomUUID();
      serviceIds.set(s.slug, id);
      await trx
        .insertInto('services')
        .values({
          ...s,
          id,
          public_ref: newServiceRef(),
          currency: 'GBP',
          booking_window_days: 180,
          relationships: JSON.stringify(s.relationships),
          active: 1,
          sort_order: i,
        })
        .execute();
    }

    const adminEmail = (options.adminEmail ?? 'admin@closer.example').toLowerCase();
    await trx
      .insertInto('users')
      .values({
        id: randomUUID(),
        email: adminEmail,
        name: 'Practice admin',
        role: 'admin',
        therapist_id: null,
        password_hash: passwordHash,
        totp_secret: null,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();

    if (options.demoData) {
      for (const [i, t] of DEMO_THERAPISTS.entries()) {
        const id = randomUUID();
        const portrait = portraits[i]!;
        await trx
          .insertInto('therapists')
          .values({
            id,
            slug: t.slug,
            name: t.name,
            pronouns: t.pronouns,
            gender: t.gender,
            bio: t.bio,
            approach: t.approach,
            accreditations: JSON.stringify(t.accreditations),
            fee_minor: t.feeMinor,
            currency: 'GBP',
            time_zone: options.timeZone,
            years_practising: t.years,
            lgbtq_affirming: t.lgbtqAffirming ? 1 : 0,
            cultural_experience: JSON.stringify(t.culturalExperience),
            offers_online: t.online ? 1 : 0,
            offers_in_person: t.inPerson ? 1 : 0,
            psychosexual_trained: t.psychosexualTrained ? 1 : 0,
            style: JSON.stringify(t.style),
            active: 1,
            created_at: now,
            updated_at: now,
            email: `${t.slug.replace('-', '.')}@closer.example`,
            photo: JSON.stringify(portrait.ref),
          })
          .execute();
        await imageRepository(trx).replace(`therapist:${id}`, portrait.files, now);
        await trx
          .insertInto('therapist_concerns')
          .values(t.concerns.map((concern_id) => ({ therapist_id: id, concern_id })))
          .execute();
        await trx
          .insertInto('therapist_languages')
          .values(t.languages.map((language) => ({ therapist_id: id, language })))
          .execute();
        await trx
          .insertInto('therapist_relationships')
          .values(t.relationships.map((relationship) => ({ therapist_id: id, relationship })))
          .execute();
        await trx
          .insertInto('therapist_services')
          .values(
            t.services.map((slug) => ({
              therapist_id: id,
              service_id: serviceIds.get(slug)!,
              fee_minor: demoServiceFee(t, DEMO_SERVICES.find((s) => s.slug === slug)!),
            })),
          )
          .execute();
        await trx
          .insertInto('weekly_hours')
          .values(t.hours.map(([weekday, start_time, end_time]) => ({ therapist_id: id, weekday, start_time, end_time })))
          .execute();
      }
      await refreshLowestFees(trx);
    }
    return generatedPassword ? { seeded: true, adminEmail, generatedPassword } : { seeded: true, adminEmail };
  });
}
