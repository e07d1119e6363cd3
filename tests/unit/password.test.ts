// Staff password hashes: production parameters are the documented ones; the cheap test cost is accepted
// only in tests; a hash records its parameters, so hashes of either cost verify.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { hashPassword, PASSWORD_HASH_PARAMETERS, verifyPassword } from '../../src/security/password.ts';
import { ADMIN, startTestApp } from '../support/app.ts';

describe('staff password hashing cost', () => {
  test('production hashes with scrypt N = 2^15, r = 8, p = 1 and a 32-byte key, and is the default', async () => {
    expect(PASSWORD_HASH_PARAMETERS.production).toEqual({ N: 32768, r: 8, p: 1, keylen: 32 });
    for (const hash of [await hashPassword('a long enough passphrase'), await hashPassword('a long enough passphrase', 'production')]) {
      const [scheme, N, r, p, salt, key] = hash.split('$');
      expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
      expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
      expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
      expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
      expect(await verifyPassword('a long enough passphrasE', hash)).toBe(false);
    }
  });

  test('a hash made at the test cost records its own parameters and still verifies', async () => {
    const { N, r, p } = PASSWORD_HASH_PARAMETERS.test;
    const hash = await hashPassword('a long enough passphrase', 'test');
    expect(hash.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
    expect(N).toBeLessThan(PASSWORD_HASH_PARAMETERS.production.N);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('another passphrase entirely', hash)).toBe(false);
  });

  test('the configuration is production unless NODE_ENV=test asks for the test cost', () => {
    expect(loadConfig({}).PASSWORD_HASH_COST).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production' }).PASSWORD_HASH_COST).toBe('production');
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'test' }).PASSWORD_HASH_COST).toBe('test');
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => loadConfig({ NODE_ENV, PASSWORD_HASH_COST: 'test' })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV, PASSWORD_HASH_COST: 'test' })).toThrow(/PASSWORD_HASH_COST:/);
    }
    expect(() => loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'cheap' })).toThrow(/PASSWORD_HASH_COST:/);
  });

  test('the seeded admin is hashed at the configured cost, and signs in either way', async () => {
    for (const cost of ['test', 'production'] as const) {
      const t = await startTestApp('sqlite', { env: { PASSWORD_HASH_COST: cost } });
      try {
        const admin = await t.deps.database.db.selectFrom('users').select('password_hash').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
        const { N, r, p } = PASSWORD_HASH_PARAMETERS[cost];
        expect(admin.password_hash.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
        expect(await verifyPassword(ADMIN.password, admin.password_hash)).toBe(true);
      } finally {
        await t.stop();
      }
    }
  });

  test('PORT=0 is accepted (listen on any free port)', () => {
    expect(loadConfig({ PORT: '0' }).PORT).toBe(0);
  });
});
