import type { Kysely } from 'kysely';
import type { DB, PracticeSettingsTable } from '../schema.ts';

export interface UrgentHelpLine {
  name: string;
  number: string;
  detail: string;
  kind: 'call' | 'text';
}

export interface PracticeSettings {
  name: string;
  phone: string;
  email: string;
  address: string;
  timeZone: string;
  openingHours: string;
  urgentHelp: UrgentHelpLine[];
  lateCancellationHours: number;
  reminderHours: number;
  guideReviewedBy: string;
  guideReviewedOn: string;
}

/** The settings as the app uses them, from their row. */
export function toPracticeSettings(row: Omit<PracticeSettingsTable, 'profile_approval_required'>): PracticeSettings {
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
  };
}

export function practiceRepository(db: Kysely<DB>) {
  return {
    async get(): Promise<PracticeSettings> {
      return toPracticeSettings(await db.selectFrom('practice_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow());
    },
  };
}
