import type { Membership } from '../../../db/repositories/companion-circles.ts';
import { CIRCLE_KIND_LABELS, CIRCLE_KINDS, CIRCLE_SIZE, type CircleKind } from '../../../domain/companion.ts';
import { circleOverview as overviewOf, startCircle as start, yourCircles } from '../../../usecases/companion/circles.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, TextField } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, Flash, OwnSafetyNote, SupportNote, singleValues } from '../components.tsx';
import { formatDate, formatWhen, scheduleText } from '../format.ts';
import { type CompanionContext, notFound } from '../session.ts';
import { SignInFields } from './account.tsx';

import { ScheduleFields, StartCircleForm } from './circle-parts.tsx';

const KIND_HINTS: Record<CircleKind, string> = {
  couple: 'You and a partner: two people.',
  family: `Family members: up to ${CIRCLE_SIZE.family} people.`,
  friends: `Friends: up to ${CIRCLE_SIZE.friends} people.`,
};

// ---------------------------------------------------------------------------
// The front page: what the companion is (signed out), or your circles (signed in)

export async function companionHome(c: CompanionContext) {
  const client = c.var.client;
  if (!client) {
    return companionPage(
      c,
      { title: 'The companion: a weekly check-in' },
      <>
        {c.req.query('signed-out') !== undefined ? <Flash>You have signed out.</Flash> : null}
        <h1>A weekly check-in for the people closest to you</h1>
        <div class="prose">
          <p>
            Closeness is kept up in small, regular moments. The companion gives a couple, a family or a group of friends a few minutes once a week to notice how
            close each of you has felt, what you appreciated and what you would like more of.
          </p>
          <ul>
            <li>
              <strong>Private first.</strong> Each of you answers on your own. Nothing is shared unless you choose to share it, answer by answer.
            </li>
            <li>
              <strong>Revealed together.</strong> What you share appears side by side once everyone has answered, or when the week ends, so nobody answers in
              reply to someone else.
            </li>
            <li>
              <strong>Small practices.</strong> A promise tracker, an appreciation jar and short exercises, suggested by how your check-ins go.
            </li>
            <li>
              <strong>Help when it is needed.</strong> If your answers stay low, you alone see a suggestion to talk to one of our therapists.
            </li>
          </ul>
          <p>Everything you write is encrypted, and you can download or delete it whenever you like.</p>
        </div>
        <h2>Sign in or create an account</h2>
        <SignInFields next={null} />
      </>,
    );
  }
  const rows = await yourCircles(c.var.deps, client.clientId);
  return companionPage(
    c,
    { title: 'Your circles' },
    <>
      {c.req.query('left') !== undefined ? <Flash>You have left the circle, and what you wrote there has been deleted.</Flash> : null}
      <h1>Your circles</h1>
      {rows.length === 0 ? <p>You are not in a circle yet. Start one, then invite the people you want to check in with.</p> : null}
      <ul class="cards">
        {rows.map(({ m, week, answered, kept }) => (
          <li class="card">
            <h2>
              <a href={`/companion/circles/${m.circle.id}`}>{m.circle.name}</a>
            </h2>
            <p class="muted">
              {CIRCLE_KIND_LABELS[m.circle.kind]} · {scheduleText(m.circle.schedule)}
            </p>
            <p>{answered ? 'You have answered this week.' : `This week's check-in is open until ${formatWhen(week.end, m.circle.schedule.timeZone)}.`}</p>
            {kept > 0 ? <p>Weeks you have all checked in: {kept}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href="/companion/start">
          Start a circle
        </a>
      </p>
    </>,
  );
}

// ---------------------------------------------------------------------------
// Starting a circle

export async function startCirclePage(c: CompanionContext) {
  const practice = await c.var.deps.repos.practice.get();
  return startCircleView(c, { weekday: '7', time: '19:00', timeZone: practice.timeZone }, {});
}

function startCircleView(c: CompanionContext, values: Record<string, string>, errors: FieldErrors, status: 200 | 400 | 422 = 200) {
  return companionPage(
    c,
    { title: errorTitle('Start a circle', errors), status },
    <>
      <h1>Start a circle</h1>
      <ErrorSummary errors={errors} order={['kind', 'name', 'displayName', 'weekday', 'time', 'timeZone']} />
      <form method="post" action="/companion/start" novalidate>
        <RadioGroup
          name="kind"
          label="Who is the circle for?"
          value={values.kind}
          error={errors.kind}
          options={CIRCLE_KINDS.map((k) => ({ value: k, label: CIRCLE_KIND_LABELS[k], hint: KIND_HINTS[k] }))}
        />
        <TextField
          name="name"
          label="A name for the circle"
          hint="Only the people in it see this, for example “Sam and Alex” or “Sunday calls”."
          value={values.name}
          error={errors.name}
          maxLength={80}
        />
        <TextField
          name="displayName"
          label="Your name in this circle"
          hint="What the others will see next to what you share."
          value={values.displayName}
          error={errors.displayName}
          autocomplete="given-name"
          maxLength={60}
        />
        <fieldset class="field">
          <legend>When should the weekly check-in open?</legend>
          <ScheduleFields values={values} errors={errors} />
        </fieldset>
        <button class="button" type="submit">
          Start the circle
        </button>
      </form>
    </>,
  );
}

export async function startCircle(c: CompanionContext) {
  const form = await readForm(c, StartCircleForm);
  if (!form.ok) return startCircleView(c, singleValues(form.values), form.errors, form.status);
  const d = form.data;
  const started = await start(c.var.deps, {
    clientId: c.var.client!.clientId,
    kind: d.kind,
    name: d.name,
    displayName: d.displayName,
    schedule: { weekday: d.weekday, time: d.time, timeZone: d.timeZone },
  });
  if (!started.ok) return notFound(c);
  return c.redirect(`/companion/circles/${started.value.circleId}?started=1`, 303);
}

// ---------------------------------------------------------------------------
// A circle's overview

export async function circleOverview(c: CompanionContext) {
  const m = c.var.membership;
  const tz = m.circle.schedule.timeZone;
  const { week, members, kept, advice, safety, weeks, view, started } = await overviewOf(c.var.deps, m);
  const base = `/companion/circles/${m.circle.id}`;
  const q = (k: string) => c.req.query(k) !== undefined;
  return companionPage(
    c,
    { title: m.circle.name, feelings: true, membership: m, section: 'overview', safety },
    <>
      <OwnSafetyNote safety={safety} />
      {q('started') ? (
        <Flash>
          Your circle is ready. <a href={`${base}/settings`}>Invite the others</a> to join it.
        </Flash>
      ) : null}
      {q('joined') ? <Flash>Welcome: you have joined the circle.</Flash> : null}
      {q('schedule') ? <Flash>The check-in time has been changed.</Flash> : null}
      <h1>{m.circle.name}</h1>
      <section class="this-week" aria-labelledby="this-week">
        <h2 id="this-week">{view.own ? 'This week' : 'How close have you felt this week?'}</h2>
        {view.revealed && view.own && week.id ? (
          <p>
            Everyone has answered. <a href={`${base}/weeks/${week.id}`}>See what was shared</a>
          </p>
        ) : view.own ? (
          <p>
            You have answered; {view.answeredCount} of {view.memberCount} have so far. Shared answers appear when everyone has answered, or when the week ends.{' '}
            <a href={`${base}/check-in`}>Change your answers</a>
          </p>
        ) : (
          <>
            <p>
              {started
                ? 'You have begun this week’s check-in: what you wrote is kept, for you alone, until you save it.'
                : 'Three quick taps, and a few words if you like. Only what you choose to share is seen, and only once everyone has answered.'}
            </p>
            <p>
              <a class="button" href={`${base}/check-in`}>
                {started ? "Finish this week's check-in" : "Answer this week's check-in"}
              </a>
            </p>
          </>
        )}
        <p class="muted">Open until {formatWhen(week.end, tz)}.</p>
      </section>
      <p class="muted">
        {CIRCLE_KIND_LABELS[m.circle.kind]} · check-in {scheduleText(m.circle.schedule)} ·{' '}
        {members.length === 1 ? 'just you so far' : `${members.length} people`}.{' '}
        {kept > 0 ? `Weeks you have all checked in together: ${kept}.` : 'Every week that you all answer is counted here.'}
      </p>
      <SupportNote advice={advice} kind={m.circle.kind} circleId={m.circle.id} safety={safety} />
      {members.length === 1 ? (
        <p>
          <a href={`${base}/settings`}>Invite someone to join this circle</a>
        </p>
      ) : null}
      {weeks.length > 0 ? (
        <section aria-labelledby="past-weeks">
          <h2 id="past-weeks">Weeks so far</h2>
          <ul>
            {weeks
              .filter((w) => w.end > m.joinedAt)
              .map((w) => (
                <li>
                  <a href={`${base}/weeks/${w.id}`}>Week of {formatDate(w.start, tz)}</a>
                  {w.keptAt ? ' · everyone answered' : ''}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
    </>,
  );
}

export type { Membership };
