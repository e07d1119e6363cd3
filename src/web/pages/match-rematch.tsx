// "Not the right fit?" on the match results, the second match's notice, and "Talk to us before choosing"
// beside the results. The answers travel in hidden fields of a POST to /match, never in a URL; nothing
// about a second match is stored.

import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import type { Match } from '../../domain/matching.ts';
import { MISFIT_LABELS, MISFITS, type Misfit, type SeenTherapist } from '../../domain/rematch.ts';
import { CheckboxGroup, ErrorSummary, RadioGroup } from '../components/forms.tsx';
import { telHref } from '../components/layout.tsx';
import { formatList } from '../format.ts';
import { type Answers, RESULTS_STEP } from './match-answers.ts';
import { HiddenAnswers } from './match-results.tsx';

/** What a second match does with each answer to "what did not fit?", in words. */
export const MISFIT_EFFECT: Record<Misfit, string> = {
  approach: 'therapists who work differently come first',
  availability: 'therapists with a free time in the next 7 days, at a time you said suits you, come first',
  fee: 'therapists with a lower fee come first',
  other: 'everyone else is ranked on your answers, as before',
};

/** The hint beside each choice. */
const MISFIT_HINTS: Record<Misfit, string> = {
  approach: 'For example too directive, not directive enough, or too focused on the past',
  availability: 'Their times did not suit you, or were too far away',
  fee: 'Their fee was more than you can spend',
  other: 'We will simply leave them out',
};

export const REMATCH_ERROR = 'Choose at least one therapist to leave out';

/** At the top of a second match: who is left out and what changed. */
export function RematchNotice({ seen, misfit }: { seen: readonly SeenTherapist[]; misfit: Misfit }) {
  if (seen.length === 0) return null;
  return (
    <div class="notice rematch-notice" role="status">
      <h2>A second match</h2>
      <p>
        We have left out {formatList(seen.map((s) => s.name))}. You said {MISFIT_LABELS[misfit].toLowerCase()} did not fit, so {MISFIT_EFFECT[misfit]}. Your
        other answers are the same as before, and nothing has been stored.
      </p>
    </div>
  );
}

/** "Talk to us before choosing": the call-back request, beside the results. */
export function TalkToUs({ phone }: { phone: string }) {
  return (
    <aside class="card talk-to-us" aria-labelledby="talk-title">
      <h2 id="talk-title">Talk to us before choosing</h2>
      <p>Not sure who to pick? We can call you back at a time that suits you and help you choose. It costs nothing.</p>
      <p>
        <a class="button button--secondary" href="/contact?kind=callback#callback-title">
          Ask us to call you back
        </a>
      </p>
      <p class="muted">
        Or call us on <a href={telHref(phone)}>{phone}</a>.
      </p>
    </aside>
  );
}

/** "Not the right fit?": leave out who was shown (or just one of them), say what did not fit, match again. */
export function RematchForm(props: {
  answers: Answers;
  shown: readonly Match[];
  therapists: ReadonlyMap<string, TherapistProfile>;
  error?: string | undefined;
}) {
  const { answers, shown, therapists, error } = props;
  if (shown.length === 0) return null;
  const errors: Record<string, string> = error ? { exclude: error } : {};
  return (
    <section class="card rematch" aria-labelledby="rematch-title">
      <h2 id="rematch-title">Not the right fit?</h2>
      <p>Match again without the therapists you leave out. Your answers stay as they are.</p>
      <ErrorSummary errors={errors} order={['exclude']} idPrefix="rm" />
      <form method="post" action="/match" novalidate>
        <input type="hidden" name="step" value={String(RESULTS_STEP)} />
        <HiddenAnswers answers={answers} except={['misfit']} />
        <CheckboxGroup
          name="exclude"
          idPrefix="rm"
          label="Who to leave out"
          hint="Untick anyone you would still like to see."
          error={error}
          value={error ? [] : shown.map((m) => m.therapistId)}
          options={shown.map((m) => ({ value: m.therapistId, label: therapists.get(m.therapistId)?.name ?? 'This therapist' }))}
        />
        <RadioGroup
          name="misfit"
          idPrefix="rm"
          label="What did not fit?"
          value={answers.misfit ?? 'other'}
          options={MISFITS.map((m) => ({ value: m, label: MISFIT_LABELS[m], hint: MISFIT_HINTS[m] }))}
        />
        <button class="button button--secondary" type="submit" name="go" value="rematch">
          Match me again
        </button>
      </form>
    </section>
  );
}

/** The manage page's way in: what did not fit about the booked therapist, with what the booking knows. */
export function ManageRematchForm(props: { fields: [string, string][]; therapistName: string }) {
  return (
    <form method="post" action="/match" novalidate>
      <input type="hidden" name="step" value="0" />
      {props.fields.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <RadioGroup
        name="misfit"
        label={`What did not fit about ${props.therapistName}?`}
        value="other"
        options={MISFITS.map((m) => ({ value: m, label: MISFIT_LABELS[m], hint: MISFIT_HINTS[m] }))}
      />
      <button class="button" type="submit" name="go" value="rematch">
        Find someone else
      </button>
    </form>
  );
}
