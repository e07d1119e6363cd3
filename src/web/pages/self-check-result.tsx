// The self-check's answer page, rendered from the POST and never stored. Either help first (a worrying answer
// to the safety question, as src/domain/safety.ts decides) or the reflection, which opens with whether
// talking to a therapist could help and how to find one.
import type { Context } from 'hono';
import { exerciseById } from '../../content/exercises.ts';
import {
  type About,
  type Band,
  DIMENSION_INFO,
  type IosOption,
  iosOptionsFor,
  SELF_CHECK_DISCLAIMER,
  type SelfCheckResult,
  STATEMENT_IDS,
  SUPPORT_RULE_TEXT,
  wordsFor,
} from '../../domain/self-check.ts';
import { concernName, DIMENSIONS } from '../../domain/types.ts';
import { ANY_THERAPIST_SERVICE_SLUG } from '../../usecases/bookings/create.ts';
import { firstSessionService } from '../../usecases/matching/match.ts';
import { telHref } from '../components/layout.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';

export const RESULT_TITLE = 'Your self-check reflection';
/** Every field of the form, in the order its errors are listed. */
export const FIELD_ORDER = ['about', ...STATEMENT_IDS, 'ios', 'hurt', 'risk'];

type Values = Record<string, string>;

export function IosPicture({ option, selfLabel, otherLabel }: { option: IosOption; selfLabel: string; otherLabel: string }) {
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

/** The free first consultation, to book for oneself ("any therapist" when the practice offers that). */
export async function firstSessionHref(c: Context<AppEnv>): Promise<string> {
  const first = firstSessionService(await c.var.deps.repos.services.listActive());
  return first ? `/book?service=${serviceRef(first)}${first.slug === ANY_THERAPIST_SERVICE_SLUG ? '&therapist=any' : ''}` : '/contact';
}

/** "Change my answers" (the form again, filled in) and "Start again". */
function ChangeAnswers({ values }: { values: Values }) {
  return (
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
  );
}

// ---------------------------------------------------------------------------
// Help first

/**
 * After a "yes" to "Do you feel afraid of, or harmed by, the person you are thinking of?": the quick exit,
 * every urgent number, domestic-abuse helplines and a first session alone. No reflection on the
 * relationship and nothing to do together, whatever else was answered or left out.
 */
export async function renderHelp(c: Context<AppEnv>, about: About | undefined, values: Values) {
  const practice = await c.var.deps.repos.practice.get();
  const bookAlone = await firstSessionHref(c);
  const who = about ? wordsFor(about).your : 'the person you were thinking of';
  return renderPage(
    c,
    { title: RESULT_TITLE, asksAboutFeelings: true, urgentHelpFirst: true, quickExit: true },
    <div class="self-check-result self-check-help">
      <h1>Your safety comes first</h1>
      <p class="lead prose">
        You told us you feel afraid of, or harmed by, {who}. Thank you for telling us. It is not your fault, and you do not have to work it out on your own.
      </p>
      <DomesticAbuseHelp intro="Your answers stay on this screen: they are not stored, not sent to anyone and never shown to anyone else.">
        <p class="safety-help__actions no-print">
          <a class="button" href={bookAlone}>
            Book a first conversation on your own
          </a>
        </p>
        <p class="no-print">
          It is free and confidential. Or call us on <a href={telHref(practice.phone)}>{practice.phone}</a>: we will not tell anyone why you called.
        </p>
      </DomesticAbuseHelp>
      <section aria-labelledby="why-no-reflection">
        <h2 id="why-no-reflection">Why there is no reflection here</h2>
        <p class="prose">
          We have left out what your other answers say about the relationship. Ideas for growing closer are not the right thing while you feel unsafe, and
          nothing you read here should make you doubt what you feel. A therapist can see you on your own, in confidence, to think about what you want and what
          would keep you safe.
        </p>
        <form method="post" action="/match" class="no-print">
          <input type="hidden" name="relationship" value="individual" />
          <button type="submit" class="button button--secondary">
            Find a therapist who sees people on their own
          </button>
        </form>
      </section>
      <ChangeAnswers values={values} />
    </div>,
  );
}

// ---------------------------------------------------------------------------
// The reflection

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

/** Whether a therapist could help, and the ways to one: near the top of the reflection, not after the exercises. */
function Support({ result, phone, bookFirst }: { result: SelfCheckResult; phone: string; bookFirst: string }) {
  const suggested = result.support.suggested;
  return (
    <section aria-labelledby="support-title" class={suggested ? 'support support--suggested' : 'support'}>
      <h2 id="support-title">{suggested ? 'Talking to a therapist could help' : 'When to think about support'}</h2>
      <p>{result.support.reason}</p>
      {result.matchConcerns.length > 0 ? (
        <p>
          When you look for a therapist, we will start from what your answers point to:{' '}
          {result.matchConcerns.map((id) => concernName(id).toLowerCase()).join(', ')}. You can change this.
        </p>
      ) : null}
      <div class="support__actions no-print">
        <form method="post" action="/match" class="support__find">
          <input type="hidden" name="relationship" value={result.matchRelationship} />
          {result.matchConcerns.map((id) => (
            <input type="hidden" name="concerns" value={id} />
          ))}
          <button type="submit" class={suggested ? 'button' : 'button button--secondary'}>
            Find a therapist who fits
          </button>
        </form>
        <a class="button button--secondary" href={bookFirst}>
          Book a free first consultation
        </a>
      </div>
      <p class="no-print">
        Or <a href="/contact">talk to us first</a>, or call <a href={telHref(phone)}>{phone}</a>.
      </p>
      <p class="support__rule">
        <strong>The rule we use:</strong> {SUPPORT_RULE_TEXT}
      </p>
    </section>
  );
}

export async function renderResult(c: Context<AppEnv>, result: SelfCheckResult, values: Values) {
  const ios = iosOptionsFor(result.about)[result.ios.value - 1];
  const suggestions = result.suggestions.map((id) => exerciseById(id)).filter((e) => e !== undefined);
  const [practice, bookFirst] = await Promise.all([c.var.deps.repos.practice.get(), firstSessionHref(c)]);
  return renderPage(
    c,
    { title: RESULT_TITLE, asksAboutFeelings: true, urgentHelpFirst: result.safety.helpFirst, quickExit: result.safety.quickExit },
    <div class="self-check-result">
      <h1>Your reflection</h1>
      <p class="lead prose">
        You were thinking about {wordsFor(result.about).your}. {result.overall.summary}
      </p>
      <Support result={result} phone={practice.phone} bookFirst={bookFirst} />
      <p class="notice">{SELF_CHECK_DISCLAIMER} This page is not saved anywhere: to keep it, print it or save it as a PDF from your browser.</p>

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

      {suggestions.length > 0 ? (
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
      ) : null}

      <ChangeAnswers values={values} />
    </div>,
  );
}
