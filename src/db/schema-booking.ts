// Kysely table types of bookings: sessions, series of ongoing sessions, the waiting list and intakes (part of
// DB in schema.ts). Instants are epoch milliseconds; columns ending in _sealed are encrypted by the application.

export type BookingStatus = 'pending' | 'confirmed' | 'cancelled' | 'attended' | 'no_show';

/** Client name, e-mail, phone and notes are sealed with the application key; client_email_hash finds them. */
export interface BookingsTable {
  id: string;
  reference: string;
  therapist_id: string;
  service_id: string;
  starts_at: number;
  ends_at: number;
  /** starts_at less the buffer before, ends_at plus the buffer after: what the no-overlap rule compares. */
  blocked_from: number;
  blocked_until: number;
  status: BookingStatus;
  format: string;
  client_name: string;
  client_email: string;
  client_email_hash: string;
  client_phone: string | null;
  notes: string | null;
  client_time_zone: string;
  consent_version: string;
  consent_at: number;
  manage_token_hash: string;
  /** The manage token, encrypted: reminders and idempotent replays need the link again. */
  manage_token_sealed: string;
  manage_expires_at: number;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  sequence: number;
  reminder_sent_at: number | null;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
  cancelled_by: string | null;
  /** The series this session is an occurrence of (migration 019); absent or null for a single booking. */
  series_id?: string | null;
  /** The week it stands for in the series' pattern (its RECURRENCE-ID), when moved another time than that. */
  series_slot?: number | null;
}

/** Ongoing sessions (migration 019): the pattern of a series; its occurrences are bookings naming it. */
export interface BookingSeriesTable {
  id: string;
  therapist_id: string;
  service_id: string;
  first_booking_id: string;
  time_zone: string;
  first_slot: number;
  interval_weeks: number;
  count: number | null;
  booked_until: number;
  skipped: string;
  status: 'active' | 'ended';
  sequence: number;
  created_at: number;
  updated_at: number;
  ended_at: number | null;
}

export interface WaitlistTable {
  id: string;
  service_id: string;
  therapist_id: string | null;
  client_name: string;
  client_email: string;
  client_email_hash: string;
  client_time_zone: string;
  from_date: string;
  to_date: string;
  status: 'waiting' | 'booked' | 'left';
  leave_token_hash: string;
  last_notified_at: number | null;
  created_at: number;
}

/** The intake before a first session (migration 021): answers sealed; the partner's link kept only as a hash. */
export interface IntakesTable {
  booking_id: string;
  role: 'client' | 'partner';
  link_hash: string | null;
  answers_sealed: string | null;
  created_at: number;
  received_at: number | null;
}

/** Session notes (migration 022): a booking's original note and its dated addenda, each sealed as one value. */
export interface SessionNotesTable {
  id: string;
  booking_id: string;
  kind: 'original' | 'addendum';
  body_sealed: string;
  /** The audit actor who wrote it ("user:<id>"). */
  author: string;
  created_at: number;
  updated_at: number;
}
