// Every column that holds AES-256-GCM ciphertext ("v1.<keyId>.…", src/security/encryption.ts), and the
// statements that find values sealed under an older key and put the same value back under the current
// one. Used by the key rotation (src/usecases/keys/reseal.ts); the re-seal itself happens there.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';

export interface SealedTable {
  table: keyof DB & string;
  /** The primary key's columns, in order. */
  key: readonly string[];
  columns: readonly string[];
}

export const SEALED_COLUMNS: readonly SealedTable[] = [
  { table: 'bookings', key: ['id'], columns: ['client_name', 'client_email', 'client_phone', 'notes', 'manage_token_sealed'] },
  { table: 'waitlist', key: ['id'], columns: ['client_name', 'client_email'] },
  { table: 'outbox', key: ['id'], columns: ['to_address', 'subject', 'body_text', 'attachments'] },
  { table: 'users', key: ['id'], columns: ['totp_secret', 'totp_pending'] },
  { table: 'contact_requests', key: ['id'], columns: ['name_sealed', 'email_sealed', 'phone_sealed', 'body_sealed'] },
  { table: 'companion_clients', key: ['id'], columns: ['email_sealed'] },
  { table: 'companion_login_tokens', key: ['token_hash'], columns: ['email_sealed', 'next_sealed'] },
  { table: 'companion_circles', key: ['id'], columns: ['name_sealed'] },
  { table: 'companion_invites', key: ['token_hash'], columns: ['invitee_sealed'] },
  { table: 'companion_members', key: ['circle_id', 'client_id'], columns: ['display_name_sealed'] },
  { table: 'companion_answers', key: ['id'], columns: ['body_sealed'] },
  { table: 'companion_drafts', key: ['circle_id', 'client_id'], columns: ['body_sealed'] },
  { table: 'companion_promises', key: ['id'], columns: ['text_sealed'] },
  { table: 'companion_notes', key: ['id'], columns: ['text_sealed'] },
  { table: 'data_export_links', key: ['token_hash'], columns: ['email_sealed', 'phone_sealed'] },
  { table: 'intakes', key: ['booking_id', 'role'], columns: ['answers_sealed'] },
  { table: 'session_notes', key: ['id'], columns: ['body_sealed'] },
  { table: 'invoices', key: ['id'], columns: ['client_name', 'client_email', 'void_reason'] },
  { table: 'key_checks', key: ['name'], columns: ['value'] },
];

export type Row = Record<string, string | null>;

const stale = (column: string, prefix: string) => sql`(${sql.ref(column)} like 'v1.%' and substr(${sql.ref(column)}, 1, ${prefix.length}) <> ${prefix})`;

export function sealedColumnsRepository(db: Kysely<DB>) {
  return {
    /**
     * Up to `limit` rows of the table with a value sealed under another key than `currentPrefix`
     * ("v1.<keyId>."), after the row keyed `after` (keyset order, so a row that cannot be opened is passed).
     */
    async staleRows(t: SealedTable, currentPrefix: string, after: readonly string[] | undefined, limit: number): Promise<Row[]> {
      const anyStale = sql.join(
        t.columns.map((c) => stale(c, currentPrefix)),
        sql` or `,
      );
      const keys = sql.join(t.key.map((k) => sql.ref(k)));
      const past = after ? sql`and (${keys}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
      const columns = sql.join([...t.key, ...t.columns].map((c) => sql.ref(c)));
      const r = await sql<Row>`select ${columns} from ${sql.table(t.table)} where (${anyStale}) ${past} order by ${keys} limit ${limit}`.execute(db);
      return r.rows;
    },

    /** Writes the new values if the old ones are still there (compare-and-swap); true when it did. */
    async replace(t: SealedTable, row: Row, changes: Record<string, string>): Promise<boolean> {
      const sets = sql.join(Object.entries(changes).map(([c, v]) => sql`${sql.ref(c)} = ${v}`));
      const same = sql.join(
        [...t.key.map((k) => sql`${sql.ref(k)} = ${row[k]}`), ...Object.keys(changes).map((c) => sql`${sql.ref(c)} = ${row[c]}`)],
        sql` and `,
      );
      const r = await sql`update ${sql.table(t.table)} set ${sets} where ${same}`.execute(db);
      return Number(r.numAffectedRows ?? 0) === 1;
    },

    /** How many values (not rows) are still sealed under another key, per table. */
    async countStale(currentPrefix: string): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const t of SEALED_COLUMNS) {
        const perColumn = sql.join(
          t.columns.map((c) => sql`sum(case when ${stale(c, currentPrefix)} then 1 else 0 end)`),
          sql` + `,
        );
        const r = await sql<{ n: number | string | null }>`select ${perColumn} as n from ${sql.table(t.table)}`.execute(db);
        out[t.table] = Number(r.rows[0]?.n ?? 0);
      }
      return out;
    },
  };
}
