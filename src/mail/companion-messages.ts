// The companion's e-mails. Subjects and bodies say nothing about how anyone is feeling or what a circle is
// called: a subject may show on a lock screen, and a shared inbox is not a private one.
import type { OutgoingMail } from './outbox.ts';
import { nameForMail } from './untrusted.ts';

export function signInMail(to: string, url: string, practiceName: string): OutgoingMail {
  return {
    kind: 'companion-sign-in',
    to,
    subject: `Your sign-in link for ${practiceName}`,
    text: [
      'Hello,',
      '',
      'Here is the link you asked for. It signs you in to the companion, works once, and stops working after 15 minutes:',
      '',
      url,
      '',
      'If you did not ask for it, you can ignore this e-mail: nobody can sign in without the link.',
      '',
      practiceName,
    ].join('\n'),
  };
}

export function inviteMail(to: string, url: string, inviterName: string, practiceName: string): OutgoingMail {
  // The inviter typed their own name: it is shown as theirs, short, and never as a link or an address.
  const name = nameForMail(inviterName);
  const who = name ? `Someone who gave their name as "${name}"` : 'Someone';
  return {
    kind: 'companion-invite',
    to,
    subject: `An invitation to a weekly check-in`,
    text: [
      'Hello,',
      '',
      `${who} would like you to join them in a weekly check-in on ${practiceName}'s companion: a few minutes once a week,`,
      'with answers that stay private until each of you chooses to share them.',
      `(${practiceName} does not check names. Only join if you know who this is.)`,
      '',
      'To see the invitation and join, open this link within 7 days (it works once):',
      '',
      url,
      '',
      'If you were not expecting this, you can ignore it.',
      '',
      practiceName,
    ].join('\n'),
  };
}

export function reminderMail(to: string, url: string, closesOn: string, practiceName: string): OutgoingMail {
  return {
    kind: 'companion-reminder',
    to,
    subject: 'Your weekly check-in is open',
    text: [
      'Hello,',
      '',
      `It is time for this week's check-in. It takes about five minutes, and it is open until ${closesOn}.`,
      'Your answers are private: you choose what, if anything, to share.',
      '',
      'This link signs you in and opens the check-in. It works once, until the check-in closes:',
      '',
      url,
      '',
      'Please do not forward this e-mail: whoever has the link can sign in as you once.',
      'You can change the day and time of the check-in, or leave the circle, from the same page.',
      '',
      practiceName,
    ].join('\n'),
  };
}

/** What a notice is about: a partner answered this week's check-in, or the week's answers can be seen. */
export type CheckInNotice = 'answered' | 'revealed' | 'revealed-at-end';

/**
 * Told that something happened in a circle, and nothing more: not who, not what, not the circle's name (a
 * shared inbox or a lock screen is not private). The link goes through sign-in.
 */
export function checkInNoticeMail(to: string, notice: CheckInNotice, url: string, practiceName: string): OutgoingMail {
  const answered = notice === 'answered';
  return {
    kind: answered ? 'companion-partner-answered' : 'companion-answers-revealed',
    to,
    subject: answered ? 'Someone in your circle has checked in' : 'This week’s check-in answers are ready to see',
    text: [
      'Hello,',
      '',
      answered
        ? 'Someone in one of your circles has answered this week’s check-in. What they chose to share shows once everyone has answered, or when the week ends.'
        : notice === 'revealed'
          ? 'Everyone in one of your circles has answered this week’s check-in, so what each of you chose to share can now be seen.'
          : 'Last week’s check-in in one of your circles has closed, so what each person who answered chose to share can now be seen.',
      '',
      'To see it, sign in to the companion:',
      '',
      url,
      '',
      'We send this once for each check-in. Nothing you or anyone else wrote is in this e-mail.',
      '',
      practiceName,
    ].join('\n'),
  };
}
