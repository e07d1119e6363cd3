// Single-use links (sign-in links, invitations): claimed once, by compare-and-swap on used_at.
import type { Kysely } from 'kysely';
import { hashToken } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';

/** True when this call used the link: it existed, was unused and had not expired. */
export async function claimSingleUse(
  db: Kysely<DB>,
  table: 'companion_login_tokens' | 'companion_invites' | 'data_export_links',
  token: string,
  now: number,
): Promise<boolean> {
  const claimed = await db
    .updateTable(table)
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
