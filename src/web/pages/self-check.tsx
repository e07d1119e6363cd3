// /self-check: a private reflection on one relationship. A plain POST form; the result is rendered from
// the POST response and never stored, logged or put in a URL.
import type { Context } from 'hono';
import {
  ABOUT_LABELS,
  ABOUTS,
  AGREEMENT_SCALE,
  decideSelfCheck,
  HURT_QUESTION,
  IOS_QUESTION,
  IOS_SOURCE,
  type IosOption,
  iosOptionsFor,
  NEUTRAL_WORDS,
  RISK_QUESTION,
  SELF_CHECK_DISCLAIMER,
  STATEMENT_IDS,
  statementsFor,
} from '../../domain/self-check.ts';
import { ErrorMessage, ErrorSummary, errorTitle, type FieldErrors, fieldId, RadioGroup } from '../components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { MALFORMED_FORM, readFormValues } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { FIELD_ORDER, IosPicture, renderHelp, renderResult } from './self-check-result.tsx';

const TITLE = 'Self-check: how close do you feel?';

type Values = Record<string, string>;

/** The form's answers, one per field (the last, should a field come twice); undefined for an unreadable body. */
async function formValues(c: Context<AppEnv>): Promise<Values | undefined> {
  const body = await readFormValues(c);
  if (!body) return undefined;
  const values: Values = {};
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (last !== undefined) values[k] = last;
  }
  return values;
}

export function selfCheckFormPage(c: Context<AppEnv>) {
  return renderForm(c, {}, {});
}

export async function selfCheckSubmit(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  const values = await formValues(c);
  if (!values) return renderForm(c, {}, { _form: MALFORMED_FORM }, 400);
  if (values.edit === 'yes') return renderForm(c, values, {});
  // The safety policy goes first: a worrying answer gets help, never a list of what was left out.
  const outcome = decideSelfCheck(values);
  if (outcome.kind === 'help') return renderHelp(c, outcome.about, values);
  if (outcome.kind === 'errors') {
    const errors: FieldErrors = {};
    for (const [field, message] of Object.entries(outcome.errors)) {
      const n = STATEMENT_IDS.indexOf(field as (typeof STATEMENT_IDS)[number]);
      errors[field] = n >= 0 ? `Choose how much you agree with statement ${n + 1}` : message;
    }
    return renderForm(c, values, errors, 422);
  }
  return renderResult(c, outcome.result, values);
}

// ---------------------------------------------------------------------------
// The form

function renderForm(c: Context<AppEnv>, values: Values, errors: FieldErrors, status: 200 | 400 | 422 = 200) {
  const statements = statementsFor(NEUTRAL_WORDS);
  return renderPage(
    c,
    {
      title: errorTitle(TITLE, errors),
      description: 'A private reflection on one relationship: fifteen statements and one picture. Nothing you enter is stored.',
      asksAboutFeelings: true,
      // The form asks whether the person feels afraid of, or harmed by, someone: the way out is always there.
      quickExit: true,
      status,
    },
    <>
      <ErrorSummary errors={errors} order={FIELD_ORDER} />
      <h1>{TITLE}</h1>
      <div class="prose">
        <p>
          Think of one relationship: with a partner, someone in your family or a friend. Read each statement and say how true it feels for you at the moment. It
          takes about five minutes. At the end you will see how each kind of closeness seems to be doing, ideas to try, and whether talking to someone might
          help.
        </p>
        <p class="notice">{SELF_CHECK_DISCLAIMER} Your answers are not saved and never appear in the page address.</p>
      </div>
      <form method="post" action="/self-check" class="self-check" novalidate>
        <RadioGroup
          name="about"
          label="Who are you thinking of?"
          hint="The statements say “this person”: read them as being about whoever you choose here."
          value={values.about}
          error={errors.about}
          options={ABOUTS.map((a) => ({ value: a, label: ABOUT_LABELS[a] }))}
        />
        <h2>How much do you agree?</h2>
        <p class="hint">There are no right or wrong answers. Go with your first reaction.</p>
        <ol class="statements">
          {statements.map((s, i) => (
            <li>
              <RadioGroup
                name={s.id}
                label={
                  <>
                    <span class="statement__number">{i + 1}.</span> {s.text}
                  </>
                }
                class="scale"
                value={values[s.id]}
                error={errors[s.id]}
                options={AGREEMENT_SCALE.map((o) => ({ value: String(o.value), label: o.label }))}
              />
            </li>
          ))}
        </ol>
        <h2>One picture</h2>
        <IosField options={iosOptionsFor(NEUTRAL_WORDS)} value={values.ios} error={errors.ios} />
        <h2>Two last questions</h2>
        <RadioGroup
          name="hurt"
          label={`${HURT_QUESTION.text} (optional)`}
          value={values.hurt}
          error={errors.hurt}
          options={HURT_QUESTION.options.map((o) => ({ value: o.value, label: o.label }))}
        />
        <RadioGroup
          name="risk"
          label={RISK_QUESTION.text}
          hint="If you answer yes, we will show you where to get help straight away. You can leave this out."
          value={values.risk}
          error={errors.risk}
          options={RISK_QUESTION.options.map((o) => ({ value: o.value, label: o.label }))}
        />
        <p>
          <button class="button" type="submit">
            See my reflection
          </button>
        </p>
      </form>
    </>,
  );
}

function IosField({ options, value, error }: { options: IosOption[]; value: string | undefined; error: string | undefined }) {
  const base = fieldId('ios');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={`${base}-hint${error ? ` ${base}-error` : ''}`}>
        <legend>{IOS_QUESTION}</legend>
        <span class="hint" id={`${base}-hint`}>
          Picture 1 shows two circles apart; picture 7 shows them almost on top of each other. {IOS_SOURCE}
        </span>
        <ErrorMessage id={`${base}-error`} error={error} />
        <div class="ios-options">
          {options.map((o, i) => {
            const id = i === 0 ? base : `${base}-${i}`;
            return (
              <div class="ios-option">
                <input type="radio" id={id} name="ios" value={String(o.value)} checked={value === String(o.value)} />
                <label for={id}>
                  <IosPicture option={o} selfLabel={o.selfLabel} otherLabel={o.otherLabel} />
                  <span class="ios-option__number" aria-hidden="true">
                    {o.value}
                  </span>
                  <span class="visually-hidden">{o.label}</span>
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
