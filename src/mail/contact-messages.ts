// The notice to the practice that a contact message or call-back request has arrived. It carries no word
// the person wrote (nor their name or number): it says that something arrived and where to read it, so
// what a client types never leaves the practice's server.
import type { OutgoingMail } from './outbox.ts';

export type ContactKind = 'message' | 'callback';

export interface PracticeInbox {
  /** Where the notice goes: the practice's e-mail address. */
  email: string;
  /** The site's address, for the link in the notice. */
  publicUrl: string;
}

/** `urgent`: the words suggest the person may be at risk (the notice asks for a prompt reading, nothing more). */
export function contactNoticeMail(kind: ContactKind, ref: string, urgent: boolean, inbox: PracticeInbox): OutgoingMail {
  const what = kind === 'message' ? 'message' : 'call-back request';
  const lines = [
    `A new ${what} has come in through the website.`,
    '',
    `Reference: ${ref}`,
    ...(urgent ? ['', 'Please read it soon: an automatic check noticed words that can mean someone is at risk.'] : []),
    '',
    `Read it in the staff inbox (sign-in needed): ${inbox.publicUrl}/staff/admin/inbox`,
    '',
    'For privacy, what the person wrote, their name and their contact details are not included in this e-mail.',
  ];
  return {
    kind: kind === 'message' ? 'contact-message' : 'contact-callback',
    to: inbox.email,
    subject: kind === 'message' ? `New message from the website (${ref})` : `New call-back request from the website (${ref})`,
    text: lines.join('\n'),
  };
}
