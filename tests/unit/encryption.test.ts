import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { createEncryptor, loadEncryptor } from '../../src/security/encryption.ts';
import { hashPassword, verifyPassword } from '../../src/security/password.ts';

describe('encryption of client free text', () => {
  test('round-trips, and the sealed text neither contains nor repeats the plaintext', () => {
    const e = createEncryptor(randomBytes(32));
    const secret = 'We have not really talked since the baby was born';
    const a = e.encrypt(secret);
    const b = e.encrypt(secret);
    expect(a).not.toContain('baby');
    expect(a).not.toBe(b);
    expect(e.decrypt(a)).toBe(secret);
  });

  test('a tampered ciphertext is refused', () => {
    const e = createEncryptor(randomBytes(32));
    const sealed = e.encrypt('hello');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('jello').toString('base64url');
    expect(() => e.decrypt(parts.join('.'))).toThrow();
  });

  test('after a rotation old text still reads and new text uses the new key', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createEncryptor(oldKey).encrypt('written last year');
    const rotated = createEncryptor(newKey, [oldKey]);
    expect(rotated.decrypt(before)).toBe('written last year');
    expect(() => createEncryptor(newKey).decrypt(before)).toThrow();
    expect(createEncryptor(newKey).decrypt(rotated.encrypt('now'))).toBe('now');
  });

  test('without ENCRYPTION_KEY a key file is created once, mode 0600, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'closer-key-'));
    const first = loadEncryptor({ dataDir: dir });
    const file = join(dir, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8');
    const second = loadEncryptor({ dataDir: dir });
    expect(readFileSync(file, 'utf8')).toBe(key);
    expect(second.decrypt(first.encrypt('same key'))).toBe('same key');
  });

  test('processes starting at once on one empty DATA_DIR all end with the same whole key', async () => {
    const module = resolve('src/security/encryption.ts');
    const script = `import { loadEncryptor } from ${JSON.stringify(module)}; console.log(loadEncryptor({ dataDir: process.argv[1] }).blindIndex('same'));`;
    const run = promisify(execFile);
    for (let round = 0; round < 8; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'closer-key-race-'));
      const outputs = await Promise.all(
        Array.from({ length: 8 }, () => run(process.execPath, ['--input-type=module', '-e', script, dir]).then((r) => r.stdout.trim())),
      );
      expect(new Set(outputs).size).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(['blind-index.key', 'encryption.key']);
      expect(readFileSync(join(dir, 'encryption.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 30_000);
});

describe('staff passwords', () => {
  test('scrypt hash with recorded parameters; right password verifies, wrong does not', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', hash)).toBe(false);
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});

describe('the blind index', () => {
  test('survives a rotation of the encryption key, because it has its own key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'closer-key-'));
    const before = loadEncryptor({ dataDir: dir, key: randomBytes(32).toString('hex') });
    const after = loadEncryptor({ dataDir: dir, key: randomBytes(32).toString('hex') });
    expect(after.blindIndex('Someone@Example.com ')).toBe(before.blindIndex('someone@example.com'));
    expect(statSync(join(dir, 'blind-index.key')).mode & 0o777).toBe(0o600);
    expect(before.blindIndex('a@example.com')).not.toBe(before.blindIndex('b@example.com'));
  });
});
