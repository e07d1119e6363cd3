// Recovery codes for the second factor: ten at a time, each 80 random bits written as 16 base32 characters
// in groups of four (no 0/1/8/9 to mistake for letters). Stored only as hashes; each works once.
import { randomBytes } from 'node:crypto';
import { hashToken } from './encryption.ts';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function oneCode(): string {
  const bytes = randomBytes(10); // 80 bits → 16 base32 characters
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** A new set of codes, as the owner is shown them once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, oneCode);
}

/** What a typed code is compared as: upper case, without spaces or dashes; null when it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]+/g, '');
  return /^[A-Z2-7]{16}$/.test(plain) ? plain : null;
}

/** The stored form of a code (its normalised text, hashed). */
export const hashRecoveryCode = (normalised: string) => hashToken(`recovery:${normalised}`);
