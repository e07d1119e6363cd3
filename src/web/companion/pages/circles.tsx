// The companion's front page, circles (start, overview, settings, leave) and invitations.
import { z } from 'zod';
import type { Membership } from '../../../db/repositories/companion-circles.ts';
import { CIRCLE_KIND_LABELS, CIRCLE_KINDS, CIRCLE_SIZE, type CircleKind, type Schedule, ScheduleSchema, WEEKDAY_NAMES } from '../../../domain/companion.ts';
import {
  changeCircleSchedule,
  leaveCircle as leave,
  circleOverview as overviewOf,
  circleSettings as settingsOf,
  startCircle as start,
  yourCircles,
} from '../../../usecases/companion/circles.ts';
import { acceptInvitation as accept, inviteToCircle, openInvitation, withdrawInvites } from '../../../usecases/companion/invitations.ts';
import { ErrorSummary, errorTitle, type FieldErrors, RadioGroup, SelectField, TextField } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, Flash, SupportNote, singleValues } from '../components.tsx';
import { formatDate, formatWhen, scheduleText } from '../format.ts';
import { type CompanionContext, notFound } from '../session.ts';
import { SignInFields } from './account.tsx';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const name = (what: string, max: number) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: `Enter ${what}.` })
      .min(1, { error: `Enter ${what}.` })
      .max(max, { error: `Keep ${what} under ${max} characters.` }),
  );

const StartCircleForm = z.strictObject({
  kind: z.enum(CIRCLE_KINDS, { error: 'Choose who the circle is for.' }),
  name: name('a name for the circle', 80),
  displayName: name('the name the others will see', 60),
  weekday: ScheduleSchema.shape.weekday,
  time: ScheduleSchema.shape.time,
  timeZone: ScheduleSchema.shape.timeZone,
});

const InviteForm = z.strictObject({
  email: z.preprocess(trimmed, z.email({ error: 'Enter their e-mail address in the right form, like name@example.com.' }).max(254)),
});

const JoinForm = z.strictObject({ displayName: name('the name the others will see', 60) });

const TIMES = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
const ZONES = Intl.supportedValuesOf('timeZone');

function ScheduleFields({ values, errors }: { values: Partial<Record<'weekday' | 'time' | 'timeZone', string>>; errors: FieldErrors }) {
  return (
    <>
      <SelectField
        name="weekday"
        label="Day"
        value={values.weekday}
        error={errors.weekday}
        options={WEEKDAY_NAMES.map((d, i) => ({ value: String(i + 1), label: d }))}
      />
      <SelectField
        name="time"
        label="Time"
        hint="When the check-in opens each week, and the reminder is sent."
        value={values.time}
        error={errors.time}
        options={TIMES.map((t) => ({ value: t, label: t }))}
      />
      <SelectField
        name="timeZone"
        label="Time zone"
        value={values.timeZone}
        error={errors.timeZone}
        options={ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
      />
    </>
  );
}

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
  const { week, members, kept, advice, weeks, view } = await overviewOf(c.var.deps, m);
  const base = `/companion/circles/${m.circle.id}`;
  const q = (k: string) => c.req.query(k) !== undefined;
  return companionPage(
    c,
    { title: m.circle.name, feelings: true, membership: m, section: 'overview' },
    <>
      {q('started') ? (
        <Flash>
          Your circle is ready. <a href={`${base}/settings`}>Invite the others</a> to join it.
        </Flash>
      ) : null}
      {q('joined') ? <Flash>Welcome: you have joined the circle.</Flash> : null}
      {q('schedule') ? <Flash>The check-in time has been changed.</Flash> : null}
      <h1>{m.circle.name}</h1>
      <p class="muted">
        {CIRCLE_KIND_LABELS[m.circle.kind]} · check-in {scheduleText(m.circle.schedule)} ·{' '}
        {members.length === 1 ? 'just you so far' : `${members.length} people`}
      </p>
      <section aria-labelledby="this-week">
        <h2 id="this-week">This week</h2>
        <p>
          Open from {formatWhen(week.start, tz)} until {formatWhen(week.end, tz)}.
        </p>
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
          <p>
            <a class="button" href={`${base}/check-in`}>
              Answer this week's check-in
            </a>
          </p>
        )}
        <p>{kept > 0 ? `Weeks you have all checked in together: ${kept}.` : 'Every week that you all answer is counted here.'}</p>
      </section>
      <SupportNote advice={advice} kind={m.circle.kind} circleId={m.circle.id} />
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

