// A circle's settings: members, invitations, the check-in time, leaving.
import { z } from 'zod';
import { type Schedule, ScheduleSchema } from '../../../domain/companion.ts';
import { shortWhen } from '../../../mail/when.ts';
import { changeCircleSchedule, leaveCircle as leave, circleSettings as settingsOf } from '../../../usecases/companion/circles.ts';
import { inviteToCircle, withdrawInvite } from '../../../usecases/companion/invitations.ts';
import { ErrorSummary, errorTitle, type FieldErrors, TextField } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, Flash, singleValues } from '../components.tsx';
import type { CompanionContext } from '../session.ts';

import { InviteForm, ScheduleFields } from './circle-parts.tsx';

// ---------------------------------------------------------------------------
// Settings: members, invitations, the check-in time, leaving

async function settingsView(
  c: CompanionContext,
  v: { inviteErrors?: FieldErrors; inviteEmail?: string; scheduleErrors?: FieldErrors; scheduleValues?: Record<string, string>; flash?: string },
  status: 200 | 400 | 422 | 429 = 200,
) {
  const m = c.var.membership;
  const { members, pending, mine, room } = await settingsOf(c.var.deps, m);
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
      {mine.length > 0 ? (
        <>
          <h3>Invitations you sent, not used yet</h3>
          <ul class="pending-invites">
            {mine.map((i) => (
              <li>
                <form method="post" action={`${base}/invite/${i.label}/cancel`}>
                  <span>
                    To {i.invitee ?? 'an address sent before we kept it'}, works until {shortWhen(i.expiresAt, m.circle.schedule.timeZone)}.
                  </span>{' '}
                  <button class="button button--secondary" type="submit">
                    Withdraw<span class="visually-hidden"> the invitation to {i.invitee ?? 'that address'}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pending > mine.length ? (
        <p>
          {pending - mine.length === 1
            ? 'Someone else in the circle has an invitation out.'
            : `Others in the circle have ${pending - mine.length} invitations out.`}
        </p>
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
  if (!sent.ok) return settingsView(c, { inviteErrors: { email: sent.error.detail }, inviteEmail: email }, 422);
  return c.redirect(`/companion/circles/${m.circle.id}/settings?invited=1`, 303);
}

export async function cancelInvite(c: CompanionContext) {
  const m = c.var.membership;
  const label = c.req.param('inviteId') ?? '';
  const withdrawn = /^[A-Za-z0-9_-]{16}$/.test(label) ? await withdrawInvite(c.var.deps, m, label) : undefined;
  return settingsView(c, {
    flash: withdrawn?.ok ? 'The invitation is withdrawn: its link no longer works.' : 'That invitation was used or withdrawn already.',
  });
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
