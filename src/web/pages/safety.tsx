// The private safety question before joint sessions, on a page of its own, so that each partner can
// answer it alone: the one who filled in Find your match was asked there; the other is sent here by the
// booking confirmation (page and e-mail). The answer is never stored, logged or put in an address.
import type { Context } from 'hono';
import { decideSafety } from '../../domain/safety.ts';
import { ANY_THERAPIST_SERVICE_SLUG } from '../../usecases/bookings/create.ts';
import { firstSessionService } from '../../usecases/matching/match.ts';
import { ErrorSummary, errorTitle, type FieldErrors } from '../components/forms.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { MALFORMED_FORM, readFormValues } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { SafetyQuestionField } from './match.tsx';
import { SAFETY_ANSWERS, type SafetyAnswer } from './match-answers.ts';

const isAnswer = (v: unknown): v is SafetyAnswer => typeof v === 'string' && (SAFETY_ANSWERS as readonly string[]).includes(v);

/** The question, or (after a POST) what follows from the answer. */
async function render(c: Context<AppEnv>, answer: SafetyAnswer | undefined, errors: FieldErrors, status: 200 | 400 | 422 = 200) {
  const safety = decideSafety({ answer });
  const worried = safety.offerFirstSessionAlone;
  const first = worried ? firstSessionService(await c.var.deps.repos.services.listActive()) : undefined;
  const bookAlone = first ? `/book?service=${serviceRef(first)}${first.slug === ANY_THERAPIST_SERVICE_SLUG ? '&therapist=any' : ''}` : '/contact';
  return renderPage(
    c,
    {
      title: errorTitle('Before a joint session: a question for you alone', errors),
      asksAboutFeelings: true,
      urgentHelpFirst: safety.helpFirst,
      // The question itself may be read with the person it is about nearby: the way out is always there.
      quickExit: true,
      status,
    },
    <div class="narrow">
      <ErrorSummary errors={errors} order={['safety']} />
      <h1>Before a joint session: a question for you alone</h1>
      {answer === undefined || errors.safety || errors._form ? (
        <>
          <p>
            Couples sessions work when both people can speak freely. Before the first one, we ask each partner one question, separately. Please answer it when
            your partner is not with you.
          </p>
          <form method="post" action="/safety" novalidate>
            <SafetyQuestionField
              hint="Your answer stays on this screen: it is not stored, not sent to a therapist and never shown to your partner."
              error={errors.safety}
            />
            <button class="button" type="submit">
              Continue
            </button>
          </form>
        </>
      ) : worried ? (
        <>
          <DomesticAbuseHelp />
          <p>
            <a class="button" href={bookAlone}>
              Book a first conversation on your own
            </a>
          </p>
          <p>If you already have a joint session booked, you can call us to change it to a session for you alone; we will not tell your partner why.</p>
        </>
      ) : (
        <div class="notice notice--ok" role="status">
          <p>Thank you. Nothing you answered has been kept. We look forward to seeing you both.</p>
        </div>
      )}
    </div>,
  );
}

/** GET /safety */
export function safetyPage(c: Context<AppEnv>) {
  return render(c, undefined, {});
}

/** POST /safety: the answer decides what the page shows next, and is then forgotten. */
export async function safetySubmit(c: Context<AppEnv>) {
  const body = await readFormValues(c);
  if (!body) return render(c, undefined, { _form: MALFORMED_FORM }, 400);
  const answer = Array.isArray(body.safety) ? body.safety.at(-1) : body.safety;
  if (!isAnswer(answer)) return render(c, undefined, { safety: 'Choose an answer, or leave this page: nothing is kept either way' }, 422);
  return render(c, answer, {});
}
