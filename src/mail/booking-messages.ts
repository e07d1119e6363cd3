// The e-mails a booking sends. Subjects and invite titles say "Appointment" and a time, nothing more;
// a client's notes never appear in any of them.
import type { Money } from '../domain/fees.ts';
import type { PracticeSettings } from '../domain/practice.ts';
import { changeRuleWords, feeLine, whereLine } from './booking-terms.ts';
import { calendarEvent } from './ics.ts';
import type { OutgoingMail } from './outbox.ts';
import { joinLines } from './room-words.ts';
import { recurrenceIdLine } from './series-ics.ts';
import { greeting } from './untrusted.ts';
import { longWhen, shortWhen } from './when.ts';

export interface SessionFacts {
  bookingId: string;
  reference: string;
  start: number;
  end: number;
  sequence: number;
  format: string;
  serviceName: string;
  fee: Money;
  /** Whether the service can be a session with a partner or family (then the private safety question is offered). */
  jointSession: boolean;
  therapistName: string;
  therapistEmail: string;
  clientName: string;
  clientEmail: string;
  clientTimeZone: string;
  therapistTimeZone: string;
  manageUrl: string;
  /** The online room's link (usecases/bookings/room.ts), or null: in person, or no link from this site. */
  roomUrl: string | null;
  /** An occurrence of a series: its invite is that week of the series' recurring event (same UID). */
  series?: { uid: string; slot: number } | undefined;
}

const where = (s: SessionFacts, practice: PracticeSettings) => whereLine(s.format, practice);

/** What a client's calendar entry needs: neutral title, the time, the reference and the manage link. */
export type InviteFacts = Pick<SessionFacts, 'bookingId' | 'sequence' | 'start' | 'end' | 'reference' | 'manageUrl' | 'format' | 'series'> & {
  clientEmail?: string;
  /** The room's link: the entry's LOCATION, URL and CONFERENCE (RFC 7986); never on a cancellation. */
  roomUrl?: string | null | undefined;
};

/** The client's calendar entry for a session (also served at the manage link). */
export function clientSessionEvent(s: InviteFacts, practice: PracticeSettings, method: 'REQUEST' | 'CANCEL' | 'PUBLISH', now: number): string {
  const room = method === 'CANCEL' || s.format !== 'online' ? undefined : (s.roomUrl ?? undefined);
  // A week of a series, e-mailed: the series' event with that week's RECURRENCE-ID. Downloaded: a plain event.
  const week = s.series && method !== 'PUBLISH' ? s.series : undefined;
  return calendarEvent({
    uid: week ? week.uid : `${s.bookingId}@closer`,
    ...(week ? { recurrenceIdLine: recurrenceIdLine(week.slot, practice.timeZone) } : {}),
    sequence: s.sequence,
    method,
    start: s.start,
    end: s.end,
    summary: `Appointment at ${practice.name}`,
    description: `${room ? `To join by video: ${room}\n` : ''}Reference ${s.reference}. To change or cancel: ${s.manageUrl}`,
    location: s.format === 'online' ? (room ?? 'Online') : practice.address,
    organizerEmail: practice.email,
    organizerName: practice.name,
    ...(s.clientEmail ? { attendeeEmail: s.clientEmail } : {}),
    url: room ?? s.manageUrl,
    ...(room ? { conference: room } : {}),
    stamp: now,
  });
}

