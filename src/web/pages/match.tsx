// Find your match: seven short steps, each a plain form. Earlier answers travel in hidden fields and every
// step is a POST, so nothing a visitor says ever appears in a URL; Back is a button that posts one step
// back. Nothing is stored: the results are worked out from the posted answers and forgotten.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { STYLE_AXES, type StyleAxis, TIME_WINDOWS } from '../../domain/matching.ts';
import { CONCERNS, type ConcernId, GENDERS, languageName, RELATIONSHIPS, type Relationship } from '../../domain/types.ts';
import { CheckboxGroup, ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextField } from '../components/forms.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { formatMoney } from '../format.ts';
import { MALFORMED_FORM, readFormValues } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import {
  type Answers,
  BUDGETS,
  firstMissingStep,
  isRematch,
  RESULTS_STEP,
  readAnswers,
  STEP_COUNT,
  STEP_FIELDS,
  STEPS,
  safetyOf,
  stepErrors,
} from './match-answers.ts';
import { REMATCH_ERROR } from './match-rematch.tsx';
import { HiddenAnswers, renderResults } from './match-results.tsx';
import { GENDER_LABELS, TIME_LABELS } from './therapists.tsx';

/** "What is happening", in the words a visitor might use; the hint names the concern it stands for. */
export const CONCERN_WORDS: Record<ConcernId, string> = {
  'fear-of-vulnerability': 'Opening up or letting someone see the real me feels risky',
  'communication-barriers': 'We talk past each other, or have stopped talking',
  'trust-issues': 'Trust has worn thin',
  'emotional-availability': 'Someone feels emotionally absent or out of reach',
  'sexual-intimacy': 'Sex or physical closeness has become difficult',
  'family-conflict': 'Arguments or distance in the family',
  'strained-friendships': 'A friendship has become strained',
  'self-esteem': 'I doubt myself or feel I am not good enough',
  loneliness: 'I feel lonely, even around other people',
  'rebuilding-after-betrayal': 'We are trying to recover from an affair or another betrayal',
};

const WHO_OPTIONS: Record<Relationship, { label: string; hint: string }> = {
  couple: { label: 'My partner and me', hint: 'Sessions for a couple, together' },
  individual: { label: 'Just me', hint: 'Sessions on your own, about any relationship' },
  family: { label: 'Family members', hint: 'Two or more people from one family' },
  friendship: { label: 'Friends', hint: 'Two or more friends' },
};

export const SAFETY_QUESTION = 'Is there anything that makes you afraid at home: fear, control or harm from your partner?';

/** The safety question's answers: here in the match, and on /safety for each partner alone. */
export function SafetyQuestionField(props: { hint: string; value?: string | undefined; error?: string | undefined }) {
  return (
    <RadioGroup
      name="safety"
      label={SAFETY_QUESTION}
      hint={props.hint}
      value={props.value}
      error={props.error}
      options={[
        { value: 'no', label: 'No' },
        { value: 'yes', label: 'Yes' },
        { value: 'unsure', label: 'I am not sure' },
      ]}
    />
  );
}

/** GET /match: the first step. */
export function matchStartPage(c: Context<AppEnv>) {
  return renderStep(c, 1, { concerns: [], times: [], languages: [], lgbtq: false, style: {}, exclude: [] }, {});
}

/**
 * POST /match: a step's answers. `step` names the step the form came from and `go` what the visitor
 * pressed (next, back, more). A post without a step (from the self-check) starts at step 1 with what it
 * carries prefilled.
 */
