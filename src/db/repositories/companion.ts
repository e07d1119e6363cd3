// The companion's repositories, built from one database handle (or a use case's transaction) and the
// application's encryptor.
import type { Kysely } from 'kysely';
import type { Encryptor } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import { companionAccounts } from './companion-accounts.ts';
import { companionCheckIns } from './companion-checkins.ts';
import { companionCircles } from './companion-circles.ts';
import { companionDrafts } from './companion-drafts.ts';
import { companionNotices } from './companion-notices.ts';
import { companionTogether } from './companion-together.ts';

export function companionRepositories(db: Kysely<DB>, enc: Encryptor) {
  return {
    accounts: companionAccounts(db, enc),
    circles: companionCircles(db, enc),
    checkIns: companionCheckIns(db, enc),
    drafts: companionDrafts(db, enc),
    notices: companionNotices(db),
    together: companionTogether(db, enc),
    housekeeping: companionHousekeeping(db),
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

/** Rows past use: ended sessions, sign-in links, invitations and reminder rows of weeks long gone. */
function companionHousekeeping(db: Kysely<DB>) {
  return {
    /** Deletes them; returns how many rows went. */
    async prune(cutoffs: { now: number; sessionIdleMs: number; linksBefore: number; invitesBefore: number; weeksEndedBefore: number }): Promise<number> {
      const { now } = cutoffs;
      const results = [
        await db.deleteFrom('companion_sessions').where('expires_at', '<=', now).executeTakeFirst(),
        // A remembered session ("keep me signed in on this device") has no idle end, only its absolute one.
        await db
          .deleteFrom('companion_sessions')
          .where('last_seen_at', '<=', now - cutoffs.sessionIdleMs)
          .where('remembered', '=', 0)
          .executeTakeFirst(),
        await db.deleteFrom('companion_login_tokens').where('expires_at', '<', cutoffs.linksBefore).executeTakeFirst(),
        await db.deleteFrom('companion_invites').where('expires_at', '<', cutoffs.invitesBefore).executeTakeFirst(),
        // A draft of a week long over can no longer be sent.
        await db
          .deleteFrom('companion_drafts')
          .where('week_start', '<', cutoffs.weeksEndedBefore - 7 * 86_400_000)
          .executeTakeFirst(),
        await db
          .deleteFrom('companion_reminders')
          .where('week_id', 'in', (eb) => eb.selectFrom('companion_weeks').select('id').where('ends_at', '<', cutoffs.weeksEndedBefore))
          .executeTakeFirst(),
      ];
      return results.reduce((n, r) => n + Number(r.numDeletedRows), 0);
    },
  };
}
