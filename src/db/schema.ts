// Kysely table types. Instants are epoch milliseconds (bigint in PostgreSQL, INTEGER in SQLite);
// booleans are 0/1 integers and lists are JSON text, so one query code serves both databases.
import type { Generated, Insertable, Selectable } from 'kysely';
import type { BookingSeriesTable, BookingsTable, IntakesTable, SessionNotesTable, WaitlistTable } from './schema-booking.ts';
import type {
  CompanionAnswersTable,
  CompanionCirclesTable,
  CompanionClientsTable,
  CompanionDraftsTable,
  CompanionInvitesTable,
  CompanionLoginTokensTable,
  CompanionMembersTable,
  CompanionNotesTable,
  CompanionNoticesTable,
  CompanionPromisesTable,
  CompanionRemindersTable,
  CompanionSessionsTable,
  CompanionWeeksTable,
} from './schema-companion.ts';
import type { BillingSettingsTable, InvoiceCountersTable, InvoicesTable } from './schema-invoices.ts';

export type * from './schema-booking.ts';
export type * from './schema-companion.ts';

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
  /** 1: a therapist's profile changes wait for an admin's approval (migration 006). */
  profile_approval_required: Generated<number>;
  /** JSON: LogoRef, or null for the practice's name set as a mark (migration 011). */
  logo: string | null;
  /** 1: session notes are part of a client's copy of their data (migration 022). */
  notes_in_export: Generated<number>;
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
  /** The service's name in visitors' URLs: random, unique, public nowhere else (migration 018). */
  public_ref: string;
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
  /** The lowest of the therapist's paid fees (0: none), kept in step by the repository (migration 015). */
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
  /** Bit masks kept in step by triggers from the link tables and weekly_hours (src/db/match-masks.ts). */
  concern_mask: Generated<number>;
  relationship_mask: Generated<number>;
  hours_mask: Generated<number>;
  active: number;
  created_at: number;
  updated_at: number;
  email: string;
  /** JSON: PhotoRef, or null for no photo (migration 011). */
  photo: string | null;
  /** The therapist's own fixed video link (https), or null: the practice's per-session room, or none (migration 020). */
  video_url: string | null;
}

/** Stored pictures: photos and the logo, each file under its content-hashed name (migration 011). */
export interface ImagesTable {
  file: string;
  /** `therapist:<id>` or `practice:logo`: whose picture, so a new one replaces the old. */
  owner: string;
  content_type: string;
  width: number;
  height: number;
  data: Uint8Array;
  created_at: number;
}

export interface TherapistConcernsTable {
  therapist_id: string;
  concern_id: string;
}
export interface TherapistLanguagesTable {
  therapist_id: string;
  language: string;
}
export interface TherapistServicesTable {
  therapist_id: string;
  service_id: string;
  /** The therapist's own fee for this service, minor units; null: the service's price (migration 015). */
  fee_minor: number | null;
}
export interface TherapistRelationshipsTable {
  therapist_id: string;
  relationship: string;
}

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
  /** The TOTP secret, sealed with the application key (migration 006). */
  totp_secret: string | null;
  active: number;
  created_at: number;
  updated_at: number;
  /** A secret being enrolled (sealed), until the first code from it is confirmed. */
  totp_pending: string | null;
  /** The last TOTP time-step accepted: a code is good once. */
  totp_last_step: number | null;
  password_changed_at: number | null;
  /** The session (SHA-256 of its id) that started enrolling totp_pending: only it may see or confirm it (migration 008). */
  totp_pending_session: string | null;
  /** When totp_pending stops being usable (migration 008). */
  totp_pending_expires_at: number | null;
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
  /** The worker whose claim this is (migration 010); null when nobody holds it. */
  claim_id: string | null;
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
  /** JSON: before and after values of a changed setting or fee, a move's reason code (migration 016). */
  detail: string | null;
}

/** A form that met an expired session, sealed, kept for 30 minutes for the browser holding the cookie. */
export interface KeptFormsTable {
  /** SHA-256 of the random id in the browser's cookie. */
  id_hash: string;
  side: string;
  path: string;
  fields_sealed: string;
  created_at: number;
  expires_at: number;
}

/** A message or call-back request from the contact page. Every *_sealed column is AES-256-GCM ciphertext. */
export interface ContactRequestsTable {
  id: string;
  /** Short reference for e-mails and phone calls, e.g. "M-7KQ3PX". */
  reference: string;
  kind: 'message' | 'callback';
  name_sealed: string;
  email_sealed: string | null;
  phone_sealed: string | null;
  /** The message, or the note with a call-back request. */
  body_sealed: string | null;
  /** JSON: CallbackTime[] (empty for a message). */
  preferred_times: string;
  /** Call-back only: 1 when a voicemail may be left, 0 when not. */
  voicemail_ok: number | null;
  consent_version: string;
  consent_at: number;
  status: 'new' | 'handled';
  created_at: number;
  handled_at: number | null;
}

// ---------------------------------------------------------------------------
// The staff side (migration 006).

/** Single-use tokens for password resets and invitations; only their SHA-256 is kept. */
export interface StaffTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'reset' | 'invite';
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A therapist's private calendar feed: one per therapist, the token kept only as its SHA-256. */
export interface CalendarFeedsTable {
  therapist_id: string;
  token_hash: string;
  created_at: number;
}

/** A therapist's profile edit waiting for an admin, when the practice asks for approval. */
export interface ProfileChangesTable {
  id: string;
  therapist_id: string;
  submitted_by: string;
  /** JSON: ProfileFields (src/db/repositories/therapists.ts). */
  changes: string;
  status: 'pending' | 'approved' | 'rejected';
  created_at: number;
  decided_at: number | null;
  decided_by: string | null;
}

/** Key check values (migration 009): see src/usecases/keys/check.ts. */
export interface KeyChecksTable {
  name: 'encryption' | 'blind-index';
  value: string;
  created_at: number;
}

export interface DataExportLinksTable {
  token_hash: string;
  email_sealed: string;
  phone_sealed: string | null;
  /** 'client' (asked on /your-data) or the admin's audit actor (asked on the client's behalf). */
  requested_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface StaffRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface DB {
  invoices: InvoicesTable;
  invoice_counters: InvoiceCountersTable;
  billing_settings: BillingSettingsTable;
  intakes: IntakesTable;
  session_notes: SessionNotesTable;
  data_export_links: DataExportLinksTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  key_checks: KeyChecksTable;
  staff_tokens: StaffTokensTable;
  calendar_feeds: CalendarFeedsTable;
  profile_changes: ProfileChangesTable;
  bookings: BookingsTable;
  booking_series: BookingSeriesTable;
  waitlist: WaitlistTable;
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
  kept_forms: KeptFormsTable;
  companion_clients: CompanionClientsTable;
  companion_login_tokens: CompanionLoginTokensTable;
  companion_sessions: CompanionSessionsTable;
  companion_circles: CompanionCirclesTable;
  companion_members: CompanionMembersTable;
  companion_invites: CompanionInvitesTable;
  companion_weeks: CompanionWeeksTable;
  companion_answers: CompanionAnswersTable;
  companion_reminders: CompanionRemindersTable;
  companion_drafts: CompanionDraftsTable;
  companion_notices: CompanionNoticesTable;
  companion_promises: CompanionPromisesTable;
  companion_notes: CompanionNotesTable;
  contact_requests: ContactRequestsTable;
  images: ImagesTable;
}

export type TherapistRow = Selectable<TherapistsTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