export async function matchSubmit(c: Context<AppEnv>) {
  const body = await readFormValues(c);
  if (!body) return renderStep(c, 1, readAnswers({}), { _form: MALFORMED_FORM }, 400);
  const answers = readAnswers(body);
  const stepText = typeof body.step === 'string' ? body.step : '';
  const step = /^\d$/.test(stepText) ? Math.min(Math.max(Number(stepText), 1), RESULTS_STEP) : 0;
  const go = body.go === 'back' ? 'back' : body.go === 'more' ? 'more' : body.go === 'rematch' ? 'rematch' : 'next';
  if (go === 'rematch') return rematch(c, answers, step);
  if (step === 0) return renderStep(c, 1, answers, {});
  if (go === 'back') return renderStep(c, Math.max(1, step - 1), answers, {});
  if (step === RESULTS_STEP) {
    const missing = firstMissingStep(answers);
    return missing ? renderStep(c, missing, answers, stepErrors(missing, answers)) : renderResults(c, answers, go === 'more');
  }
  const errors = stepErrors(step, answers);
  if (Object.keys(errors).length > 0) return renderStep(c, step, answers, errors);
  // A second match asks only what it is missing, then shows the results.
  if (step < STEP_COUNT && !isRematch(answers)) return renderStep(c, step + 1, answers, {});
  const missing = firstMissingStep(answers);
  return missing ? renderStep(c, missing, answers, stepErrors(missing, answers)) : renderResults(c, answers, false);
}

/**
 * "Not the right fit?" (from the results, or from a booking's manage page): leave out who they saw and
 * rank again with the same answers. Asks only for what is missing; from the results, someone must be left out.
 */
function rematch(c: Context<AppEnv>, answers: Answers, step: number) {
  if (!isRematch(answers)) {
    if (step === RESULTS_STEP && firstMissingStep(answers) === null) return renderResults(c, answers, false, REMATCH_ERROR);
    return renderStep(c, firstMissingStep(answers) ?? 1, answers, {});
  }
  const missing = firstMissingStep(answers);
  return missing ? renderStep(c, missing, answers, {}) : renderResults(c, answers, false);
}

