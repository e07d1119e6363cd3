// Practices between check-ins: the promise tracker, the appreciation jar and the exercise library.
import { z } from 'zod';
import { EXERCISES, exerciseById } from '../../../content/exercises.ts';
import { parseIsoDate } from '../../../domain/time.ts';
import {
  jarOf,
  makePromise,
  markPromise as markAs,
  promisesOf,
  addNote as putInJar,
  deletePromise as removePromise,
  suggestedExercises,
  deleteNote as takeFromJar,
} from '../../../usecases/companion/together.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea, TextField } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, OneFieldForm, OwnSafetyNote, singleValues } from '../components.tsx';
import { formatDate } from '../format.ts';
import { type CompanionContext, isId, notFound } from '../session.ts';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v);

const PromiseForm = z.strictObject({
  text: z.preprocess(
    trimmed,
    z.string({ error: 'Write the promise.' }).min(1, { error: 'Write the promise.' }).max(300, { error: 'Keep the promise under 300 characters.' }),
  ),
  dueOn: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((s) => parseIsoDate(s) !== null, { error: 'Enter a real date, like 2026-06-14, or leave it empty.' })
      .optional(),
  ),
  visibility: z.enum(['me', 'circle'], { error: 'Choose who can see this promise.' }),
});

const MarkForm = z.strictObject({ status: z.enum(['kept', 'not_kept', 'open']) });

const NoteForm = z.strictObject({
  text: z.preprocess(
    trimmed,
    z.string({ error: 'Write your note.' }).min(1, { error: 'Write your note.' }).max(500, { error: 'Keep the note under 500 characters.' }),
  ),
});

const STATUS_TEXT = { open: 'Not marked yet', kept: 'Kept', not_kept: 'Not kept this time' } as const;

// ---------------------------------------------------------------------------
// Promises made and kept

