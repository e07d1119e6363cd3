// Coded errors: every use case answers an Outcome, and a refusal carries one of these stable codes. The
// web layer maps each code to an HTTP status and a title in one table (src/web/problem.ts), typed as a
// Record over ErrorCode so that the compiler refuses a code the table does not cover.
import type { Slot } from './slots.ts';

export type ErrorCode =
  // Input and access (the web layer's own, also used by use cases)
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'CROSS_SITE_REQUEST'
  | 'UNAUTHENTICATED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MALFORMED_BODY'
  | 'RATE_LIMITED'
  // Booking
  | 'THERAPIST_NOT_FOUND'
  | 'SERVICE_NOT_FOUND'
  | 'SERVICE_NOT_OFFERED'
  | 'FORMAT_NOT_OFFERED'
  | 'NO_THERAPIST_FREE'
  | 'ANY_THERAPIST_NOT_ALLOWED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'BOOKING_NOT_FOUND'
  | 'ALREADY_CANCELLED'
  | 'LATE_CANCELLATION'
  | 'SESSION_PASSED'
  | 'SESSION_NOT_STARTED'
  // Slots (see SlotRejectionCode in slots.ts)
  | 'SLOT_TAKEN'
  | 'DAY_FULL'
  | 'TOO_SOON'
  | 'OUTSIDE_BOOKING_WINDOW'
  | 'OUTSIDE_AVAILABILITY'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_DATE'
  | 'INVALID_DATE_RANGE'
  | 'INVALID_AVAILABILITY'
  // Companion
  | 'SIGN_IN_LINK_NOT_FOUND'
  | 'CONSENT_REQUIRED'
  | 'INVITE_NOT_FOUND'
  | 'CIRCLE_FULL'
  | 'WEEK_NOT_FOUND'
  | 'WEEK_CHANGED'
  | 'ANSWERS_REVEALED'
  | 'PROMISE_NOT_FOUND'
  | 'NOTE_NOT_FOUND'
  // Staff: running the practice
  | 'STAFF_EMAIL_TAKEN'
  | 'THERAPIST_HAS_ACCOUNT'
  | 'PROFILE_CHANGE_NOT_PENDING'
  | 'PROFILE_INCOMPLETE'
  // Pictures (photos, the logo)
  | 'IMAGE_REJECTED'
  // The system
  /** The database could not be reached or failed part-way: nothing was written, try again. */
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface DomainError {
  code: ErrorCode;
  detail: string;
  /** For a time that cannot be had: the next free times, so the client can pick again at once. */
  alternatives?: Slot[];
  /** For RATE_LIMITED: how long to wait before trying again. */
  retryAfterSeconds?: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export const fail = <T>(code: ErrorCode, detail: string, alternatives?: Slot[]): Outcome<T> => ({
  ok: false,
  error: alternatives ? { code, detail, alternatives } : { code, detail },
});

/** A refusal because a rate limit is reached, with how long to wait. */
export const rateLimited = <T>(retryAfterSeconds: number, detail = 'Too many requests in a short time.'): Outcome<T> => ({
  ok: false,
  error: { code: 'RATE_LIMITED', detail, retryAfterSeconds },
});
