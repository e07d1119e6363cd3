// The one way tests read the outbox: the rows as the worker would send them, sealed fields opened.
import { ORIGIN, type TestApp } from './app.ts';

export interface OutboxFilter {
  kind?: string;
  /** Only mail to this address (compared after opening the sealed address). */
  to?: string;
}

/**
 * The outbox in the order it was written, sealed fields opened. Each row keeps its own column names
 * (to_address, subject, body_text, attachments, kind, status …) and adds the short names `to` and `text`.
 * `filter` is a kind, or a kind and an address.
 */
export async function readOutbox(t: Pick<TestApp, 'deps'>, filter: string | OutboxFilter = {}) {
  const { kind, to } = typeof filter === 'string' ? { kind: filter, to: undefined } : filter;
  let q = t.deps.database.db.selectFrom('outbox').selectAll().orderBy('created_at').orderBy('id');
  if (kind) q = q.where('kind', '=', kind);
  const open = (v: string) => t.deps.encryptor.decrypt(v);
  const mail = (await q.execute()).map((r) => {
    const opened = { ...r, to_address: open(r.to_address), subject: open(r.subject), body_text: open(r.body_text), attachments: open(r.attachments) };
    return { ...opened, to: opened.to_address, text: opened.body_text };
  });
  return to === undefined ? mail : mail.filter((m) => m.to === to);
}

export type OutboxMail = Awaited<ReturnType<typeof readOutbox>>[number];

/** The first link in `text` to `origin` + a path under `path` (`/companion/sign-in/…`), as a path; throws when none. */
export function linkIn(text: string, path: string, origin = ORIGIN): string {
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped(origin)}(${escaped(path)}/[A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[1]!;
}