export async function promisesPage(c: CompanionContext, errors: FieldErrors = {}, values: Record<string, string> = {}, status: 200 | 400 | 422 = 200) {
  const m = c.var.membership;
  const { promises, members } = await promisesOf(c.var.deps, m);
  const nameOf = (id: string) => (id === m.clientId ? 'You' : (members.find((x) => x.clientId === id)?.displayName ?? 'Someone'));
  const base = `/companion/circles/${m.circle.id}/promises`;
  const made = promises.filter((p) => p.clientId === m.clientId);
  const tz = m.circle.schedule.timeZone;
  return companionPage(
    c,
    { title: errorTitle(`Promises: ${m.circle.name}`, errors), status, feelings: true, membership: m, section: 'promises' },
    <>
      <h1>Promises made and kept</h1>
      <p class="prose">
        Small, specific promises, kept, rebuild trust better than big gestures. Make one or two a week, mark them kept or not, and talk about what got in the
        way without blame.
      </p>
      {made.length > 0 ? (
        <p>
          You have made {made.length} {made.length === 1 ? 'promise' : 'promises'} here and kept {made.filter((p) => p.status === 'kept').length}.
        </p>
      ) : null}
      <ErrorSummary errors={errors} order={['text', 'dueOn', 'visibility']} />
      <form method="post" action={base} novalidate>
        <TextField
          name="text"
          label="A promise"
          hint="For example: “I will call when I am running late.”"
          maxLength={300}
          value={values.text}
          error={errors.text}
        />
        <TextField name="dueOn" type="date" label="Keep it by (optional)" hint="A date, like 2026-06-14." value={values.dueOn} error={errors.dueOn} />
        <RadioGroup
          name="visibility"
          label="Who can see it?"
          value={values.visibility ?? 'me'}
          error={errors.visibility}
          options={[
            { value: 'me', label: 'Only me' },
            { value: 'circle', label: 'Everyone in this circle' },
          ]}
        />
        <button class="button" type="submit">
          Add the promise
        </button>
      </form>
      <h2>Promises</h2>
      {promises.length === 0 ? <p>No promises yet.</p> : null}
      <ul class="cards">
        {promises.map((p) => (
          <li class="card">
            <p class="promise__text">{p.text}</p>
            <p class="muted">
              {nameOf(p.clientId)} · {p.shared ? 'shared with the circle' : 'only you can see this'}
              {p.dueOn ? ` · by ${formatDate(Date.parse(`${p.dueOn}T12:00:00Z`), 'UTC')}` : ''} · made {formatDate(p.createdAt, tz)}
            </p>
            <p>
              <strong>{STATUS_TEXT[p.status]}</strong>
            </p>
            {p.clientId === m.clientId ? (
              <div class="button-row">
                <form method="post" action={`${base}/${p.id}`}>
                  <input type="hidden" name="status" value="kept" />
                  <button class="button button--secondary" type="submit">
                    Kept<span class="visually-hidden">: {p.text}</span>
                  </button>
                </form>
                <form method="post" action={`${base}/${p.id}`}>
                  <input type="hidden" name="status" value="not_kept" />
                  <button class="button button--secondary" type="submit">
                    Not kept<span class="visually-hidden">: {p.text}</span>
                  </button>
                </form>
                <form method="post" action={`${base}/${p.id}/delete`}>
                  <button class="button button--secondary" type="submit">
                    Delete<span class="visually-hidden">: {p.text}</span>
                  </button>
                </form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>,
  );
}

export async function addPromise(c: CompanionContext) {
  const m = c.var.membership;
  const form = await readForm(c, PromiseForm);
  if (!form.ok) return promisesPage(c, form.errors, singleValues(form.values), form.status);
  await makePromise(c.var.deps, m, { text: form.data.text, dueOn: form.data.dueOn ?? null, shared: form.data.visibility === 'circle' });
  return c.redirect(`/companion/circles/${m.circle.id}/promises`, 303);
}

export async function markPromise(c: CompanionContext) {
  const m = c.var.membership;
  const promiseId = c.req.param('promiseId');
  const form = await readForm(c, MarkForm);
  if (!isId(promiseId) || !form.ok) return notFound(c);
  if (!(await markAs(c.var.deps, m, promiseId, form.data.status)).ok) return notFound(c);
  return c.redirect(`/companion/circles/${m.circle.id}/promises`, 303);
}

export async function deletePromise(c: CompanionContext) {
  const m = c.var.membership;
  const promiseId = c.req.param('promiseId');
  if (!isId(promiseId) || !(await removePromise(c.var.deps, m, promiseId)).ok) return notFound(c);
  return c.redirect(`/companion/circles/${m.circle.id}/promises`, 303);
}

// ---------------------------------------------------------------------------
// The appreciation jar

export async function jarPage(c: CompanionContext, errors: FieldErrors = {}, text = '', status: 200 | 400 | 422 = 200) {
  const m = c.var.membership;
  const { notes, members } = await jarOf(c.var.deps, m);
  const nameOf = (id: string) => (id === m.clientId ? 'You' : (members.find((x) => x.clientId === id)?.displayName ?? 'Someone'));
  const base = `/companion/circles/${m.circle.id}/jar`;
  const tz = m.circle.schedule.timeZone;
  return companionPage(
    c,
    { title: errorTitle(`Appreciation jar: ${m.circle.name}`, errors), status, feelings: true, membership: m, section: 'jar' },
    <>
      <h1>The appreciation jar</h1>
      <p class="prose">
        Notice the good things and say them. Add a short, specific note when someone does something you value; read them together once a week, or on your own on
        a hard day. <strong>Everyone in this circle can read the notes in the jar.</strong>
      </p>
      <OneFieldForm action={base} errors={errors} field="text" submit="Put it in the jar">
        <TextArea
          name="text"
          label="Your note"
          hint="For example: “Thank you for waiting up for me on Tuesday.”"
          rows={3}
          maxLength={500}
          value={text}
          error={errors.text}
        />
      </OneFieldForm>
      <h2>In the jar</h2>
      {notes.length === 0 ? <p>The jar is empty so far.</p> : null}
      <ul class="jar">
        {notes.map((n) => (
          <li class="jar__note">
            <p>{n.text}</p>
            <p class="muted">
              {nameOf(n.clientId)}, {formatDate(n.createdAt, tz)}
            </p>
            {n.clientId === m.clientId ? (
              <form method="post" action={`${base}/${n.id}/delete`}>
                <button class="link-button" type="submit">
                  Take this note out<span class="visually-hidden">: {n.text}</span>
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </>,
  );
}

export async function addNote(c: CompanionContext) {
  const m = c.var.membership;
  const form = await readForm(c, NoteForm);
  if (!form.ok) return jarPage(c, form.errors, typeof form.values.text === 'string' ? form.values.text : '', form.status);
  await putInJar(c.var.deps, m, form.data.text);
  return c.redirect(`/companion/circles/${m.circle.id}/jar`, 303);
}

export async function deleteNote(c: CompanionContext) {
  const m = c.var.membership;
  const noteId = c.req.param('noteId');
  if (!isId(noteId) || !(await takeFromJar(c.var.deps, m, noteId)).ok) return notFound(c);
  return c.redirect(`/companion/circles/${m.circle.id}/jar`, 303);
}

// ---------------------------------------------------------------------------
// Exercises

const FEATURE_LINKS: Record<string, { path: string; label: string }> = {
  'promise-tracker': { path: '/promises', label: 'Open your promise tracker' },
  'appreciation-jar': { path: '/jar', label: 'Open your appreciation jar' },
};

export async function exercisesPage(c: CompanionContext) {
  const m = c.var.membership;
  const { suggestions, safety } = await suggestedExercises(c.var.deps, m);
  const base = `/companion/circles/${m.circle.id}/exercises`;
  return companionPage(
    c,
    { title: `Exercises: ${m.circle.name}`, feelings: true, membership: m, section: 'exercises', safety },
    <>
      <OwnSafetyNote safety={safety} />
      <h1>Exercises</h1>
      <h2>Suggested for you</h2>
      <p class="muted">Chosen from your own latest check-in. Only you see why.</p>
      <ul class="cards">
        {suggestions.map((s) => {
          const e = exerciseById(s.id);
          return e ? (
            <li class="card">
              <h3>
                <a href={`${base}/${e.id}`}>{e.title}</a>
              </h3>
              <p>{e.summary}</p>
              <p class="muted">{s.because}</p>
            </li>
          ) : null;
        })}
      </ul>
      <h2>All exercises</h2>
      <ul>
        {EXERCISES.map((e) => (
          <li>
            <a href={`${base}/${e.id}`}>{e.title}</a>: {e.summary}
          </li>
        ))}
      </ul>
    </>,
  );
}

export async function exercisePage(c: CompanionContext) {
  const m = c.var.membership;
  const exercise = exerciseById(c.req.param('exerciseId') ?? '');
  if (!exercise) return notFound(c);
  const feature = FEATURE_LINKS[exercise.id];
  return companionPage(
    c,
    { title: `${exercise.title}: ${m.circle.name}`, feelings: true, membership: m, section: 'exercises' },
    <>
      <h1>{exercise.title}</h1>
      <p class="prose">{exercise.summary}</p>
      <p class="muted">
        About {exercise.minutes} minutes · {exercise.together ? 'together' : 'on your own'}
      </p>
      {feature ? (
        <p>
          <a class="button" href={`/companion/circles/${m.circle.id}${feature.path}`}>
            {feature.label}
          </a>
        </p>
      ) : null}
      <h2>Steps</h2>
      <ol class="prose">
        {exercise.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      {exercise.prompts ? (
        <>
          <h2>{exercise.id === 'reflective-listening' ? 'Examples' : 'Prompts'}</h2>
          <ul class="prose">
            {exercise.prompts.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted">{exercise.whenSuggested}</p>
      <p>
        <a href={`/companion/circles/${m.circle.id}/exercises`}>All exercises</a>
      </p>
    </>,
  );
}
