// /self-check: a private reflection on one relationship. A plain POST form; the result is rendered from
// the POST response and never stored, logged or put in a URL.
import type { Context } from 'hono';
import { exerciseById } from '../../content/exercises.ts';
import {
  ABOUT_LABELS,
  ABOUTS,
  AGREEMENT_SCALE,
  type Band,
  DIMENSION_INFO,
  HURT_QUESTION,
  IOS_QUESTION,
  IOS_SOURCE,
  type IosOption,
  iosOptionsFor,
  NEUTRAL_WORDS,
  parseSelfCheckForm,
  RISK_QUESTION,
  SELF_CHECK_DISCLAIMER,
  type SelfCheckResult,
  STATEMENT_IDS,
  SUPPORT_RULE_TEXT,
  scoreSelfCheck,
  statementsFor,
  wordsFor,
} from '../../domain/self-check.ts';
import { concernName, DIMENSIONS } from '../../domain/types.ts';
import { ErrorSummary, errorTitle, type FieldErrors, fieldId, RadioGroup } from '../components/forms.tsx';
import type { AppEnv } from '../env.ts';
import { MALFORMED_FORM, readFormValues } from '../read-form.ts';
import { renderPage } from '../render.tsx';

const TITLE = 'Self-check: how close do you feel?';
const FIELD_ORDER = ['about', ...STATEMENT_IDS, 'ios', 'hurt', 'risk'];

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
  const parsed = parseSelfCheckForm(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const [field, message] of Object.entries(parsed.errors)) {
      const n = STATEMENT_IDS.indexOf(field as (typeof STATEMENT_IDS)[number]);
      errors[field] = n >= 0 ? `Choose how much you agree with statement ${n + 1}` : message;
    }
    return renderForm(c, values, errors, 422);
  }
  return renderResult(c, scoreSelfCheck(parsed.answers), values);
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

