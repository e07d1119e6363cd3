// The one e-mail a client gets for a series of ongoing sessions (and its update when the series ends), with
// the whole series as one recurring calendar event. Subjects and titles say "Appointments" and a time only.
import type { PracticeSettings } from '../domain/practice.ts';
import type { OutgoingMail } from './outbox.ts';
import { joinLines } from './room-words.ts';
import { type SeriesEvent, seriesCalendar } from './series-ics.ts';
import { greeting } from './untrusted.ts';
import { longWhen, shortWhen } from './when.ts';

export interface SeriesFacts {
  seriesId: string;
  clientName: string;
  clientEmail: string;
  clientTimeZone: string;
  therapistName: string;
  format: string;
  /** The series' video room (the same link every week), or null: in person, or no link from this site. */
  roomUrl: string | null;
  intervalWeeks: number;
  /** null: until ended. */
  count: number | null;
  /** The sessions booked now, each with its own private link. */
  sessions: readonly { start: number; reference: string; manageUrl: string }[];
  /** Weeks left out. */
  skipped: readonly number[];
  calendar: Omit<SeriesEvent, 'uid' | 'summary' | 'organizerEmail' | 'organizerName' | 'location' | 'description' | 'attendeeEmail' | 'url' | 'conference'>;
}

export const seriesUid = (seriesId: string) => `series-${seriesId}@closer`;

const signOff = (practice: PracticeSettings) =>
  `\n${practice.name}\n${practice.phone} · ${practice.email}\n\nWe are not an emergency service. If you need urgent help, call 999, NHS 111, or Samaritans on 116 123.`;

const every = (weeks: number) => (weeks === 1 ? 'every week' : weeks === 2 ? 'every other week' : `every ${weeks} weeks`);

function attachment(s: SeriesFacts, practice: PracticeSettings): NonNullable<OutgoingMail['attachments']> {
  const content = seriesCalendar({
    ...s.calendar,
    uid: seriesUid(s.seriesId),
    summary: `Appointment at ${practice.name}`,
    description: 'Your regular appointments. To change or cancel one of them, use its link in our e-mail.',
    location: s.format === 'online' ? (s.roomUrl ?? 'Online') : practice.address,
    ...(s.roomUrl && s.calendar.method !== 'CANCEL' ? { url: s.roomUrl, conference: s.roomUrl } : {}),
    organizerEmail: practice.email,
    organizerName: practice.name,
    attendeeEmail: s.clientEmail,
  });
  return [{ filename: 'appointments.ics', contentType: `text/calendar; charset=utf-8; method=${s.calendar.method}`, content }];
}

export function seriesToClient(s: SeriesFacts, practice: PracticeSettings): OutgoingMail {
  const first = s.sessions[0];
  return {
    kind: 'series-booked',
    to: s.clientEmail,
    subject: first ? `Regular appointments from ${shortWhen(first.start, s.clientTimeZone)}` : 'Regular appointments',
    text: [
      greeting(s.clientName),
      '',
      `${s.therapistName} has booked your regular appointments, ${every(s.intervalWeeks)} at the same time.`,
      s.count === null
        ? 'They go on until you or your therapist end them; we book them a few weeks at a time.'
        : `There are ${s.sessions.length} ${s.sessions.length === 1 ? 'appointment' : 'appointments'}.`,
      '',
      'The appointments booked now, each with its own private link to move or cancel it (keep the links to yourself):',
      ...s.sessions.map((x) => `- ${longWhen(x.start, s.clientTimeZone)}, reference ${x.reference}: ${x.manageUrl}`),
      ...(s.skipped.length > 0 ? ['', 'No appointment in these weeks:', ...s.skipped.map((x) => `- ${longWhen(x, s.clientTimeZone)}`)] : []),
      '',
      // The series' one room: the same link every week (usecases/bookings/room.ts).
      ...joinLines({ format: s.format, roomUrl: s.roomUrl }, practice),
      '',
      'A calendar invite for all of them is attached.',
      signOff(practice),
    ].join('\n'),
    attachments: attachment(s, practice),
  };
}

export function seriesEndedToClient(s: SeriesFacts, practice: PracticeSettings, cancelledCount: number): OutgoingMail {
  return {
    kind: 'series-ended',
    to: s.clientEmail,
    subject: 'Regular appointments ended',
    text: [
      greeting(s.clientName),
      '',
      `Your regular appointments with ${s.therapistName} have ended.`,
      cancelledCount > 0
        ? `The ${cancelledCount === 1 ? 'appointment' : `${cancelledCount} appointments`} still to come ${cancelledCount === 1 ? 'is' : 'are'} cancelled.`
        : '',
      'The attached calendar update removes them from your calendar.',
      '',
      'You are welcome to book again whenever you are ready.',
      signOff(practice),
    ].join('\n'),
    attachments: attachment(s, practice),
  };
}
