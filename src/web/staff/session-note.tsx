// A session's note, for the booking's own therapist only (decide(): 'booking.session_note'): the original
// and its dated addenda, and one form that writes the note, changes it while it is open (72 hours after the
// session's end), or adds an addendum once it is locked. Opening the page is audited by the use case. The
// note travels only in the POST body; the URL carries the booking's id and nothing the therapist wrote.
import { type NoteContent, NoteForm, toNoteContent } from '../../domain/session-notes.ts';
import { CONCERNS, concernName } from '../../domain/types.ts';
import { type SaveNoteOutcome, saveSessionNote, sessionNoteCount, sessionNotes } from '../../usecases/bookings/session-notes.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea } from '../components/forms.tsx';
import { all, type FormValues, one, readForm } from '../read-form.ts';
import { loadBooking, SessionFacts } from './booking-detail.tsx';
import { may } from './guard.ts';
import { Done, staffPage, staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import { currentTherapistId, type StaffContext } from './session.ts';

const NOTE_DONE: Record<SaveNoteOutcome, string> = {
  original: 'The note is saved.',
  edit: 'The note is changed.',
  addendum: 'The addendum is saved, dated today. The note as first written is kept above it.',
  closed: 'Nothing was saved: a note can be written once the session has started, and not for a cancelled session.',
};
const ORDER = ['text', 'themes', 'risk', 'nextSteps'];

const own = (c: StaffContext) => loadBooking(c, 'booking.session_note', { kind: 'therapist', therapistId: currentTherapistId(c) });

function NoteBody({ n }: { n: NoteContent }) {
  return (
    <>
      <p class="client-notes">{n.text}</p>
      <dl class="facts">
        <dt>Themes</dt>
        <dd>{n.themes.length ? n.themes.map(concernName).join(', ') : <span class="muted">None chosen</span>}</dd>
        <dt>Risk flagged</dt>
        <dd>{n.risk === null ? <span class="muted">Not answered</span> : n.risk ? 'Yes' : 'No'}</dd>
        <dt>Next steps</dt>
        <dd>{n.nextSteps ? <span class="client-notes">{n.nextSteps}</span> : <span class="muted">None written</span>}</dd>
      </dl>
    </>
  );
}

async function notePage(c: StaffContext, form?: { values: FormValues; errors: FieldErrors }, status: 200 | 400 | 409 | 422 = 200) {
  const loaded = await own(c);
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const tz = b.therapistTimeZone;
  const state = await sessionNotes(c.var.deps, b, auditOf(c));
  const original = state.notes.find((n) => n.kind === 'original');
  const addenda = state.notes.filter((n) => n.kind === 'addendum');
  const errors = form?.errors ?? {};
  // Changing the original starts from what it says; an addendum starts empty.
  const start = state.write === 'edit' ? original?.content : undefined;
  const v = (name: 'text' | 'nextSteps') => (form ? one(form.values[name]) : (start?.[name] ?? ''));
  const themes = form ? all(form.values.themes) : (start?.themes ?? []);
  const risk = form ? one(form.values.risk) : start ? (start.risk === null ? '' : start.risk ? 'yes' : 'no') : '';
  const heading = { original: 'Write the note', edit: 'Change the note', addendum: 'Add an addendum', closed: '' }[state.write];
  return staffPage(
    c,
    { title: errorTitle(`Session note, ${b.reference}`, errors), status },
    <>
      <ErrorSummary errors={errors} order={ORDER} />
      <Done messages={NOTE_DONE} value={c.req.query('done')} />
      <p>
        <a href={`/staff/bookings/${b.id}`}>Back to the booking</a>
      </p>
      <h1>Session note, {b.reference}</h1>
      <SessionFacts b={b} />
      <p class="muted">Only you can read this note. Every time it is opened, that is recorded in the practice’s audit log (without what it says).</p>
      {original ? (
        <section aria-labelledby="note-original" data-note="original">
          <h2 id="note-original">The note, written {staffWhen(original.writtenAt, tz)}</h2>
          {original.changedAt !== original.writtenAt ? <p class="muted">Last changed {staffWhen(original.changedAt, tz)}.</p> : null}
          <NoteBody n={original.content} />
        </section>
      ) : null}
      {addenda.map((a, i) => (
        <section aria-labelledby={`note-addendum-${i}`} data-note="addendum">
          <h2 id={`note-addendum-${i}`}>Addendum, {staffWhen(a.writtenAt, tz)}</h2>
          <NoteBody n={a.content} />
        </section>
      ))}
      {state.write === 'closed' ? (
        <>
          <p>A note can be written once the session has started. There is no note for a cancelled session.</p>
          {form && one(form.values.text).trim() ? (
            <>
              <h2>What you wrote, so it is not lost</h2>
              <p class="client-notes">{one(form.values.text)}</p>
            </>
          ) : null}
        </>
      ) : (
        <section aria-labelledby="note-form-title">
          <h2 id="note-form-title">{heading}</h2>
          {state.write === 'addendum' ? (
            <p>
              The note was locked 72 hours after the session ended ({staffWhen(state.lockedAt, tz)}). What you write now is kept as a dated addendum; the note
              stays as it was.
            </p>
          ) : (
            <p>You can change the note until {staffWhen(state.lockedAt, tz)}. After that, changes are added as dated addenda.</p>
          )}
          <form method="post" action={`/staff/bookings/${b.id}/note`} novalidate>
            <TextArea name="text" label={state.write === 'addendum' ? 'Addendum' : 'Note'} rows={10} maxLength={20_000} value={v('text')} error={errors.text} />
            <CheckboxGroup
              name="themes"
              label="Themes (optional)"
              value={themes}
              error={errors.themes}
              options={CONCERNS.map((t) => ({ value: t.id, label: t.name }))}
            />
            <RadioGroup
              name="risk"
              label="Risk flagged (optional)"
              value={risk}
              error={errors.risk}
              options={[
                { value: 'no', label: 'No' },
                { value: 'yes', label: 'Yes' },
              ]}
            />
            <TextArea name="nextSteps" label="Next steps (optional)" rows={4} maxLength={2_000} value={v('nextSteps')} error={errors.nextSteps} />
            <button type="submit" class="button">
              {state.write === 'addendum' ? 'Save the addendum' : 'Save the note'}
            </button>
          </form>
        </section>
      )}
    </>,
  );
}

export const sessionNotePage = (c: StaffContext) => notePage(c);

export async function sessionNoteSubmit(c: StaffContext) {
  const loaded = await own(c);
  if (loaded instanceof Response) return loaded;
  const { b } = loaded;
  const read = await readForm(c, NoteForm, { arrays: ['themes'] });
  if (!read.ok) return notePage(c, read, read.status);
  const outcome = await saveSessionNote(c.var.deps, b, toNoteContent(read.data), auditOf(c));
  if (outcome === 'closed') return notePage(c, { values: read.values, errors: { _form: NOTE_DONE.closed } }, 409);
  return c.redirect(`/staff/bookings/${b.id}/note?done=${outcome}`, 303);
}

/** The booking page's hook: a link to the note, for the booking's own therapist only (nothing is opened). */
export async function SessionNoteLink({ c, b }: { c: StaffContext; b: { id: string; therapistId: string; status: string; start: number } }) {
  if (!may(c, 'booking.session_note', { kind: 'booking', therapistId: b.therapistId })) return null;
  const count = await sessionNoteCount(c.var.deps, b.id);
  const started = c.var.deps.clock.now() >= b.start && ['confirmed', 'attended', 'no_show'].includes(b.status);
  if (count === 0 && !started) return null;
  return (
    <section aria-labelledby="note-title">
      <h2 id="note-title">Session note</h2>
      <p>
        <a href={`/staff/bookings/${b.id}/note`} data-note-link="">
          {count === 0 ? 'Write a note about this session' : 'Read the session note'}
        </a>
      </p>
    </section>
  );
}
