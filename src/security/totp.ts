// Time-based one-time passwords (RFC 6238) for staff, through otpauth: SHA-1, 6 digits, 30-second steps,
// the form every authenticator app reads. A code is accepted for the step it belongs to, or one step either
// side (clock drift); the caller remembers the last step used, so a code is good once.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const WINDOW = 1;

/** A new random secret (160 bits), as base32 text for the authenticator app. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'staff', issuer = 'Closer'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** otpauth://totp/… for an authenticator app; carries the secret, so it is shown only to its owner. */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return totp(secretBase32, account, issuer).toString();
}

/** The time-step an instant falls in. */
export const totpStep = (now: number) => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/** The code for an instant: for tests and for nothing else in the app. */
export function totpCode(secretBase32: string, now: number): string {
  return totp(secretBase32).generate({ timestamp: now });
}

/**
 * The time-step a code matches (its own step, or one either side), or null. A step at or before
 * `lastUsedStep` is refused: that code, or an older one, has already been used.
 */
export function matchTotp(secretBase32: string, code: string, now: number, lastUsedStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return null;
  return step;
}
