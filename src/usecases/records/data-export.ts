// A client's copy of their own data goes to the client, never to staff. The client asks on /your-data (or an
// admin asks on their behalf, giving their address and, for call-back requests, their phone number); a
// single-use link valid for a day is mailed to that address, and only whoever reads that mailbox can
// download the file. The answer to the asker is the same whether anything is held or not.

import { normalisePhone } from '../../db/repositories/contact.ts';
import { dataExportLinkRepository } from '../../db/repositories/data-export-links.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { normaliseEmail } from '../../domain/email.ts';
import { fail, type Outcome, ok, rateLimited } from '../../domain/errors.ts';
import { dataExportMail } from '../../mail/records-messages.ts';
import { newToken } from '../../security/encryption.ts';
import type { AuditContext } from '../audit.ts';
import { enqueueMail } from '../outbox.ts';
import type { StaffDeps } from '../staff/context.ts';
import { throttle } from '../throttle.ts';
import { type ClientExport, clientPseudonym, collectClientData } from './client-data.ts';

export const EXPORT_LINK_TTL_MS = 24 * 3_600_000;
const WINDOW_MS = 3_600_000;
const PER_ADDRESS = 3;
const PER_IP = 10;

export type ExportRequester = { kind: 'client'; ip: string } | { kind: 'staff'; audit: AuditContext };

/** Mails a single-use link to the address; the link and its mail are written in one transaction. */
export async function requestDataExport(
  deps: StaffDeps,
  input: { email: string; phone?: string | undefined; by: ExportRequester },
): Promise<Outcome<{ email: string }>> {
  const email = normaliseEmail(input.email);
  const now = deps.clock.now();
  if (input.by.kind === 'client') {
    const throttled = await throttle(deps, [
      [`data-export:address:${deps.encryptor.blindIndex(email)}`, WINDOW_MS, PER_ADDRESS],
      [`data-export:ip:${input.by.ip}`, WINDOW_MS, PER_IP],
    ]);
    if (throttled) return rateLimited(throttled.retryAfterSeconds, 'Several copies have been asked for in a short time.');
  }
  const practice = await deps.repos.practice.get();
  const token = newToken();
  await deps.database.db.transaction().execute(async (trx) => {
    await dataExportLinkRepository(trx, deps.encryptor).create({
      token,
      email,
      phone: input.phone ? normalisePhone(input.phone) || null : null,
      requestedBy: input.by.kind === 'client' ? 'client' : input.by.audit.actor,
      now,
      ttlMs: EXPORT_LINK_TTL_MS,
    });
    await enqueueMail(
      trx,
      dataExportMail({ to: email, link: `${deps.config.publicUrl}/your-data/${token}`, practiceName: practice.name, byPractice: input.by.kind === 'staff' }),
      now,
      deps.encryptor,
    );
    if (input.by.kind === 'staff') {
      const { audit } = input.by;
      await writeAudit(trx, now, { actor: audit.actor, action: 'client.export.sent', target: clientPseudonym(deps, email), requestId: audit.requestId });
    }
  });
  return ok({ email });
}

/** Whether a link can still be used (the page it opens), without using it. */
export async function dataExportLinkState(deps: StaffDeps, token: string): Promise<{ email: string } | null> {
  const link = await dataExportLinkRepository(deps.database.db, deps.encryptor).usable(token, deps.clock.now());
  return link ? { email: link.email } : null;
}

/** Uses the link and answers the client's data; a used, expired or unknown link is NOT_FOUND. */
export async function downloadDataExport(deps: StaffDeps, input: { token: string; requestId: string }): Promise<Outcome<ClientExport>> {
  const links = dataExportLinkRepository(deps.database.db, deps.encryptor);
  const now = deps.clock.now();
  const link = await links.usable(input.token, now);
  if (!link || !(await links.claim(input.token, now))) return fail('NOT_FOUND', 'This link has been used or has expired.');
  const audit: AuditContext = { actor: link.requestedBy === 'client' ? 'client' : `client, asked by ${link.requestedBy}`, requestId: input.requestId };
  return ok(await collectClientData(deps, { email: link.email, phone: link.phone ?? undefined }, audit));
}
