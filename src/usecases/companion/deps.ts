// What the companion's use cases are given, and the two ways they reach the repositories: outside a
// transaction (reads, single statements) or inside one they own.
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app/deps.ts';
import { type CompanionRepositories, companionRepositories, companionRepositoriesFor } from '../../db/repositories/companion.ts';
import type { DB } from '../../db/schema.ts';

export type CompanionDeps = Pick<AppDeps, 'database' | 'encryptor' | 'clock' | 'config' | 'repos'>;

/** The repositories over the database itself. */
export const companion = (deps: Pick<AppDeps, 'database' | 'encryptor'>): CompanionRepositories => companionRepositoriesFor(deps);

/** Runs `work` in one transaction, with the repositories over it. */
export function inTransaction<T>(deps: Pick<AppDeps, 'database' | 'encryptor'>, work: (r: CompanionRepositories, trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return deps.database.db.transaction().execute((trx) => work(companionRepositories(trx, deps.encryptor), trx));
}

/** Who did it, as the audit log writes it: a pseudonymous id, never an address. */
export const clientActor = (clientId: string) => `companion-client:${clientId}`;
