// Session notes: after a session, its therapist's note (free text, themes from the concern taxonomy, risk
// flagged or not, next steps), sealed as one value. Only the booking's own therapist reads or writes it (the
// caller asked decide() for 'booking.session_note'); every opening is audited. Editable until 72 hours after
// the session's end; after that a change is a dated addendum and the original stays as written. Notes never
// go into e-mail, logs, feeds or URLs: nothing here mails or logs, and the routes carry only the booking's id.
import type { AppDeps } from '../../app/deps.ts';
import { sessionNoteRepository } from '../../db/repositories/session-notes.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { type NoteContent, type NoteWrite, noteLockedAt, noteWrite } from '../../domain/session-notes.ts';
import { concernName } from '../../domain/types.ts';
import type { AuditContext } from '../audit.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor' | 'clock'>;

/** The session a note belongs to (from the staff booking view). */
export interface NoteSession {
  id: string;
  status: string;
  start: number;
  end: number;
}

export interface SessionNote {
  kind: 'original' | 'addendum';
  writtenAt: number;
  changedAt: number;
  content: NoteContent;
}

export interface SessionNotes {
  /** The original first, then the addenda in the order they were written. */
  notes: SessionNote[];
  /** What saving now would do. */
  write: NoteWrite;
  /** When the original stops being editable. */
  lockedAt: number;
}

const open = (deps: Pick<Deps, 'encryptor'>, sealed: string) => JSON.parse(deps.encryptor.decrypt(sealed)) as NoteContent;

/** A booking's notes, opened (audited as `booking.session_note.read` when there is any), and what writing would do. */
export async function sessionNotes(deps: Deps, session: NoteSession, audit: AuditContext): Promise<SessionNotes> {
  const { db } = deps.database;
  const rows = await sessionNoteRepository(db).forBooking(session.id);
  const now = deps.clock.now();
  if (rows.length > 0) await writeAudit(db, now, { actor: audit.actor, action: 'booking.session_note.read', target: session.id, requestId: audit.requestId });
  return {
    notes: rows.map((r) => ({ kind: r.kind, writtenAt: Number(r.created_at), changedAt: Number(r.updated_at), content: open(deps, r.body_sealed) })),
    write: noteWrite(
      session,
      now,
      rows.some((r) => r.kind === 'original'),
    ),
    lockedAt: noteLockedAt(session),
  };
}

/** How many notes a booking has, nothing opened (for the booking page's link). */
export const sessionNoteCount = (deps: Pick<Deps, 'database'>, bookingId: string) => sessionNoteRepository(deps.database.db).count(bookingId);

export type SaveNoteOutcome = 'original' | 'edit' | 'addendum' | 'closed';

/** Saves a note as the lock rule says: the original, a change to it, or an addendum. */
export async function saveSessionNote(deps: Deps, session: NoteSession, content: NoteContent, audit: AuditContext): Promise<SaveNoteOutcome> {
  const { db } = deps.database;
  const repo = sessionNoteRepository(db);
  const sealed = deps.encryptor.encrypt(JSON.stringify(content));
  const now = deps.clock.now();
  const rows = await repo.forBooking(session.id);
  let write = noteWrite(
    session,
    now,
    rows.some((r) => r.kind === 'original'),
  );
  if (write === 'closed') return 'closed';
  // Two saves at once: the second finds the original written and changes it (or adds to it) instead.
  if (write === 'original' && !(await repo.insertOriginal(session.id, sealed, audit.actor, now))) write = noteWrite(session, now, true);
  if (write === 'edit' && !(await repo.editOriginal(session.id, sealed, now, noteLockedAt(session)))) write = 'addendum';
  if (write === 'addendum') await repo.insertAddendum(session.id, sealed, audit.actor, now);
  await writeAudit(db, now, {
    actor: audit.actor,
    action: 'booking.session_note.write',
    target: session.id,
    requestId: audit.requestId,
    detail: { reason: write },
  });
  return write;
}

/** Whether session notes are part of a client's copy of their data (a practice setting; default: yes). */
export const notesInExport = (deps: Pick<Deps, 'database'>) => sessionNoteRepository(deps.database.db).inExport();

export async function setNotesInExport(deps: Deps, included: boolean, audit: AuditContext): Promise<void> {
  const before = await notesInExport(deps);
  if (before === included) return;
  const now = deps.clock.now();
  await sessionNoteRepository(deps.database.db).setInExport(included, now);
  await writeAudit(deps.database.db, now, {
    actor: audit.actor,
    action: 'admin.settings.update',
    target: 'practice',
    requestId: audit.requestId,
    detail: { before: { notesInExport: String(before) }, after: { notesInExport: String(included) } },
  });
}

/** For a client's copy of their data: each booking's notes, opened, or null when the practice leaves them out. */
export async function sessionNotesForExport(deps: Deps, bookingIds: readonly string[]): Promise<Map<string, Record<string, unknown>[]> | null> {
  if (!(await notesInExport(deps))) return null;
  const out = new Map<string, Record<string, unknown>[]>();
  for (const r of await sessionNoteRepository(deps.database.db).forBookings(bookingIds)) {
    const c = open(deps, r.body_sealed);
    const list = out.get(r.booking_id) ?? [];
    list.push({
      kind: r.kind,
      writtenAt: new Date(Number(r.created_at)).toISOString(),
      changedAt: new Date(Number(r.updated_at)).toISOString(),
      text: c.text,
      themes: c.themes.map(concernName),
      riskFlagged: c.risk,
      nextSteps: c.nextSteps,
    });
    out.set(r.booking_id, list);
  }
  return out;
}
