// A recurring invite read by two independent iCalendar parsers: ical.js (Mozilla's) and node-ical (its own
// parser, with rrule-temporal for the expansion). Each gives the instances' starts (epoch ms) in a range,
// EXDATE left out and RECURRENCE-ID overrides applied, so a test can ask both the same question.
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';

export interface Expanded {
  uid: string;
  sequence: number;
  rrule: string;
  starts: number[];
}

export function expandWithIcalJs(ics: string, from: number, to: number): Expanded {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevents = root.getAllSubcomponents('vevent');
  const master = vevents.find((v) => !v.hasProperty('recurrence-id'));
  if (!master) throw new Error('no master event');
  const event = new ICAL.Event(master, { strictExceptions: true, exceptions: vevents.filter((v) => v !== master) });
  const it = event.iterator();
  const starts: number[] = [];
  for (let next = it.next(); next; next = it.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate().getTime();
    if (details.recurrenceId.toJSDate().getTime() >= to) break;
    if (start >= from && start < to) starts.push(start);
  }
  return {
    uid: event.uid,
    sequence: Number(master.getFirstPropertyValue('sequence')),
    rrule: String(master.getFirstProperty('rrule')?.toICALString() ?? ''),
    starts: starts.sort((a, b) => a - b),
  };
}

export function expandWithNodeIcal(ics: string, from: number, to: number): Expanded {
  const parsed = nodeIcal.sync.parseICS(ics);
  const event = Object.values(parsed).find((c) => c?.type === 'VEVENT') as VEvent | undefined;
  if (!event?.rrule) throw new Error('no recurring event');
  const instances = nodeIcal.expandRecurringEvent(event, { from: new Date(from), to: new Date(to - 1) });
  return {
    uid: String(event.uid),
    sequence: Number(event.sequence),
    rrule: event.rrule.toString(),
    starts: instances.map((i) => new Date(i.start).getTime()).sort((a, b) => a - b),
  };
}
