// The staff side's e-mails. A reset or invitation link is the only secret in them; a client's mail says
// when and with whom, never why.
import type { PracticeSettings } from '../domain/practice.ts';
import { inviteAttachment, type SessionFacts } from './booking-messages.ts';
import type { OutgoingMail } from './outbox.ts';
import { joinLines } from './room-words.ts';
import { greeting } from './untrusted.ts';
import { longWhen, shortWhen } from './when.ts';

export function passwordResetMail(to: string, name: string, link: string, practice: PracticeSettings): OutgoingMail {
  return {
    kind: 'staff-password-reset',
    to,
    subject: `Reset your ${practice.name} staff password`,
    text: [
      `Dear ${name},`,
      '',
      'Someone (we hope you) asked to reset the password of your staff account. To choose a new one, open this link.',
      'It works once and stops working after 30 minutes:',
      '',
      link,
      '',
      'Your second factor (the code from your authenticator app) stays as it is.',
      'If you did not ask for this, you can ignore this e-mail: your password has not changed.',
      '',
      practice.name,
    ].join('\n'),
  };
}

export function invitationMail(to: string, name: string, link: string, practice: PracticeSettings): OutgoingMail {
  return {
    kind: 'staff-invitation',
    to,
    subject: `Your staff account at ${practice.name}`,
    text: [
      `Dear ${name},`,
      '',
      `${practice.name} has set up a staff account for you: your bookings, hours and profile in one place.`,
      'To choose your password and set up your second factor (an authenticator app on your phone), open this link within 7 days.',
      'It works once:',
      '',
      link,
      '',
      practice.name,
    ].join('\n'),
  };
}

export type ReassignedSession = Pick<
  SessionFacts,
  'bookingId' | 'reference' | 'start' | 'end' | 'sequence' | 'format' | 'therapistName' | 'clientName' | 'clientEmail' | 'clientTimeZone' | 'manageUrl'
> &
  Partial<Pick<SessionFacts, 'roomUrl'>>;

/** The client's session is now with another therapist: same time, an updated invite. */
export function reassignedToClient(s: ReassignedSession, practice: PracticeSettings, now: number, message?: string): OutgoingMail {
  return {
    kind: 'booking-reassigned',
    to: s.clientEmail,
    subject: `Appointment on ${shortWhen(s.start, s.clientTimeZone)}: new therapist`,
    text: [
      greeting(s.clientName),
      '',
      `Your appointment on ${longWhen(s.start, s.clientTimeZone)} (reference ${s.reference}) is now with ${s.therapistName}.`,
      ...(message ? ['', message, ''] : []),
      'The time has not changed. We are sorry for the change; if it does not suit you, you can cancel or move the appointment with your private link:',
      s.manageUrl,
      ...joinLines(s, practice),
      '',
      `${practice.name}\n${practice.phone} · ${practice.email}`,
    ].join('\n'),
    attachments: inviteAttachment(s, practice, 'REQUEST', now),
  };
}

/** Told to the account's owner each time a recovery code signs them in: if it was not them, they act now. */
export function recoveryCodeUsedMail(to: string, name: string, left: number, practice: PracticeSettings): OutgoingMail {
  return {
    kind: 'staff-recovery-code-used',
    to,
    subject: `A recovery code was used to sign in to your ${practice.name} staff account`,
    text: [
      `Dear ${name},`,
      '',
      `A recovery code was just used instead of your authenticator app to sign in to your staff account. ${left === 1 ? '1 code is' : `${left} codes are`} left.`,
      '',
      'If this was you: set up your authenticator app again on your account page, which also gives you a fresh set of codes.',
      'If it was not you: tell the practice admin straight away, so that they can reset your password and second factor.',
      '',
      practice.name,
    ].join('\n'),
  };
}
