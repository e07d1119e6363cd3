// Key rotation that ends: every value sealed under an older key is opened and sealed again under the
// current one, a batch at a time. Each value is replaced by compare-and-swap, so the job can run in any
// number of processes at once, be stopped anywhere and start again (what is left is found anew). Once it
// reports nothing remaining, the old key can be dropped from ENCRYPTION_KEYS_OLD.
import type { AppDeps } from '../../app/deps.ts';
import { SEALED_COLUMNS, sealedColumnsRepository } from '../../db/repositories/sealed-columns.ts';

export interface ResealReport {
  /** Values now sealed under the current key. */
  resealed: number;
  /** Values no key at hand can open (sealed under a key that is not configured): left as they are. */
  unreadable: number;
  /** Values still under another key afterwards, per table (0 everywhere: the old keys can go). */
  remaining: Record<string, number>;
}

export async function resealUnderCurrentKey(deps: Pick<AppDeps, 'database' | 'encryptor'>, options: { batchSize?: number } = {}): Promise<ResealReport> {
  const batchSize = options.batchSize ?? 200;
  const sealed = sealedColumnsRepository(deps.database.db);
  const { encryptor } = deps;
  const prefix = encryptor.currentPrefix;
  let resealed = 0;
  let unreadable = 0;
  for (const table of SEALED_COLUMNS) {
    let after: string[] | undefined;
    for (;;) {
      const rows = await sealed.staleRows(table, prefix, after, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const changes: Record<string, string> = {};
        for (const column of table.columns) {
          const value = row[column];
          if (!value?.startsWith('v1.') || value.startsWith(prefix)) continue;
          try {
            changes[column] = encryptor.encrypt(encryptor.decrypt(value));
          } catch {
            unreadable += 1;
          }
        }
        const count = Object.keys(changes).length;
        // A row changed meanwhile was written under the current key by whoever changed it.
        if (count > 0 && (await sealed.replace(table, row, changes))) resealed += count;
      }
      after = table.key.map((k) => String(rows.at(-1)![k]));
    }
  }
  return { resealed, unreadable, remaining: await sealed.countStale(prefix) };
}
