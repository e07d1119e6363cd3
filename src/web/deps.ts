// What a request handler may use: repositories, the clock, configuration. Built once per process.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { practiceRepository } from '../db/repositories/practice.ts';
import { rateLimitRepository } from '../db/repositories/rate-limits.ts';
import { serviceRepository } from '../db/repositories/services.ts';
import { therapistRepository } from '../db/repositories/therapists.ts';
import type { Logger } from '../logger.ts';
import type { Encryptor } from '../security/encryption.ts';
import type { Assets } from './assets.ts';

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function createRepositories(database: Database) {
  const { db } = database;
  return {
    practice: practiceRepository(db),
    rateLimits: rateLimitRepository(db),
    services: serviceRepository(db),
    therapists: therapistRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

export interface AppDeps {
  config: Config;
  database: Database;
  repos: Repositories;
  encryptor: Encryptor;
  logger: Logger;
  clock: Clock;
  assets: Assets;
}