/** The same entry as an e-mail attachment. */
export function inviteAttachment(
  s: InviteFacts,
  practice: PracticeSettings,
  method: 'REQUEST' | 'CANCEL',
  now: number,
): NonNullable<OutgoingMail['attachments']> {
  return [
    { filename: 'appointment.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: clientSessionEvent(s, practice, method, now) },
  ];
}

const signOff = (practice: PracticeSettings) =>
  `\n${practice.name}\n${practice.phone} · ${practice.email}\n\nWe are not an emergency service. If you need urgent help, call 999, NHS 111, or Samaritans on 116 123.`;

export function confirmationToClient(s: SessionFacts, practice: PracticeSettings, now: number): OutgoingMail {
  return {
    kind: 'booking-confirmation',
    to: s.clientEmail,
    subject: `Appointment on ${shortWhen(s.start, s.clientTimeZone)}`,
    text: [
      greeting(s.clientName),
      '',
      `Your appointment is booked.`,
      '',
      `When: ${longWhen(s.start, s.clientTimeZone)}, ${Math.round((s.end - s.start) / 60_000)} minutes`,
      `With: ${s.therapistName}`,
      `What: ${s.serviceName}`,
      `Where: ${where(s, practice)}`,
      `Fee: ${feeLine(s.fee)}`,
      `Reference: ${s.reference}`,
      ...joinLines(s, practice),
      '',
      `Changing or cancelling: ${changeRuleWords({ start: s.start, end: s.end, timeZone: s.clientTimeZone }, now, practice).rule}`,
      '',
      `To see, move or cancel this appointment, use your private link (keep it to yourself):`,
      s.manageUrl,
      '',
      'A calendar invite is attached.',
      '',
      `If this is your first session with ${s.therapistName}, you can answer a few questions for them before it (about five minutes; only they read your answers):`,
      `${s.manageUrl}/intake`,
      '',
      'This booking was made on our website with this e-mail address. If it was not you, cancel it with the link above or call us.',
      ...(s.jointSession
        ? [
            '',
            'Coming with a partner? Before a joint session we ask each of you one question, privately. Each of you can answer it alone here (nothing is stored):',
            `${new URL(s.manageUrl).origin}/safety`,
          ]
        : []),
      signOff(practice),
    ].join('\n'),
    attachments: inviteAttachment(s, practice, 'REQUEST', now),
  };
}

export function rescheduleToClient(s: SessionFacts, practice: PracticeSettings, now: number): OutgoingMail {
  return {
    kind: 'booking-rescheduled',
    to: s.clientEmail,
    subject: `Appointment moved to ${shortWhen(s.start, s.clientTimeZone)}`,
    text: [
      greeting(s.clientName),
      '',
      `Your appointment has moved. The new time is:`,
      '',
      `When: ${longWhen(s.start, s.clientTimeZone)}`,
      `With: ${s.therapistName}`,
      `Where: ${where(s, practice)}`,
      `Reference: ${s.reference}`,
      ...joinLines(s, practice),
      '',
      `Your private link still works: ${s.manageUrl}`,
      'The attached invite updates the one in your calendar.',
      signOff(practice),
    ].join('\n'),
    attachments: inviteAttachment(s, practice, 'REQUEST', now),
  };
}

export function cancellationToClient(s: SessionFacts, practice: PracticeSettings, now: number, message?: string): OutgoingMail {
  return {
    kind: 'booking-cancelled',
    to: s.clientEmail,
    subject: `Appointment on ${shortWhen(s.start, s.clientTimeZone)} cancelled`,
    text: [
      greeting(s.clientName),
      '',
      `Your appointment on ${longWhen(s.start, s.clientTimeZone)} (reference ${s.reference}) is cancelled.`,
      ...(message ? ['', message] : []),
      '',
      'You are welcome to book another time whenever you are ready.',
      signOff(practice),
    ].join('\n'),
    attachments: inviteAttachment(s, practice, 'CANCEL', now),
  };
}

export function reminderToClient(s: SessionFacts, practice: PracticeSettings, now: number): OutgoingMail {
  return {
    kind: 'booking-reminder',
    to: s.clientEmail,
    subject: `Reminder: appointment on ${shortWhen(s.start, s.clientTimeZone)}`,
    text: [
      greeting(s.clientName),
      '',
      `A reminder of your appointment on ${longWhen(s.start, s.clientTimeZone)} with ${s.therapistName}.`,
      `Where: ${where(s, practice)}`,
      ...joinLines(s, practice),
      '',
      `If you cannot come, please let us know: ${s.manageUrl} or call ${practice.phone}.`,
      signOff(practice),
    ].join('\n'),
    attachments: inviteAttachment(s, practice, 'REQUEST', now),
  };
}

export function noticeToTherapist(s: SessionFacts, practice: PracticeSettings, change: 'booked' | 'moved' | 'cancelled', previousStart?: number): OutgoingMail {
  const verb = change === 'booked' ? 'New appointment' : change === 'moved' ? 'Appointment moved' : 'Appointment cancelled';
  return {
    kind: `therapist-${change}`,
    to: s.therapistEmail,
    subject: `${verb}: ${shortWhen(s.start, s.therapistTimeZone)}`,
    text: [
      `${verb}, reference ${s.reference}.`,
      '',
      ...(previousStart !== undefined ? [`Was: ${longWhen(previousStart, s.therapistTimeZone)}`] : []),
      `${change === 'moved' ? 'Now' : 'When'}: ${longWhen(s.start, s.therapistTimeZone)}`,
      `Format: ${s.format === 'online' ? 'online' : 'in person'}`,
      '',
      'Sign in to see the details.',
      `\n${practice.name}`,
    ].join('\n'),
  };
}

export function waitlistOffer(to: string, name: string, practice: PracticeSettings, link: string, freedStart: number, timeZone: string): OutgoingMail {
  return {
    kind: 'waitlist-offer',
    to,
    subject: `A time has come free at ${practice.name}`,
    text: [
      greeting(name),
      '',
      `You asked us to tell you when a time came free. One has: ${longWhen(freedStart, timeZone)}, and there may be others.`,
      `The first person to book it gets it: ${link}`,
      '',
      'You will stay on the waiting list until you book or leave it.',
      signOff(practice),
    ].join('\n'),
  };
}

export function waitlistJoined(to: string, name: string, practice: PracticeSettings, leaveLink: string): OutgoingMail {
  return {
    kind: 'waitlist-joined',
    to,
    subject: `You are on the waiting list at ${practice.name}`,
    text: [
      greeting(name),
      '',
      'You are on our waiting list. We will e-mail you as soon as a time comes free in the dates you gave.',
      `To leave the list at any time: ${leaveLink}`,
      signOff(practice),
    ].join('\n'),
  };
}
