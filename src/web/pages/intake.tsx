// The intake before a first session: /manage/{token}/intake for the client who booked, /intake/{token} for
// a partner (a couple's session). Private pages (capability URLs). Each person answers once; answers are
// never shown back through a link. A worry (the safety question, or words that suggest risk) follows the one
// safety policy: help first, the quick exit, and no partner's link.
import type { Context } from 'hono';
import { answersUnderWorry, intakeFieldOrder, intakeSafety, intakeSchema } from '../../domain/intake.ts';
import { decideSafety, type SafetyDecision } from '../../domain/safety.ts';
import { longWhen } from '../../mail/when.ts';
import { type IntakeAccess, type IntakeState, intakeState, saveIntake } from '../../usecases/bookings/intake.ts';
import { errorTitle, type FieldErrors } from '../components/forms.tsx';
import { telHref } from '../components/layout.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { type FormValues, one, readForm } from '../read-form.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';
import { IntakeForm, TypedAnswers } from './intake-form.tsx';

type C = Context<AppEnv>;

const accessOf = (c: C): IntakeAccess =>
  c.req.path.startsWith('/intake/') ? { kind: 'partner', token: c.req.param('token') ?? '' } : { kind: 'client', token: c.req.param('token') ?? '' };

const pathOf = (a: IntakeAccess) => (a.kind === 'client' ? `/manage/${a.token}/intake` : `/intake/${a.token}`);

const TITLE = 'Before your first session';

function Intro({ s, c }: { s: IntakeState; c: C }) {
  const when = longWhen(s.booking.start, s.booking.clientTimeZone);
  return (
    <>
      <h1>{TITLE}</h1>
      {s.role === 'partner' ? (
        <p class="lead">
          Your partner has booked a session for you both with {s.booking.therapistName}, {when}. These questions are for you alone: your partner does not see
          your answers, and you do not see theirs.
        </p>
      ) : (
        <p class="lead">
          A few questions for {s.booking.therapistName} before your session on {when}, so that it can start from what matters to you. It takes about five
          minutes.
        </p>
      )}
      <p>
        Only {s.booking.therapistName} reads your answers: not other staff{s.couple ? ', and not your partner' : ''}. They are kept encrypted, and deleted with
        your booking’s other records. {s.role === 'client' ? <a href={`/manage/${c.req.param('token')}`}>Back to your appointment</a> : null}
      </p>
    </>
  );
}

function PartnerLink({ url }: { url: string }) {
  return (
    <section class="card" aria-labelledby="partner-link-title">
      <h2 id="partner-link-title">Your partner’s own questions</h2>
      <p>
        Your partner has a link of their own, with the same questions. Their answers go only to your therapist: you will not see them, and they will not see
        yours. Send it to them in a way only they will read.
      </p>
      <p class="secret manage-link" id="partner-link">
        {url}
      </p>
      <button type="button" class="button button--secondary" data-copy="partner-link" data-copy-status="partner-link-status" hidden>
        Copy the link
      </button>
      <p id="partner-link-status" class="muted" aria-live="polite" />
    </section>
  );
}

async function receivedPage(c: C, s: IntakeState, justSent: boolean, typed?: FormValues) {
  return renderPage(
    c,
    { title: TITLE, private: true, quickExit: true, scripts: s.partnerLink ? ['copy-text.js'] : [] },
    <div class="narrow">
      {justSent ? (
        <div class="notice notice--ok" role="status">
          <p>Thank you. Your answers have been sent to {s.booking.therapistName}.</p>
        </div>
      ) : null}
      <h1>{TITLE}</h1>
      <p>{s.booking.therapistName} has your answers. If anything changes, or you want to add something, tell them when you meet.</p>
      {typed ? <TypedAnswers values={typed} /> : null}
      {s.partnerLink ? <PartnerLink url={s.partnerLink} /> : null}
      {s.role === 'client' ? (
        <p>
          <a href={`/manage/${c.req.param('token')}`}>Back to your appointment</a>
        </p>
      ) : null}
    </div>,
  );
}

async function closedPage(c: C, s: IntakeState | undefined, values: FormValues | undefined, status: 404 | 409) {
  const practice = await c.var.deps.repos.practice.get();
  return renderPage(
    c,
    { title: s ? 'Nothing to fill in now' : 'This link no longer works', private: true, status },
    <div class="narrow">
      <h1>{s ? 'Nothing to fill in now' : 'This link no longer works'}</h1>
      <p>
        {s
          ? 'This appointment is cancelled or has already taken place, so there are no questions to answer before it.'
          : 'The link may have expired, or the appointment may have changed.'}{' '}
        If you need us, call <a href={telHref(practice.phone)}>{practice.phone}</a>.
      </p>
      {values ? <TypedAnswers values={values} /> : null}
    </div>,
  );
}