async function renderStep(c: Context<AppEnv>, step: number, answers: Answers, errors: FieldErrors, status: 200 | 400 = 200) {
  const { deps } = c.var;
  const def = STEPS[step - 1] ?? STEPS[0];
  const practice = await deps.repos.practice.get();
  const askSafety = def.id === 'what' && answers.relationship === 'couple';
  const policy = safetyOf(answers);
  // Right after a worrying answer, help comes first; the later steps keep it after the question.
  const helpNow = policy.helpFirst && step === 3;
  let fields: Child;
  switch (def.id) {
    case 'who':
      fields = (
        <RadioGroup
          name="relationship"
          label={<h1 class="question">Who is coming to the sessions?</h1>}
          error={errors.relationship}
          value={answers.relationship}
          options={RELATIONSHIPS.map((r) => ({ value: r, label: WHO_OPTIONS[r].label, hint: WHO_OPTIONS[r].hint }))}
        />
      );
      break;
    case 'what':
      fields = (
        <>
          <CheckboxGroup
            name="concerns"
            label={<h1 class="question">What is happening?</h1>}
            hint="Tick everything that sounds like you. You can choose several."
            error={errors.concerns}
            value={answers.concerns}
            options={CONCERNS.map((x) => ({ value: x.id, label: CONCERN_WORDS[x.id], hint: x.name }))}
          />
          {askSafety ? (
            <div class="safety-question">
              <SafetyQuestionField
                hint="This question is for you alone. Your answer is not shown to your partner, not sent to a therapist and not stored. If your partner is with you now, you can leave it and come back on your own. If the answer is yes, we suggest a first session on your own."
                value={answers.safety}
              />
            </div>
          ) : null}
        </>
      );
      break;
    case 'format':
      fields = (
        <RadioGroup
          name="format"
          label={<h1 class="question">Would you like to meet online or in person?</h1>}
          error={errors.format}
          value={answers.format}
          options={[
            { value: 'online', label: 'Online', hint: 'By video, from wherever you feel comfortable' },
            { value: 'in_person', label: 'In person', hint: `At the practice: ${practice.address}` },
            { value: 'either', label: 'Either is fine' },
          ]}
        />
      );
      break;
    case 'when':
      fields = (
        <CheckboxGroup
          name="times"
          label={<h1 class="question">When could you come?</h1>}
          hint="Tick every time that could work. Leave them all empty if any time is fine."
          value={answers.times}
          options={TIME_WINDOWS.map((w) => ({ value: w, label: TIME_LABELS[w] }))}
        />
      );
      break;
    case 'budget': {
      const currency = (await deps.repos.services.listActive()).find((s) => s.priceMinor > 0)?.currency ?? 'GBP';
      fields = (
        <RadioGroup
          name="budget"
          label={<h1 class="question">What can you spend on a session?</h1>}
          hint="For a 50-minute session. The first consultation is free. Therapists above your budget are still shown, lower down, and marked."
          value={answers.budget ?? 'any'}
          options={BUDGETS.map((b) => ({ value: b, label: b === 'any' ? 'I would rather not say' : `Up to ${formatMoney(Number(b) * 100, currency)}` }))}
        />
      );
      break;
    }
    case 'language': {
      const spoken = await deps.repos.therapists.languagesSpoken();
      fields = (
        <CheckboxGroup
          name="languages"
          label={<h1 class="question">Which language would you like sessions in?</h1>}
          hint="Tick one or more. Leave them all empty if English is fine."
          value={answers.languages}
          options={spoken.map((l) => ({ value: l, label: languageName(l) }))}
        />
      );
      break;
    }
    case 'preferences':
      fields = (
        <>
          <h1 class="question">Anything else that matters to you?</h1>
          <p>All of these are optional. They move therapists up the list; they never hide anyone.</p>
          <RadioGroup
            name="gender"
            label="Would you prefer a therapist of a particular gender?"
            value={answers.gender ?? 'any'}
            options={[{ value: 'any', label: 'No preference' }, ...GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))]}
          />
          <TextField
            name="culture"
            label="Experience with your faith or culture"
            hint="For example Muslim, Polish or Catholic. We look for it in what therapists say about their own experience."
            value={answers.culture}
            maxLength={100}
          />
          <CheckboxGroup
            name="lgbtq"
            label="LGBTQ+ affirming"
            value={answers.lgbtq ? ['yes'] : []}
            options={[{ value: 'yes', label: 'I would like a therapist who is LGBTQ+ affirming' }]}
          />
          {(Object.keys(STYLE_AXES) as StyleAxis[]).map((axis) => {
            const a = STYLE_AXES[axis];
            return (
              <RadioGroup
                name={`style_${axis}`}
                label={STYLE_QUESTIONS[axis]}
                value={answers.style[axis] ?? ''}
                options={[
                  { value: '', label: 'No preference' },
                  { value: a.high, label: a.highReason },
                  { value: a.low, label: a.lowReason },
                ]}
              />
            );
          })}
        </>
      );
      break;
  }
  const title = `Find your match: ${def.title.toLowerCase()} (step ${step} of ${STEP_COUNT})`;
  return renderPage(
    c,
    {
      title: errorTitle(title, errors),
      asksAboutFeelings: true,
      urgentHelpFirst: helpNow,
      quickExit: askSafety || policy.quickExit,
      status,
      scripts: ['viewer-zone.js'],
    },
    <>
      <p class="step-count">
        Find your match · Step {step} of {STEP_COUNT}
      </p>
      {step === 1 ? (
        <p class="muted">
          Seven short questions, about two minutes. Nothing you tell us is stored unless you book. <a href="/match/how">How we match</a>
        </p>
      ) : null}
      {isRematch(answers) ? (
        <p class="notice rematch-notice">A second match, leaving out who you saw. We only ask what we do not know yet; then we show you the results.</p>
      ) : null}
      {helpNow && policy.domesticAbuseHelp ? <DomesticAbuseHelp /> : null}
      <ErrorSummary errors={errors} order={STEP_FIELDS[def.id]} />
      <form method="post" action="/match" class="match-step" novalidate>
        <input type="hidden" name="step" value={String(step)} />
        <HiddenAnswers answers={answers} except={STEP_FIELDS[def.id]} />
        {fields}
        <div class="match-actions">
          <button class="button" type="submit" name="go" value="next">
            {step === STEP_COUNT ? 'Show my matches' : 'Continue'}
          </button>
          {step > 1 ? (
            <button class="button button--secondary" type="submit" name="go" value="back">
              Back
            </button>
          ) : null}
        </div>
      </form>
      {policy.domesticAbuseHelp && step > 3 ? <DomesticAbuseHelp /> : null}
    </>,
  );
}

const STYLE_QUESTIONS: Record<StyleAxis, string> = {
  directive: 'How much should the therapist lead?',
  pastFocus: 'Past or present?',
  challenging: 'Gentle or challenging?',
};