// ---------------------------------------------------------------------------
// Settings: members, invitations, the check-in time, leaving

async function settingsView(
  c: CompanionContext,
  v: { inviteErrors?: FieldErrors; inviteEmail?: string; scheduleErrors?: FieldErrors; scheduleValues?: Record<string, string>; flash?: string },
  status: 200 | 400 | 422 | 429 = 200,
) {
  const m = c.var.membership;
  const { members, pending, room } = await settingsOf(c.var.deps, m);
  const base = `/companion/circles/${m.circle.id}`;
  const s = m.circle.schedule;
  const errors = { ...(v.inviteErrors ?? {}), ...(v.scheduleErrors ?? {}) };
  return companionPage(
    c,
    { title: errorTitle(`Invite and settings: ${m.circle.name}`, errors), status, feelings: true, membership: m, section: 'settings' },
    <>
      {v.flash ? <Flash>{v.flash}</Flash> : null}
      <h1>Invite and settings</h1>
      <ErrorSummary errors={errors} />
      <h2>People in this circle</h2>
      <ul>
        {members.map((x) => (
          <li>
            {x.displayName}
            {x.clientId === m.clientId ? ' (you)' : ''}
          </li>
        ))}
      </ul>
      <h2 id="invite">Invite someone</h2>
      {room > 0 ? (
        <form method="post" action={`${base}/invite`} novalidate>
          <TextField
            name="email"
            type="email"
            label="Their e-mail address"
            hint="They get a link to join that works once, for 7 days. The e-mail shows your name in this circle, not the circle's name."
            autocomplete="off"
            spellcheck={false}
            value={v.inviteEmail}
            error={v.inviteErrors?.email}
          />
          <button class="button" type="submit">
            Send the invitation
          </button>
        </form>
      ) : (
        <p>
          {m.circle.kind === 'couple' ? 'A couple circle is for two people.' : 'This circle is full.'}{' '}
          {pending > 0 ? 'An invitation is waiting to be used.' : ''}
        </p>
      )}
      {pending > 0 ? (
        <form method="post" action={`${base}/invite/cancel`}>
          <p>{pending === 1 ? 'One invitation has not been used yet.' : `${pending} invitations have not been used yet.`}</p>
          <button class="button button--secondary" type="submit">
            Withdraw the invitations I sent
          </button>
        </form>
      ) : null}
      <h2>Check-in time</h2>
      <form method="post" action={`${base}/schedule`} novalidate>
        <ScheduleFields values={v.scheduleValues ?? { weekday: String(s.weekday), time: s.time, timeZone: s.timeZone }} errors={v.scheduleErrors ?? {}} />
        <p class="muted">A week that has already started keeps its times; the new time applies from the next one.</p>
        <button class="button" type="submit">
          Save the check-in time
        </button>
      </form>
      <h2>Leave this circle</h2>
      <p>
        <a href={`${base}/leave`}>Leave this circle</a>
      </p>
    </>,
  );
}

export const circleSettings = (c: CompanionContext) =>
  settingsView(c, { flash: c.req.query('invited') !== undefined ? 'Your invitation is on its way.' : undefined });

export async function sendInvite(c: CompanionContext) {
  const m = c.var.membership;
  const form = await readForm(c, InviteForm);
  const email = typeof form.values.email === 'string' ? form.values.email : '';
  if (!form.ok) return settingsView(c, { inviteErrors: form.errors, inviteEmail: email }, form.status);
  const sent = await inviteToCircle(c.var.deps, m, form.data.email);
  if (!sent.ok && sent.error.code === 'RATE_LIMITED') {
    c.header('Retry-After', String(sent.error.retryAfterSeconds ?? 86_400));
    return settingsView(c, { inviteErrors: { email: 'You have sent a lot of invitations today. Please try again tomorrow.' }, inviteEmail: email }, 429);
  }
  if (!sent.ok) return settingsView(c, { inviteErrors: { email: 'There is no room for anyone else in this circle.' }, inviteEmail: email }, 422);
  return c.redirect(`/companion/circles/${m.circle.id}/settings?invited=1`, 303);
}

export async function cancelInvites(c: CompanionContext) {
  const m = c.var.membership;
  await withdrawInvites(c.var.deps, m);
  return c.redirect(`/companion/circles/${m.circle.id}/settings`, 303);
}