async function formPage(c: C, s: IntakeState, values: FormValues, errors: FieldErrors, status: 200 | 400 | 422 = 200) {
  // Words that suggest risk lead with help even while the form still has errors.
  const safety = status === 200 ? decideSafety({}) : decideSafety({ texts: ['reason', 'hopes', 'supportDetails'].map((k) => one(values[k])) });
  return renderPage(
    c,
    { title: errorTitle(TITLE, errors), private: true, asksAboutFeelings: true, urgentHelpFirst: safety.helpFirst, quickExit: true, status },
    <div class="narrow">
      <Intro s={s} c={c} />
      <IntakeForm
        action={pathOf(accessOf(c))}
        couple={s.couple}
        therapistName={s.booking.therapistName}
        values={values}
        errors={errors}
        order={intakeFieldOrder(s.couple)}
      />
    </div>,
  );
}

/**
 * After answers that tell of a worry (the policy's decision): urgent help first, the quick exit, and for fear
 * of or harm from someone, the helplines and a session alone; never the partner's link.
 */
async function worryPage(c: C, s: IntakeState, sent: boolean, decision: SafetyDecision) {
  const practice = await c.var.deps.repos.practice.get();
  const whoReads = `Only ${s.booking.therapistName} reads what you send here${s.couple ? '; your partner never sees it' : ''}.`;
  return renderPage(
    c,
    { title: TITLE, private: true, asksAboutFeelings: true, urgentHelpFirst: decision.helpFirst, quickExit: decision.quickExit },
    <div class="narrow">
      <h1>{TITLE}</h1>
      {sent ? (
        <div class="notice notice--ok" role="status">
          <p>Thank you for telling us. Your answers have been sent. {whoReads}</p>
        </div>
      ) : null}
      {decision.domesticAbuseHelp ? (
        <DomesticAbuseHelp intro={`Thank you for telling us. ${whoReads}`}>
          {s.couple && decision.offerFirstSessionAlone ? (
            <p data-alone="">
              If you would rather your first session were for you alone, call us on <a href={telHref(practice.phone)}>{practice.phone}</a> and we will change
              it. We will not tell your partner why.
            </p>
          ) : null}
        </DomesticAbuseHelp>
      ) : (
        <p>
          If you would like to talk to someone at the practice before your session, call us on <a href={telHref(practice.phone)}>{practice.phone}</a>.
        </p>
      )}
    </div>,
  );
}

/** GET: the form, or (answers sent) a thank-you; an unknown or expired link is a plain 404. */
export async function intakePage(c: C) {
  c.set('privatePage', true);
  const s = await intakeState(c.var.deps, accessOf(c));
  if (!s) return notFoundPage(c);
  if (s.received) return receivedPage(c, s, c.req.query('sent') === '1');
  if (!s.open) return closedPage(c, s, undefined, 409);
  return formPage(c, s, {}, {});
}

/** POST: one person's answers, read with the one form reader; bad input changes nothing and keeps every answer. */
export async function intakeSubmit(c: C) {
  c.set('privatePage', true);
  const access = accessOf(c);
  const s = await intakeState(c.var.deps, access);
  if (!s) {
    // What was typed is shown back, never lost, even when the link has stopped working.
    const read = await readForm(c, intakeSchema(false), { arrays: ['support'] });
    return closedPage(c, undefined, read.values, 404);
  }
  const read = await readForm(c, intakeSchema(s.couple), { arrays: ['support'] });
  // Answers had already arrived (a second tab, a second press): these are not sent, and shown back.
  if (s.received) return receivedPage(c, s, false, read.values);
  if (!s.open) return closedPage(c, s, read.values, 409);
  if (read.ok) {
    const outcome = await saveIntake(c.var.deps, s, read.data);
    const decision = intakeSafety(read.data);
    if (outcome === 'saved' && decision.helpFirst) return worryPage(c, s, true, decision);
    return c.redirect(`${pathOf(access)}?sent=1`, 303);
  }
  if (read.status === 400) return formPage(c, s, read.values, read.errors, 400);
  // The safety policy: a worry gets help, never a list of what was left out. What reads well is kept.
  const said = one(read.values.safety);
  if (decideSafety({ answer: said === 'yes' || said === 'unsure' ? said : undefined }).skipOtherValidation) {
    const kept = answersUnderWorry(read.values, s.couple);
    const outcome = await saveIntake(c.var.deps, s, kept);
    return worryPage(c, s, outcome === 'saved', intakeSafety(kept));
  }
  return formPage(c, s, read.values, read.errors, 422);
}
