// An online backup with its keys: the database as one consistent copy taken while the app runs (SQLite's
// backup API; pg_dump on PostgreSQL) and the key files beside it, in a folder only its owner can read.
// Without its keys a backup is unreadable, and a process started on it refuses to run (migration 009).
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';

export interface BackupSource {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** True when the keys come from the environment rather than key files in DATA_DIR. */
  keysFromEnvironment: boolean;
}

export interface BackupResult {
  folder: string;
  files: string[];
}

const KEY_FILES = ['encryption.key', 'blind-index.key'];

export async function backupTo(source: BackupSource, folder: string): Promise<BackupResult> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  const files: string[] = [];
  if (source.databaseUrl) {
    const out = join(folder, 'closer.pgdump');
    await promisify(execFile)('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, source.databaseUrl]);
    files.push('closer.pgdump');
  } else {
    const live = new DatabaseSync(join(source.dataDir, 'closer.sqlite'), { readOnly: true });
    try {
      // Page by page, consistent with concurrent writers (a plain cp of the file and its WAL is not).
      await backup(live, join(folder, 'closer.sqlite'));
    } finally {
      live.close();
    }
    chmodSync(join(folder, 'closer.sqlite'), 0o600);
    files.push('closer.sqlite');
  }
  for (const name of KEY_FILES) {
    const file = join(source.dataDir, name);
    if (!existsSync(file)) continue;
    copyFileSync(file, join(folder, name));
    chmodSync(join(folder, name), 0o600);
    files.push(name);
  }
  if (source.keysFromEnvironment) {
    writeFileSync(
      join(folder, 'KEYS.txt'),
      'This backup was taken from a process whose keys come from ENCRYPTION_KEY / BLIND_INDEX_KEY.\nThe data cannot be read without them: keep those values with this backup, separately secured.\n',
      { mode: 0o600 },
    );
    files.push('KEYS.txt');
  }
  return { folder, files };
}
