// Kysely table types of the companion (migration 004 onwards; part of DB in schema.ts). Instants are epoch
// milliseconds; columns ending in _sealed are encrypted by the application.
import type { Generated } from 'kysely';

// ---------------------------------------------------------------------------
// The companion (migration 004). Columns ending in _sealed are encrypted by the application.

export interface CompanionClientsTable {
  id: string;
  /** Keyed blind index of the normalised e-mail address. */
  email_index: string;
  email_sealed: string;
  created_at: number;
  last_sign_in_at: number;
  /** Which consent wording the holder agreed to, and when (migration 007); null for accounts made before it. */
  consent_version: string | null;
  consent_at: number | null;
}

export interface CompanionLoginTokensTable {
  /** SHA-256 of the magic-link token. */
  token_hash: string;
  email_index: string;
  email_sealed: string;
  /** Where to go after signing in (a /companion path), sealed: it may hold an invitation link. */
  next_sealed: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface CompanionSessionsTable {
  id_hash: string;
  client_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  /** 1: "remember me on this device" (30 days, no idle end); migration 017. */
  remembered: Generated<number>;
}

export interface CompanionCirclesTable {
  id: string;
  kind: 'couple' | 'family' | 'friends';
  name_sealed: string;
  weekday: number;
  local_time: string;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

export interface CompanionMembersTable {
  circle_id: string;
  client_id: string;
  display_name_sealed: string;
  joined_at: number;
}

export interface CompanionInvitesTable {
  token_hash: string;
  circle_id: string;
  invited_by: string;
  /** Sealed address the invitation went to (null for invitations made before migration 014). */
  invitee_sealed: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface CompanionWeeksTable {
  id: string;
  circle_id: string;
  starts_at: number;
  ends_at: number;
  with_csi: number;
  revealed_at: number | null;
  kept_at: number | null;
  created_at: number;
}

export interface CompanionAnswersTable {
  id: string;
  week_id: string;
  circle_id: string;
  client_id: string;
  /** JSON of a CheckInAnswer (src/domain/companion.ts), sealed. */
  body_sealed: string;
  created_at: number;
  updated_at: number;
}

export interface CompanionRemindersTable {
  week_id: string;
  client_id: string;
  status: 'due' | 'queued';
  created_at: number;
  queued_at: number | null;
}

/** A check-in being answered (sealed JSON of the form's fields), one per member per circle; migration 017. */
export interface CompanionDraftsTable {
  circle_id: string;
  client_id: string;
  week_start: number;
  body_sealed: string;
  updated_at: number;
}

/** One e-mail per event per person: 'revealed', or 'answered:<member id>'; migration 017. */
export interface CompanionNoticesTable {
  week_id: string;
  client_id: string;
  event: string;
  created_at: number;
}

export interface CompanionPromisesTable {
  id: string;
  circle_id: string;
  client_id: string;
  text_sealed: string;
  /** YYYY-MM-DD or null. */
  due_on: string | null;
  shared: number;
  status: 'open' | 'kept' | 'not_kept';
  created_at: number;
  updated_at: number;
}

export interface CompanionNotesTable {
  id: string;
  circle_id: string;
  client_id: string;
  text_sealed: string;
  created_at: number;
}
