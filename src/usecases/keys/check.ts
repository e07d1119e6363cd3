// Refuses to start on a database whose keys are not the ones at hand: a backup restored without its key
// files, or the wrong ENCRYPTION_KEY / BLIND_INDEX_KEY. The first start on a database records the check
// values; every later start must reproduce them.
import type { Database } from '../../db/database.ts';
import { keyCheckRepository } from '../../db/repositories/key-checks.ts';
import type { Encryptor } from '../../security/encryption.ts';

const KNOWN_TEXT = 'closer key check v1';

export class KeyMismatchError extends Error {}

export async function checkKeys(database: Database, encryptor: Encryptor, now: number): Promise<void> {
  const checks = keyCheckRepository(database.db);
  await checks.addIfMissing('encryption', encryptor.encrypt(KNOWN_TEXT), now);
  await checks.addIfMissing('blind-index', encryptor.blindIndex(KNOWN_TEXT), now);
  const stored = await checks.all();
  let opens: boolean;
  try {
    opens = encryptor.decrypt(stored.get('encryption') ?? '') === KNOWN_TEXT;
  } catch {
    opens = false;
  }
  if (!opens) {
    throw new KeyMismatchError(
      'The encryption key does not match this database: its sealed data could not be read. Restore the key files (encryption.key, blind-index.key) that were backed up with it into DATA_DIR, or set ENCRYPTION_KEY (and, after a rotation, ENCRYPTION_KEYS_OLD) to the keys it was written with.',
    );
  }
  if (stored.get('blind-index') !== encryptor.blindIndex(KNOWN_TEXT)) {
    throw new KeyMismatchError(
      'The blind-index key does not match this database: clients could not be found by e-mail. Restore blind-index.key from the backup into DATA_DIR, or set BLIND_INDEX_KEY to the key it was written with.',
    );
  }
}
