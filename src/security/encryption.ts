// Application-level encryption for free text a client confides: AES-256-GCM, the key outside the database.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Encryptor {
  /** "v1.<keyId>.<iv>.<tag>.<ciphertext>", all base64url. */
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** A keyed hash for finding sealed values by equality (e.g. every booking of one e-mail address). */
  blindIndex(value: string): string;
  /** How every value sealed under the current key begins: "v1.<keyId>.". */
  currentPrefix: string;
  /**
   * A keyed digest of a value as it is (no normalising), for keys that must not be reversible by guessing
   * (rate-limit keys hold client addresses and e-mail indexes). Same key family as the blind index.
   */
  keyedDigest(value: string): string;
  /**
   * A capability token derived from what it opens ("manage:<booking id>"): 256 bits no one can work out
   * without the key, so the database keeps only its hash and the app can still put it in a later e-mail.
   * Its own key in the blind index's family (it never rotates, so links keep working).
   */
  capability(subject: string): string;
}

/** SHA-256 of a secret token: what the database keeps of session ids, manage links and magic links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new random token with 256 bits of entropy, safe in a URL. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function parseKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('An encryption key must be 32 bytes');
  return key;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

/**
 * The current key encrypts; every listed key (current first, then older ones) can decrypt. The blind
 * index has its own key, which never rotates (rotating it would orphan every stored index); without
 * one it is derived from the current key (tests, and callers that never rotate).
 */
export function createEncryptor(current: Buffer, older: Buffer[] = [], indexKeyMaterial?: Buffer): Encryptor {
  const keys = new Map([current, ...older].map((k) => [keyId(k), k] as const));
  const currentId = keyId(current);
  const indexKey = createHash('sha256')
    .update('closer-blind-index')
    .update(indexKeyMaterial ?? current)
    .digest();
  const digestKey = createHash('sha256')
    .update('closer-keyed-digest')
    .update(indexKeyMaterial ?? current)
    .digest();
  const capabilityKey = createHash('sha256')
    .update('closer-capability')
    .update(indexKeyMaterial ?? current)
    .digest();
  return {
    currentPrefix: `v1.${currentId}.`,
    capability: (subject) => createHmac('sha256', capabilityKey).update(subject).digest('base64url'),
    keyedDigest: (value) => createHmac('sha256', digestKey).update(value).digest('base64url'),
    blindIndex: (value) => createHmac('sha256', indexKey).update(value.trim().toLowerCase()).digest('base64url'),
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, id, iv, tag, data] = sealed.split('.');
      const key = id ? keys.get(id) : undefined;
      if (version !== 'v1' || !key || !iv || !tag || data === undefined) throw new Error('Cannot decrypt: unknown format or key');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key from ENCRYPTION_KEY, or else from DATA_DIR/encryption.key, created with mode 0600 on first start.
 * Older keys (after a rotation) come from ENCRYPTION_KEYS_OLD.
 */
export function loadEncryptor(options: { key?: string | undefined; oldKeys?: string | undefined; indexKey?: string | undefined; dataDir: string }): Encryptor {
  const older = (options.oldKeys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseKey);
  const current = options.key ? parseKey(options.key) : parseKey(readOrCreateKeyFile(join(options.dataDir, 'encryption.key')));
  const index = options.indexKey ? parseKey(options.indexKey) : parseKey(readOrCreateKeyFile(join(options.dataDir, 'blind-index.key')));
  return createEncryptor(current, older, index);
}

/**
 * A 256-bit key in a file of its own, created once with mode 0600. Several processes may start at once on
 * one DATA_DIR: the key is written whole to a private file first and then published with link(), which
 * fails if the name exists, so nobody ever reads a half-written key and everybody ends with the winner's.
 */
function readOrCreateKeyFile(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(draft, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(draft, { force: true });
    }
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
