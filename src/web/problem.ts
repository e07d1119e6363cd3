// RFC 9457 problem details: the only shape an API error takes. Codes map to statuses in one table.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  SLOT_TAKEN: 409,
  OUTSIDE_AVAILABILITY: 409,
  CONFLICT: 409,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  UNAUTHENTICATED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of what was sent is not valid',
  NOT_FOUND: 'Not found',
  SLOT_TAKEN: 'That time has just been taken',
  OUTSIDE_AVAILABILITY: 'That time is not available',
  CONFLICT: 'That change conflicts with the current state',
  FORBIDDEN: 'Not allowed',
  CROSS_SITE_REQUEST: 'Cross-site requests are refused',
  UNAUTHENTICATED: 'Sign in first',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Send JSON',
  RATE_LIMITED: 'Too many requests',
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

export function problem(c: Context, code: ErrorCode, extra: { detail?: string; errors?: FieldError[]; [k: string]: unknown } = {}, headers: Record<string, string> = {}) {
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
