// The e-mail that carries a client's link to their own data. Nothing anyone typed goes in it but the
// address it is sent to (checked as an address) and the practice's own name.
import type { OutgoingMail } from './outbox.ts';

export function dataExportMail(input: { to: string; link: string; practiceName: string; byPractice: boolean }): OutgoingMail {
  const lines = [
    input.byPractice
      ? `You asked ${input.practiceName} for a copy of the information we hold about you. Here it is.`
      : `Someone, most likely you, asked ${input.practiceName}'s website for a copy of the information we hold about this e-mail address.`,
    '',
    'Open this link to download it (it works once, for 24 hours):',
    input.link,
    '',
    'The file lists your bookings (with any notes you wrote when booking), waiting-list entries, messages and call-back requests you sent us, and your companion account with your own answers. It is in JSON, a plain text format that most computers can open.',
    '',
    'If you did not ask for this, you can ignore this e-mail: nothing is shared unless the link is opened, and it stops working tomorrow.',
  ];
  return { kind: 'data-export-link', to: input.to, subject: `Your data from ${input.practiceName}`, text: lines.join('\n') };
}
