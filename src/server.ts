// Starts Closer: configuration, database (migrate and seed), the web app, background jobs.
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { seedIfEmpty } from './db/seed.ts';
import { startScheduler, type Scheduler } from './jobs/scheduler.ts';
import { createLogger, type Logger } from './logger.ts';
import { loadEncryptor } from './security/encryption.ts';
import { createApp } from './web/app.tsx';
import { loadAssets } from './web/assets.ts';
import { type AppDeps, type Clock, createRepositories, systemClock } from './web/deps.ts';

export interface Closer {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  jobs: Scheduler;
  close(): Promise<void>;
}

/** Everything but the listening socket: used by npm start and by the tests. */
export async function createCloser(config: Config, options: { logger?: Logger; clock?: Clock; database?: Database; assetsDir?: string } = {}): Promise<Closer> {
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
  });
  if (seed.seeded) {
    logger.info({ demoData: config.DEMO_DATA }, 'empty database seeded');
    if (seed.generatedPassword) {
      // Printed once, to the terminal only, never to the log stream or the database.
      process.stderr.write(`\nFirst admin created: ${seed.adminEmail}\nPassword (shown once, change it after signing in): ${seed.generatedPassword}\n\n`);
    }
  }
  const deps: AppDeps = {
    config,
    database,
    repos: createRepositories(database),
    encryptor: loadEncryptor({ key: config.ENCRYPTION_KEY, oldKeys: config.ENCRYPTION_KEYS_OLD, indexKey: config.BLIND_INDEX_KEY, dataDir: config.DATA_DIR }),
    logger,
    clock: options.clock ?? systemClock,
    assets: loadAssets(options.assetsDir),
  };
  const app = createApp(deps);
  const jobs = startScheduler(deps);
  return {
    deps,
    app,
    jobs,
    async close() {
      await jobs.stop();
      await database.close();
    },
  };
}

export function listen(closer: Closer, config: Config): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: closer.app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(server));
  });
}
