import { acceptInvitation as accept, openInvitation } from '../../../usecases/companion/invitations.ts';
import { errorTitle, type FieldErrors, TextField } from '../../components/forms.tsx';
import { readForm } from '../../read-form.ts';
import { companionPage, OneFieldForm } from '../components.tsx';
import { type CompanionContext, notFound } from '../session.ts';
import { SignInFields } from './account.tsx';

import { JoinForm } from './circle-parts.tsx';

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
        <OneFieldForm action={path} errors={errors} field="displayName" submit="Join the circle">
          <TextField
            name="displayName"
            label="Your name in this circle"
            hint="What the others will see next to what you share."
            value={displayName}
            error={errors.displayName}
            autocomplete="given-name"
            maxLength={60}
          />
        </OneFieldForm>
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
