// RFC 9457 problem details: the only shape an API error takes. Codes map to statuses in one table.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../domain/errors.ts';

export type { ErrorCode };

export const ERROR_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  SLOT_TAKEN: 409,
  OUTSIDE_AVAILABILITY: 409,
  TOO_SOON: 409,
  OUTSIDE_BOOKING_WINDOW: 409,
  DAY_FULL: 409,
  NO_THERAPIST_FREE: 409,
  LATE_CANCELLATION: 409,
  ALREADY_CANCELLED: 409,
  SESSION_PASSED: 409,
  SESSION_NOT_STARTED: 409,
  THERAPIST_NOT_FOUND: 422,
  SERVICE_NOT_FOUND: 422,
  SERVICE_NOT_OFFERED: 422,
  FORMAT_NOT_OFFERED: 422,
  ANY_THERAPIST_NOT_ALLOWED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_TIME_ZONE: 422,
  INVALID_DATE: 422,
  INVALID_DATE_RANGE: 422,
  INVALID_AVAILABILITY: 503,
  CONFLICT: 409,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  UNAUTHENTICATED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MALFORMED_BODY: 400,
  BOOKING_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SIGN_IN_LINK_NOT_FOUND: 404,
  CONSENT_REQUIRED: 422,
  INVITE_NOT_FOUND: 404,
  CIRCLE_FULL: 422,
  WEEK_NOT_FOUND: 404,
  WEEK_CHANGED: 422,
  ANSWERS_REVEALED: 422,
  PROMISE_NOT_FOUND: 404,
  NOTE_NOT_FOUND: 404,
  STAFF_EMAIL_TAKEN: 409,
  THERAPIST_HAS_ACCOUNT: 409,
  PROFILE_CHANGE_NOT_PENDING: 409,
  PROFILE_INCOMPLETE: 422,
  IMAGE_REJECTED: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of what was sent is not valid',
  NOT_FOUND: 'Not found',
  SLOT_TAKEN: 'That time has just been taken',
  OUTSIDE_AVAILABILITY: 'That time is not available',
  TOO_SOON: 'That time is too soon to book online',
  OUTSIDE_BOOKING_WINDOW: 'That time is beyond the booking window',
  DAY_FULL: 'That day is fully booked',
  NO_THERAPIST_FREE: 'No therapist is free at that time',
  LATE_CANCELLATION: 'Too close to the session to change online',
  ALREADY_CANCELLED: 'This session was already cancelled or changed',
  SESSION_PASSED: 'This session can no longer be changed',
  SESSION_NOT_STARTED: 'This session has not started yet',
  THERAPIST_NOT_FOUND: 'No such therapist',
  SERVICE_NOT_FOUND: 'No such service',
  SERVICE_NOT_OFFERED: 'The therapist does not offer that service',
  FORMAT_NOT_OFFERED: 'The therapist does not offer that format',
  ANY_THERAPIST_NOT_ALLOWED: 'Choose a therapist for this service',
  IDEMPOTENCY_KEY_REUSED: 'That idempotency key was used for another request',
  INVALID_TIME_ZONE: 'Unknown time zone',
  INVALID_DATE: 'Invalid date',
  INVALID_DATE_RANGE: 'Invalid date range',
  INVALID_AVAILABILITY: 'Availability cannot be checked',
  CONFLICT: 'That change conflicts with the current state',
  FORBIDDEN: 'Not allowed',
  CROSS_SITE_REQUEST: 'Cross-site requests are refused',
  UNAUTHENTICATED: 'Sign in first',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Send JSON',
  MALFORMED_BODY: 'The request body could not be read',
  BOOKING_NOT_FOUND: 'No such booking',
  RATE_LIMITED: 'Too many requests',
  SIGN_IN_LINK_NOT_FOUND: 'This sign-in link no longer works',
  CONSENT_REQUIRED: 'Agreement to how we keep what you write is needed',
  INVITE_NOT_FOUND: 'This invitation no longer works',
  CIRCLE_FULL: 'There is no room for anyone else in this circle',
  WEEK_NOT_FOUND: 'No such week',
  WEEK_CHANGED: 'A new week has begun',
  ANSWERS_REVEALED: 'This week’s answers have already been revealed',
  PROMISE_NOT_FOUND: 'No such promise',
  NOTE_NOT_FOUND: 'No such note',
  STAFF_EMAIL_TAKEN: 'That e-mail address already has a staff account',
  THERAPIST_HAS_ACCOUNT: 'That therapist already has an account',
  PROFILE_CHANGE_NOT_PENDING: 'That change was no longer waiting',
  PROFILE_INCOMPLETE: 'The profile is not complete enough to be listed',
  IMAGE_REJECTED: 'That picture cannot be used',
  UNAVAILABLE: 'Temporarily unavailable',
  INTERNAL: 'Something went wrong on our side',
};

export interface FieldError {
  /** JSON Pointer into the request part, e.g. "/client/email". */
  pointer: string;
  /** Where: "body", "query" or "path". */
  in: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemBody(code: ErrorCode, extra: { detail?: string; errors?: FieldError[]; [k: string]: unknown } = {}): Problem {
  return { type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[code], status: ERROR_STATUS[code], code, ...extra };
}

/**
 * A problem+json response. Typed loosely on purpose: OpenAPI routes declare their problem responses in
 * their route config, and this one function writes all of them.
 */
export function problem(
  c: Context,
  code: ErrorCode,
  extra: { detail?: string; errors?: FieldError[]; [k: string]: unknown } = {},
  headers: Record<string, string> = {},
): any {
  const body = problemBody(code, extra);
  return c.body(JSON.stringify(body), ERROR_STATUS[code], { 'Content-Type': 'application/problem+json', ...headers });
}

/** Zod issues as field errors. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[], where: string): FieldError[] {
  return issues.map((issue) => ({
    pointer: `/${issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
    in: where,
    detail: issue.message,
  }));
}
