// The composition root's types: what a use case, a job or a request handler may use (repositories, the
// clock, configuration, the logger, the encryptor). Built once per process by src/app/compose.ts.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { practiceRepository } from '../db/repositories/practice.ts';
import { rateLimitRepository } from '../db/repositories/rate-limits.ts';
import { serviceRepository } from '../db/repositories/services.ts';
import { therapistRepository } from '../db/repositories/therapists.ts';
import type { Logger } from '../logger.ts';
import type { Encryptor } from '../security/encryption.ts';

/** The static files built with content hashes (implemented by src/web/assets.ts). */
export interface Assets {
  /** The public URL of a source asset, e.g. url('styles.css') → '/assets/styles.3f2a9c1b0d.css'. */
  url(name: string): string;
  /** The bytes and type of a built file, or undefined. */
  read(file: string): { body: Buffer; type: string } | undefined;
}

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function createRepositories(database: Database, encryptor: Pick<Encryptor, 'keyedDigest'>) {
  const { db } = database;
  return {
    practice: practiceRepository(db),
    rateLimits: rateLimitRepository(db, encryptor.keyedDigest),
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
