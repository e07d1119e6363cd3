// Links that give a client their own data: created sealed and hashed, used once, removed when old.
import type { Kysely } from 'kysely';
import type { Encryptor } from '../../security/encryption.ts';
import { hashToken } from '../../security/encryption.ts';
import type { DB } from '../schema.ts';
import { claimSingleUse } from './single-use.ts';

export interface ExportLink {
  email: string;
  phone: string | null;
  requestedBy: string;
}

export function dataExportLinkRepository(db: Kysely<DB>, enc: Encryptor) {
  return {
    async create(input: { token: string; email: string; phone: string | null; requestedBy: string; now: number; ttlMs: number }): Promise<void> {
      await db
        .insertInto('data_export_links')
        .values({
          token_hash: hashToken(input.token),
          email_sealed: enc.encrypt(input.email),
          phone_sealed: input.phone === null ? null : enc.encrypt(input.phone),
          requested_by: input.requestedBy,
          created_at: input.now,
          expires_at: input.now + input.ttlMs,
          used_at: null,
        })
        .execute();
      // Links a day past their end have no use: keep the table small.
      await db
        .deleteFrom('data_export_links')
        .where('expires_at', '<', input.now - 86_400_000)
        .execute();
    },

    /** The unused, unexpired link's request, or null. */
    async usable(token: string, now: number): Promise<ExportLink | null> {
      const row = await db
        .selectFrom('data_export_links')
        .select(['email_sealed', 'phone_sealed', 'requested_by'])
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      return { email: enc.decrypt(row.email_sealed), phone: row.phone_sealed === null ? null : enc.decrypt(row.phone_sealed), requestedBy: row.requested_by };
    },

    /** Uses the link (compare-and-swap); true when this call used it. */
    claim(token: string, now: number): Promise<boolean> {
      return claimSingleUse(db, 'data_export_links', token, now);
    },
  };
}