function IosPicture({ option, selfLabel, otherLabel }: { option: IosOption; selfLabel: string; otherLabel: string }) {
  const g = option.geometry;
  return (
    <svg class="ios-picture" viewBox={`0 0 ${g.width} ${g.height}`} width="120" height="60" aria-hidden="true" focusable="false">
      <circle cx={g.cx1} cy={g.cy} r={g.r} class="ios-picture__self" />
      <circle cx={g.cx2} cy={g.cy} r={g.r} class="ios-picture__other" />
      <text x={Math.max(12, g.cx1 - g.r * 0.45)} y={g.cy + 3} text-anchor="middle" class="ios-picture__label">
        {selfLabel}
      </text>
      <text x={Math.min(g.width - 12, g.cx2 + g.r * 0.45)} y={g.cy + 3} text-anchor="middle" class="ios-picture__label">
        {otherLabel}
      </text>
    </svg>
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
        {error ? (
          <span class="error-message" id={`${base}-error`}>
            <span class="visually-hidden">Error: </span>
            {error}
          </span>
        ) : null}
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

// ---------------------------------------------------------------------------
// The result

const BAND_WORDS: Record<Band, string> = { strong: 'Strong', mixed: 'Mixed', strained: 'Strained' };

function ScoreBar({ mean }: { mean: number }) {
  const width = Math.round(((mean - 1) / 4) * 100);
  return (
    <svg class="score-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect x="0" y="0" width="100" height="8" rx="4" class="score-bar__track" />
      <rect x="0" y="0" width={Math.max(width, 4)} height="8" rx="4" class="score-bar__fill" />
    </svg>
  );
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

async function renderResult(c: Context<AppEnv>, result: SelfCheckResult, values: Values) {
  const practice = await c.var.deps.repos.practice.get();
  const ios = iosOptionsFor(result.about)[result.ios.value - 1];
  const suggestions = result.suggestions.map((id) => exerciseById(id)).filter((e) => e !== undefined);
  return renderPage(
    c,
    { title: 'Your self-check reflection', asksAboutFeelings: true, urgentHelpFirst: result.urgentHelpFirst },
    <div class="self-check-result">
      {result.urgentHelpFirst ? (
        <p class="notice notice--warn">
          You told us you feel afraid of, or harmed by, the person you were thinking of. Your safety matters more than anything on this page: the people above
          can help now, in confidence.
        </p>
      ) : null}
      <h1>Your reflection</h1>
      <p class="notice">{result.disclaimer} This page is not saved anywhere: to keep it, print it or save it as a PDF from your browser.</p>
      <p class="lead prose">
        You were thinking about {wordsFor(result.about).your}. {result.overall.summary}
      </p>

      <section aria-labelledby="by-dimension">
        <h2 id="by-dimension">Three kinds of closeness</h2>
        <ul class="dimensions">
          {DIMENSIONS.map((d) => {
            const r = result.dimensions[d];
            return (
              <li class={`dimension dimension--${r.band}`}>
                <h3>
                  {r.name}: {BAND_WORDS[r.band]}
                </h3>
                <p class="muted">{DIMENSION_INFO[d].plain[0]?.toUpperCase() + DIMENSION_INFO[d].plain.slice(1)}.</p>
                <p class="dimension__score">
                  <ScoreBar mean={r.mean} /> Average {oneDecimal(r.mean)} out of 5
                </p>
                <p>{r.summary}</p>
              </li>
            );
          })}
        </ul>
        {ios ? (
          <div class="ios-result">
            <IosPicture option={ios} selfLabel={ios.selfLabel} otherLabel={ios.otherLabel} />
            <p>You chose {ios.label.replace(/\.$/, '').replace(/^Picture/, 'picture')}.</p>
          </div>
        ) : null}
      </section>

      {result.hurt ? (
        <section aria-labelledby="hurt-title">
          <h2 id="hurt-title">If you have been hurt recently</h2>
          <p class="prose">
            Being let down or turned away by someone close is painful, and it is natural to pull back afterwards. Be as kind to yourself as you would be to a
            friend. The self-compassion exercise below may help, and our guide has a section on{' '}
            <a href="/guide#rejection-and-hurt">dealing with rejection and hurt</a>.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="try-next">
        <h2 id="try-next">What you could try next</h2>
        <ul class="exercises">
          {suggestions.map((e) => (
            <li class="card exercise">
              <h3>{e.title}</h3>
              <p>{e.summary}</p>
              <p class="muted">
                About {e.minutes} minutes, {e.together ? 'together' : 'on your own'}. {e.whenSuggested}
              </p>
              <ol>
                {e.steps.map((s) => (
                  <li>{s}</li>
                ))}
              </ol>
              {e.prompts ? (
                <>
                  <p>Ideas to start from:</p>
                  <ul>
                    {e.prompts.map((p) => (
                      <li>{p}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="support-title" class={result.support.suggested ? 'support support--suggested' : 'support'}>
        <h2 id="support-title">{result.support.suggested ? 'Talking to a therapist could help' : 'When to think about support'}</h2>
        <p>{result.support.reason}</p>
        <p class="support__rule">
          <strong>The rule we use:</strong> {SUPPORT_RULE_TEXT}
        </p>
        {result.matchConcerns.length > 0 ? (
          <p>
            When you look for a therapist, we will start from what your answers point to:{' '}
            {result.matchConcerns.map((id) => concernName(id).toLowerCase()).join(', ')}. You can change this.
          </p>
        ) : null}
        <form method="post" action="/match" class="no-print">
          <input type="hidden" name="relationship" value={result.matchRelationship} />
          {result.matchConcerns.map((id) => (
            <input type="hidden" name="concerns" value={id} />
          ))}
          <button type="submit" class={result.support.suggested ? 'button' : 'button button--secondary'}>
            Find a therapist who fits
          </button>
        </form>
        <p class="no-print">
          Or <a href="/contact">talk to us first</a>, or call <a href={`tel:${practice.phone.replace(/[^\d+]/g, '')}`}>{practice.phone}</a>.
        </p>
      </section>

      <form method="post" action="/self-check" class="no-print">
        <input type="hidden" name="edit" value="yes" />
        {FIELD_ORDER.filter((f) => values[f] !== undefined).map((f) => (
          <input type="hidden" name={f} value={values[f]} />
        ))}
        <p>
          <button type="submit" class="button button--secondary">
            Change my answers
          </button>{' '}
          <a href="/self-check">Start again</a>
        </p>
      </form>
    </div>,
  );
}