const ScheduleForm = z.strictObject(ScheduleSchema.shape);

export async function changeSchedule(c: CompanionContext) {
  const m = c.var.membership;
  const form = await readForm(c, ScheduleForm);
  if (!form.ok) return settingsView(c, { scheduleErrors: form.errors, scheduleValues: singleValues(form.values) }, form.status);
  const schedule: Schedule = form.data;
  await changeCircleSchedule(c.var.deps, m, schedule);
  return c.redirect(`/companion/circles/${m.circle.id}?schedule=1`, 303);
}

export async function leavePage(c: CompanionContext) {
  const m = c.var.membership;
  return companionPage(
    c,
    { title: `Leave ${m.circle.name}`, feelings: true, membership: m, section: 'settings' },
    <>
      <h1>Leave this circle?</h1>
      <p class="prose">
        If you leave, your check-in answers, promises and notes in this circle are deleted, shared or not, and the others are not told why. You can be invited
        back later, but what you wrote will not come back. Your other circles are not affected.
      </p>
      <p class="prose">
        If you want to keep a copy, <a href="/companion/account/export">download your data</a> first.
      </p>
      <form method="post" action={`/companion/circles/${m.circle.id}/leave`}>
        <button class="button button--danger" type="submit">
          Leave and delete what I wrote here
        </button>
      </form>
      <p>
        <a class="button button--secondary" href={`/companion/circles/${m.circle.id}`}>
          Stay in the circle
        </a>
      </p>
    </>,
  );
}

export async function leaveCircle(c: CompanionContext) {
  const m = c.var.membership;
  await leave(c.var.deps, m);
  return c.redirect('/companion?left=1', 303);
}

// ---------------------------------------------------------------------------
// Invitations

export async function invitationPage(c: CompanionContext, errors: FieldErrors = {}, displayName = '', status: 200 | 400 | 422 = 200) {
  const token = c.req.param('token') ?? '';
  const client = c.var.client;
  const found = await openInvitation(c.var.deps, token, client?.clientId ?? null);
  if (found.ok && found.value.alreadyMember) return c.redirect(`/companion/circles/${found.value.circleId}`, 303);
  if (!found.ok) {
    return companionPage(
      c,
      { title: 'This invitation no longer works', status: 404 },
      <>
        <h1>This invitation no longer works</h1>
        <p>Invitations work once, for 7 days. Ask the person who invited you to send a new one.</p>
      </>,
    );
  }
  const invite = found.value;
  const path = `/companion/invites/${token}`;
  return companionPage(
    c,
    { title: errorTitle('Join a weekly check-in', errors), status },
    <>
      <h1>{invite.inviterName} has invited you to a weekly check-in</h1>
      <p class="prose">
        The circle is for {invite.kind === 'couple' ? 'a couple' : invite.kind === 'family' ? 'family members' : 'friends'}. Each week you answer a few short
        questions on your own; nothing you write is shared unless you choose to share it.
      </p>
      {client ? (
        <>
          <ErrorSummary errors={errors} order={['displayName']} />
          <form method="post" action={path} novalidate>
            <TextField
              name="displayName"
              label="Your name in this circle"
              hint="What the others will see next to what you share."
              value={displayName}
              error={errors.displayName}
              autocomplete="given-name"
              maxLength={60}
            />
            <button class="button" type="submit">
              Join the circle
            </button>
          </form>
        </>
      ) : (
        <>
          <h2>First, sign in</h2>
          <p>We will e-mail you a link; after signing in you come back here to join.</p>
          <SignInFields next={path} />
        </>
      )}
    </>,
  );
}

export async function acceptInvitation(c: CompanionContext) {
  const client = c.var.client;
  const token = c.req.param('token') ?? '';
  if (!client) return c.redirect(`/companion/invites/${token}`, 303);
  const form = await readForm(c, JoinForm);
  if (!form.ok) return invitationPage(c, form.errors, typeof form.values.displayName === 'string' ? form.values.displayName : '', form.status);
  const joined = await accept(c.var.deps, { token, clientId: client.clientId, displayName: form.data.displayName });
  if (!joined.ok) return notFound(c);
  return c.redirect(`/companion/circles/${joined.value.circleId}${joined.value.joined ? '?joined=1' : ''}`, 303);
}

export type { Membership };
