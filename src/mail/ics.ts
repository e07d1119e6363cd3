// iCalendar (RFC 5545) invites, written by hand: one VEVENT, times in UTC, lines folded at 75 octets.

export interface CalendarEvent {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  start: number;
  end: number;
  /** Neutral wording only: "Appointment at Closer", never the service or a concern. */
  summary: string;
  description?: string;
  location?: string;
  organizerEmail: string;
  organizerName: string;
  attendeeEmail?: string;
  url?: string;
  /** A video room's link: a CONFERENCE property (RFC 7986 §5.11) that calendar apps show as "join". */
  conference?: string;
  stamp: number;
  /** One week of a series (src/mail/series-ics.ts): its RECURRENCE-ID line, "RECURRENCE-ID;TZID=…:…". */
  recurrenceIdLine?: string;
}

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line to 75 octets, continuing lines with a single space (§3.1), never splitting a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/** What an event says besides its times: summary, organizer, attendee, place, description, links (single sessions and series alike). */
export type EventDetails = Pick<
  CalendarEvent,
  'summary' | 'organizerName' | 'organizerEmail' | 'attendeeEmail' | 'location' | 'description' | 'url' | 'conference'
>;

export function eventDetails(e: EventDetails): string[] {
  const lines = [`SUMMARY:${escapeText(e.summary)}`, `ORGANIZER;CN=${quoteParam(e.organizerName)}:mailto:${e.organizerEmail}`];
  if (e.attendeeEmail) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${e.attendeeEmail}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.conference) lines.push(`CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=Join the session:${e.conference}`);
  return lines;
}

export function calendarEvent(...events: CalendarEvent[]): string {
  return calendar(events, []);
}

/** A subscribed calendar: its events under a name calendar apps show (RFC 7986 NAME, and X-WR-CALNAME for older apps). */
export function namedCalendar(name: string, events: readonly CalendarEvent[]): string {
  return calendar(events, [`NAME:${escapeText(name)}`, `X-WR-CALNAME:${escapeText(name)}`]);
}

function calendar(events: readonly CalendarEvent[], properties: readonly string[]): string {
  const method = events[0]?.method ?? 'PUBLISH';
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Closer//Booking//EN', 'CALSCALE:GREGORIAN', `METHOD:${method}`, ...properties];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utc(e.stamp)}`,
      ...(e.recurrenceIdLine ? [e.recurrenceIdLine] : []),
      `DTSTART:${utc(e.start)}`,
      `DTEND:${utc(e.end)}`,
      `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
      ...eventDetails(e),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
