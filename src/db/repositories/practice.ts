import type { Kysely } from 'kysely';
import type { LogoRef } from '../../domain/images.ts';
import type { PracticeSettings, UrgentHelpLine } from '../../domain/practice.ts';
import type { DB, PracticeSettingsTable } from '../schema.ts';

export type { PracticeSettings, UrgentHelpLine } from '../../domain/practice.ts';

/** The practice settings an admin edits: the public settings, plus whether profile changes need approval. */
export type PracticeSettingsInput = PracticeSettings & { profileApprovalRequired: boolean };

/** The settings as the app uses them, from their row. */
export function toPracticeSettings(row: Omit<PracticeSettingsTable, 'profile_approval_required' | 'notes_in_export'>): PracticeSettings {
  return {
    name: row.name,
    phone: row.phone,
    email: row.email,
    address: row.address,
    timeZone: row.time_zone,
    openingHours: row.opening_hours,
    urgentHelp: JSON.parse(row.urgent_help) as UrgentHelpLine[],
    lateCancellationHours: row.late_cancellation_hours,
    reminderHours: row.reminder_hours,
    guideReviewedBy: row.guide_reviewed_by,
    guideReviewedOn: row.guide_reviewed_on,
    logo: row.logo ? (JSON.parse(row.logo) as LogoRef) : null,
  };
}

export function practiceRepository(db: Kysely<DB>) {
  return {
    async get(): Promise<PracticeSettings> {
      return toPracticeSettings(await db.selectFrom('practice_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow());
    },
    /** Whether a therapist's profile changes wait for an admin's approval. */
    async profileApprovalRequired(): Promise<boolean> {
      const row = await db.selectFrom('practice_settings').select('profile_approval_required').where('id', '=', 1).executeTakeFirst();
      return Number(row?.profile_approval_required ?? 0) === 1;
    },
    /** Sets (or, with null, removes) the uploaded logo. */
    async setLogo(logo: LogoRef | null, now: number): Promise<void> {
      await db
        .updateTable('practice_settings')
        .set({ logo: logo ? JSON.stringify(logo) : null, updated_at: now })
        .where('id', '=', 1)
        .execute();
    },
    async update(s: PracticeSettingsInput, now: number): Promise<void> {
      await db
        .updateTable('practice_settings')
        .set({
          name: s.name,
          phone: s.phone,
          email: s.email,
          address: s.address,
          time_zone: s.timeZone,
          opening_hours: s.openingHours,
          urgent_help: JSON.stringify(s.urgentHelp),
          late_cancellation_hours: s.lateCancellationHours,
          reminder_hours: s.reminderHours,
          guide_reviewed_by: s.guideReviewedBy,
          guide_reviewed_on: s.guideReviewedOn,
          profile_approval_required: s.profileApprovalRequired ? 1 : 0,
          updated_at: now,
        })
        .where('id', '=', 1)
        .execute();
    },
  };
}
