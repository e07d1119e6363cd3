// Staff passwords: scrypt from node:crypto, parameters recorded in the stored hash so they can change.
import { randomBytes, type ScryptOptions, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/**
 * How much a new hash costs. `production` is the only cost a real deployment uses; `test` is cheap, for
 * test runs only (the configuration accepts PASSWORD_HASH_COST=test only with NODE_ENV=test).
 */
export type PasswordHashCost = 'production' | 'test';

export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

/** Production: N = 2^15, r = 8, p = 1, a 32-byte key (32 MiB of memory per hash). */
export const PASSWORD_HASH_PARAMETERS: Record<PasswordHashCost, Readonly<ScryptParameters>> = {
  production: { N: 2 ** 15, r: 8, p: 1, keylen: 32 },
  test: { N: 2 ** 4, r: 1, p: 1, keylen: 32 },
};

/** "scrypt$N$r$p$salt$hash" with base64url salt and hash. */
export async function hashPassword(password: string, cost: PasswordHashCost = 'production'): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keylen } = PASSWORD_HASH_PARAMETERS[cost];
  const key = await scrypt(password.normalize('NFC'), salt, keylen, { N, r, p, maxmem: 128 * N * r * 2 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash, with the parameters the hash records (whatever its cost). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const N = Number(n);
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltText, 'base64url'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 128 * N * Number(r) * 2,
  });
  return timingSafeEqual(key, expected);
}

/** A readable random password for the first admin when none was configured. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
