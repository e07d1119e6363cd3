// The weekly check-in: answering privately, choosing what to share, and a week's answers side by side.
import type { Child } from 'hono/jsx';
import { checkInDraftSchema, checkInFormSchema } from '../../../domain/check-in-form.ts';
import { type CheckInAnswer, CSI_ITEMS, checkInWords, type ShareKey, sharesWorryingWords } from '../../../domain/companion.ts';
import { decideSafety } from '../../../domain/safety.ts';
import { DIMENSIONS, type Dimension } from '../../../domain/types.ts';
import { checkInDraft, openCheckInWeek, saveCheckIn as save, saveCheckInDraft, thisWeek } from '../../../usecases/companion/check-ins.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextArea } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, Flash, OwnSafetyNote, SupportNote } from '../components.tsx';
import { formatWhen } from '../format.ts';
import type { CompanionContext } from '../session.ts';

export const DIMENSION_QUESTIONS: Record<Dimension, { label: string; short: string }> = {
  cognitive: { label: 'Sharing ideas and feeling understood', short: 'Feeling understood' },
  experiential: { label: 'Time and attention together', short: 'Time together' },
  emotional: { label: 'Showing feelings and feeling safe to', short: 'Feeling safe to share' },
};

export const CLOSENESS_LABELS = ['Far apart', 'A bit distant', 'In between', 'Close', 'Very close'];

/**
 * The closeness scale on one row: five large buttons (each a radio, at least 48 px square), with the two
 * ends named beneath. Each option's name is still its number and words ("4 · Close") for screen readers.
 */
