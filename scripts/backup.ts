// npm run backup [-- FOLDER]: an online backup of the database named by the environment (as npm start
// reads it), with its key files, into FOLDER (default ./backups/closer-<UTC time>). See README, "Backup".
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { backupTo } from '../src/db/backup.ts';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const folder = process.argv[2] ?? join('backups', `closer-${stamp}`);
const result = await backupTo(
  { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, keysFromEnvironment: Boolean(config.ENCRYPTION_KEY || config.BLIND_INDEX_KEY) },
  folder,
);
process.stdout.write(`Backup written to ${result.folder}: ${result.files.join(', ')}\n`);
