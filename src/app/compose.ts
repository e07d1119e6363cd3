// The composition root: configuration, database (migrated and seeded), repositories, clock, encryptor
// and logger, wired once per process. Use cases and jobs receive what is built here; nothing below web/
// imports web/, and only the server entry (src/server.ts) puts the web app on top.
import type { Config } from '../config/config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedIfEmpty } from '../db/seed.ts';
import { createLogger, type Logger } from '../logger.ts';
import { loadEncryptor } from '../security/encryption.ts';
import { checkKeys } from '../usecases/keys/check.ts';
import { type AppDeps, type Assets, type Clock, createRepositories, systemClock } from './deps.ts';

export interface ComposeOptions {
  logger?: Logger;
  clock?: Clock;
  database?: Database;
  assets: Assets;
}

/** Opens, migrates and (on an empty database) seeds the database, then builds the dependencies. */
export async function composeDeps(config: Config, options: ComposeOptions): Promise<AppDeps> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = options.database ?? openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const applied = await migrate(database);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  const seed = await seedIfEmpty(database, {
    practiceName: config.PRACTICE_NAME,
    practicePhone: config.PRACTICE_PHONE,
    practiceEmail: config.PRACTICE_EMAIL,
    timeZone: config.PRACTICE_TIME_ZONE,
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    demoData: config.DEMO_DATA,
    passwordHashCost: config.PASSWORD_HASH_COST,
  });
  if (seed.seeded) {
    logger.info({ demoData: config.DEMO_DATA }, 'empty database seeded');
    if (seed.generatedPassword) {
      // Printed once, to the terminal only, never to the log stream or the database.
      process.stderr.write(`\nFirst admin created: ${seed.adminEmail}\nPassword (shown once, change it after signing in): ${seed.generatedPassword}\n\n`);
    }
  }
  const encryptor = loadEncryptor({
    key: config.ENCRYPTION_KEY,
    oldKeys: config.ENCRYPTION_KEYS_OLD,
    indexKey: config.BLIND_INDEX_KEY,
    dataDir: config.DATA_DIR,
  });
  const clock = options.clock ?? systemClock;
  try {
    await checkKeys(database, encryptor, clock.now());
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database, repos: createRepositories(database, encryptor), encryptor, logger, clock, assets: options.assets };
}