function Scale({ name, label, value, error }: { name: Dimension; label: string; value: string | undefined; error: string | undefined }) {
  const base = `f-${name}`;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset class="scale" aria-describedby={error ? `${base}-error` : undefined}>
        <legend>{label}</legend>
        {error ? (
          <p class="error-message" id={`${base}-error`}>
            <span class="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div class="scale__row">
          {CLOSENESS_LABELS.map((words, i) => {
            const id = i === 0 ? base : `${base}-${i}`;
            return (
              <span class="scale__option">
                <input id={id} type="radio" name={name} value={String(i + 1)} checked={value === String(i + 1)} />
                <label for={id}>
                  {i + 1}
                  <span class="visually-hidden"> · {words}</span>
                </label>
              </span>
            );
          })}
        </div>
        <p class="scale__ends" aria-hidden="true">
          <span>1 · {CLOSENESS_LABELS[0]}</span>
          <span>5 · {CLOSENESS_LABELS[4]}</span>
        </p>
      </fieldset>
    </div>
  );
}

function ShareToggle({ name, about, checked }: { name: ShareKey; about: string; checked: boolean }) {
  const id = `f-share-${name}`;
  return (
    <div class="choice share-toggle">
      <input id={id} type="checkbox" name="share" value={name} checked={checked} />
      <label for={id}>
        Share this answer with the circle<span class="visually-hidden"> ({about})</span>
      </label>
    </div>
  );
}

interface FormValues {
  [k: string]: string | string[] | undefined;
}

function valuesOf(a: CheckInAnswer): FormValues {
  return {
    cognitive: String(a.closeness.cognitive),
    experiential: String(a.closeness.experiential),
    emotional: String(a.closeness.emotional),
    appreciation: a.appreciation,
    moreOf: a.moreOf,
    hurt: a.hurt ? 'yes' : 'no',
    hurtWords: a.hurtWords,
    share: Object.entries(a.share)
      .filter(([, v]) => v)
      .map(([k]) => k),
    ...(a.csi ? Object.fromEntries(a.csi.map((v, i) => [`csi${i + 1}`, String(v)])) : {}),
  };
}

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

const WRITTEN_QUESTIONS = [
  { name: 'appreciation', label: 'Something you appreciated this week', hint: 'Something someone did, said or is. Optional.', about: 'what you appreciated' },
  { name: 'moreOf', label: 'One thing you would like more of', hint: 'Optional.', about: 'what you would like more of' },
] as const;

/** A question answered in words, optional, with its own "share" tick. */
function WrittenQuestion(props: {
  name: 'appreciation' | 'moreOf';
  label: string;
  hint: string;
  about: string;
  values: FormValues;
  errors: FieldErrors;
  shared: Set<string>;
}) {
  return (
    <div class="question">
      <TextArea
        name={props.name}
        label={props.label}
        hint={props.hint}
        rows={2}
        maxLength={1000}
        value={str(props.values[props.name])}
        error={props.errors[props.name]}
      />
      <ShareToggle name={props.name} about={props.about} checked={props.shared.has(props.name)} />
    </div>
  );
}

function CheckInForm({
  action,
  weekStart,
  withCsi,
  values,
  errors,
}: {
  action: string;
  weekStart: number;
  withCsi: boolean;
  values: FormValues;
  errors: FieldErrors;
}) {
  const shared = new Set(Array.isArray(values.share) ? values.share : values.share ? [values.share] : []);
  return (
    <form method="post" action={action} novalidate class="check-in" data-draft={`${action}/draft`}>
      <input type="hidden" name="weekStart" value={String(weekStart)} />
      <h2>How close have you felt this week?</h2>
      <p class="muted">From 1, far apart, to 5, very close. There are no right answers.</p>
      <p class="draft-status muted" role="status" data-draft-status=""></p>
      {DIMENSIONS.map((d) => (
        <div class="question">
          <Scale name={d} label={DIMENSION_QUESTIONS[d].label} value={str(values[d])} error={errors[d]} />
          <ShareToggle name={d} about={DIMENSION_QUESTIONS[d].short} checked={shared.has(d)} />
        </div>
      ))}
      <h2>Your week together</h2>
      {WRITTEN_QUESTIONS.map((q) => (
        <WrittenQuestion {...q} values={values} errors={errors} shared={shared} />
      ))}
      <div class="question">
        <RadioGroup
          name="hurt"
          label="Did something hurt you this week?"
          class="choices--inline"
          value={str(values.hurt)}
          error={errors.hurt}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
        <TextArea
          name="hurtWords"
          label="If you want to, say a little about it"
          hint="Optional. Only for you unless you share it."
          rows={2}
          maxLength={2000}
          value={str(values.hurtWords)}
          error={errors.hurtWords}
        />
        <ShareToggle name="hurt" about="whether something hurt, and your words about it" checked={shared.has('hurt')} />
      </div>
      {withCsi ? (
        <section class="question csi" aria-labelledby="csi-title">
          <h2 id="csi-title">Once a month: how satisfied you are</h2>
          <p class="muted">
            Four questions from the Couples Satisfaction Index (CSI-4; Funk and Rogge, 2007), used with its authors' permission for clinical use. Only you see
            your score unless you share it.
          </p>
          {CSI_ITEMS.map((item) => (
            <RadioGroup
              name={item.id}
              label={item.text}
              value={str(values[item.id])}
              error={errors[item.id]}
              options={item.options.map((label, i) => ({ value: String(i), label }))}
            />
          ))}
          <ShareToggle name="csi" about="your satisfaction score" checked={shared.has('csi')} />
        </section>
      ) : null}
      <p class="muted">Nothing is shared unless you tick “Share this answer”. What you share appears once everyone has answered, or when the week ends.</p>
      <div class="form-actions">
        <button class="button" type="submit">
          Save my answers
        </button>
        <button class="button button--secondary" type="submit" formaction={`${action}/draft`} data-draft-button="">
          Save and finish later
        </button>
      </div>
    </form>
  );
}

export async function checkInPage(c: CompanionContext, errors: FieldErrors = {}, submitted?: FormValues, status: 200 | 400 | 422 = 200) {
  const m = c.var.membership;
  const [{ week, view, advice, safety: saved }, kept] = await Promise.all([thisWeek(c.var.deps, m), checkInDraft(c.var.deps, m)]);
  // A draft of this week's check-in (kept as the member went, or with "Save and finish later") is newer than
  // any saved answer: saving an answer deletes the draft.
  const draft = !submitted && kept && kept.weekStart === week.start ? kept : null;
  // The words on the page decide: those just sent (a form with errors), or the answer saved.
  const safety = submitted
    ? decideSafety({
        texts: checkInWords({
          appreciation: str(submitted.appreciation) ?? '',
          moreOf: str(submitted.moreOf) ?? '',
          hurtWords: str(submitted.hurtWords) ?? '',
        }),
      })
    : saved;
  const sharedWorry = !submitted && view.own !== null && !view.revealed && sharesWorryingWords(view.own);
  const tz = m.circle.schedule.timeZone;
  const base = `/companion/circles/${m.circle.id}`;
  let body: Child;
  if (view.revealed && week.id && !submitted) {
    body = (
      <>
        <p>
          {view.own ? 'Everyone has answered this week.' : 'Everyone else has answered this week, so what they shared is already showing.'}{' '}
          <a href={`${base}/weeks/${week.id}`}>See this week's answers side by side</a>.
        </p>
        <p>The next check-in opens {formatWhen(week.end, tz)}.</p>
      </>
    );
  } else {
    body = (
      <>
        {draft ? (
          <Flash tone="info">
            <p>
              {c.req.query('kept') !== undefined ? 'Kept for later. ' : 'Welcome back: here is what you had written, '}
              {c.req.query('kept') !== undefined ? 'What you have written is ' : ''}kept privately as of {formatWhen(draft.updatedAt, tz)}. Nobody else can see
              it, and it is not your answer yet: press “Save my answers” when you are ready, before {formatWhen(week.end, tz)}.
            </p>
          </Flash>
        ) : null}
        {view.own && !submitted && !draft ? (
          <Flash>
            <p>
              Your answers are saved. {view.answeredCount} of {view.memberCount} have answered. What you chose to share appears when everyone has answered, or
              on {formatWhen(week.end, tz)}. Until then you can change your answers below.
            </p>
          </Flash>
        ) : null}
        <ErrorSummary
          errors={errors}
          order={['_form', 'cognitive', 'experiential', 'emotional', 'appreciation', 'moreOf', 'hurt', 'hurtWords', 'csi1', 'csi2', 'csi3', 'csi4']}
        />
        <CheckInForm
          action={`${base}/check-in`}
          weekStart={week.start}
          withCsi={week.withCsi}
          values={submitted ?? draft?.fields ?? (view.own ? valuesOf(view.own) : {})}
          errors={errors}
        />
      </>
    );
  }
  return companionPage(
    c,
    {
      title: errorTitle(`This week's check-in: ${m.circle.name}`, errors),
      status,
      feelings: true,
      membership: m,
      section: 'check-in',
      safety,
      scripts: ['check-in-draft.js'],
    },
    <>
      <OwnSafetyNote safety={safety} sharedWorry={sharedWorry} />
      <h1>This week's check-in</h1>
      <p class="muted">
        Open from {formatWhen(week.start, tz)} until {formatWhen(week.end, tz)}. Your answers are private: only what you choose to share is shown to the others.
      </p>
      {view.own ? <SupportNote advice={advice} kind={m.circle.kind} circleId={m.circle.id} safety={safety} /> : null}
      {body}
    </>,
  );
}

const WEEK_CHANGED = 'The week you were answering has ended and a new one has begun. Your answers are below: check them and save them for this week.';
const REVEALED = 'This week’s answers have already been revealed, so they can no longer be changed.';

export async function saveCheckIn(c: CompanionContext) {
  const m = c.var.membership;
  // The form asks the monthly questions only in the weeks that have them: read it with this week's schema.
  const open = await openCheckInWeek(c.var.deps, m);
  const form = await readForm(c, checkInFormSchema(open.withCsi), { arrays: ['share'] });
  if (!form.ok) return checkInPage(c, form.errors, form.values, form.status);
  const saved = await save(c.var.deps, m, form.data);
  if (!saved.ok) return checkInPage(c, { _form: saved.error.code === 'WEEK_CHANGED' ? WEEK_CHANGED : REVEALED }, form.values, 422);
  const base = `/companion/circles/${m.circle.id}`;
  return c.redirect(saved.value.revealed ? `${base}/weeks/${saved.value.weekId}` : `${base}/check-in`, 303);
}

/**
 * Keeps a check-in half answered. From the page's script (Accept: application/json) as the member goes:
 * 204, or 409 when the week has changed. From the "Save and finish later" button: back to the page, which
 * shows what was kept.
 */
export async function saveDraft(c: CompanionContext) {
  const m = c.var.membership;
  const fromScript = (c.req.header('accept') ?? '').includes('application/json');
  const form = await readForm(c, checkInDraftSchema, { arrays: ['share'] });
  const saved = form.ok ? await saveCheckInDraft(c.var.deps, m, form.data) : null;
  if (fromScript) return saved?.ok ? c.body(null, 204) : c.json({ error: saved ? 'week-changed' : 'unreadable' }, saved ? 409 : 400);
  if (!saved?.ok)
    return checkInPage(c, { _form: saved ? WEEK_CHANGED : 'This form could not be read. Please check your answers and save them again.' }, form.values, 422);
  return c.redirect(`/companion/circles/${m.circle.id}/check-in?kept=1`, 303);
}
