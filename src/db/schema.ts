// Kysely table types. Instants are epoch milliseconds (bigint in PostgreSQL, INTEGER in SQLite);
// booleans are 0/1 integers and lists are JSON text, so one query code serves both databases.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface PracticeSettingsTable {
  id: number;
  name: string;
  phone: string;
  email: string;
  address: string;
  time_zone: string;
  opening_hours: string;
  /** JSON: UrgentHelpLine[] */
  urgent_help: string;
  late_cancellation_hours: number;
  reminder_hours: number;
  guide_reviewed_by: string;
  guide_reviewed_on: string;
  updated_at: number;
}

export interface ServicesTable {
  id: string;
  slug: string;
  name: string;
  summary: string;
  duration_minutes: number;
  price_minor: number;
  currency: string;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  min_notice_minutes: number;
  booking_window_days: number;
  slot_interval_minutes: number;
  max_per_day: number | null;
  /** JSON: Relationship[] */
  relationships: string;
  active: number;
  sort_order: number;
}

export interface TherapistsTable {
  id: string;
  slug: string;
  name: string;
  pronouns: string;
  gender: string;
  bio: string;
  approach: string;
  /** JSON: string[] */
  accreditations: string;
  fee_minor: number;
  currency: string;
  time_zone: string;
  years_practising: number;
  lgbtq_affirming: number;
  /** JSON: string[] */
  cultural_experience: string;
  offers_online: number;
  offers_in_person: number;
  psychosexual_trained: number;
  /** JSON: therapy-style profile used by matching */
  style: string;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface TherapistConcernsTable { therapist_id: string; concern_id: string }
export interface TherapistLanguagesTable { therapist_id: string; language: string }
export interface TherapistServicesTable { therapist_id: string; service_id: string }
export interface TherapistRelationshipsTable { therapist_id: string; relationship: string }

export interface WeeklyHoursTable {
  id: Generated<number>;
  therapist_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
}

export interface AvailabilityOverridesTable {
  id: Generated<number>;
  therapist_id: string;
  date: string;
  /** Both null: time off for the whole day. */
  start_time: string | null;
  end_time: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'therapist';
  therapist_id: string | null;
  password_hash: string;
  totp_secret: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session id; the id itself lives only in the cookie. */
  id_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  second_factor_done: number;
  user_agent: string;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface OutboxTable {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  body_text: string;
  /** JSON: { filename, contentType, content }[] */
  attachments: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  claimed_until: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  request_id: string | null;
}

export interface DB {
  practice_settings: PracticeSettingsTable;
  services: ServicesTable;
  therapists: TherapistsTable;
  therapist_concerns: TherapistConcernsTable;
  therapist_languages: TherapistLanguagesTable;
  therapist_services: TherapistServicesTable;
  therapist_relationships: TherapistRelationshipsTable;
  weekly_hours: WeeklyHoursTable;
  availability_overrides: AvailabilityOverridesTable;
  users: UsersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
}

export type TherapistRow = Selectable<TherapistsTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
