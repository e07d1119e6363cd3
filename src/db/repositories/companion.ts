// The companion's repositories, built from one database handle and the application's encryptor.
import type { Kysely } from 'kysely';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import { companionAccounts } from './companion-accounts.ts';
import { companionCheckIns } from './companion-checkins.ts';
import { companionCircles } from './companion-circles.ts';
import { companionTogether } from './companion-together.ts';

export function companionRepositories(db: Kysely<DB>, enc: Encryptor) {
  return {
    accounts: companionAccounts(db, enc),
    circles: companionCircles(db, enc),
    checkIns: companionCheckIns(db, enc),
    together: companionTogether(db, enc),
  };
}

export type CompanionRepositories = ReturnType<typeof companionRepositories>;

const cache = new WeakMap<object, CompanionRepositories>();

/** One set per (database, encryptor) pair: the web layer and the jobs share them. */
export function companionRepositoriesFor(deps: { database: { db: Kysely<DB> }; encryptor: Encryptor }): CompanionRepositories {
  let repos = cache.get(deps.database);
  if (!repos) {
    repos = companionRepositories(deps.database.db, deps.encryptor);
    cache.set(deps.database, repos);
  }
  return repos;
}
