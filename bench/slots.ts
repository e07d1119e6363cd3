// Slot computation against the brute-force oracle (tests/support/slot-oracle.ts), measured in the same run.
//   npx node bench/slots.ts            (Node 24; add --quick to skip the slow oracle in (b))
// Prints median milliseconds and the ratio fast/oracle (the oracle in (b) runs once: it takes ~25 s).
// Checks that both give the same slots. Times are printed, never asserted.

import { type AvailabilityRules, type BusyInterval, computeSlots, nextFreeSlots, type Slot, type SlotService } from '../src/domain/slots.ts';
import type { WeeklyHours } from '../src/domain/types.ts';
import { oracleSlots, scanForDates } from '../tests/support/slot-oracle.ts';
import { mulberry32 } from './random.ts';
import { measure } from './setup.ts';

const MIN = 60_000;
const quick = process.argv.includes('--quick');

const rand = mulberry32(20270328);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const service: SlotService = {
  id: 'couples-50',
  durationMinutes: 50,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 24 * 60,
  bookingWindowDays: 180,
  slotIntervalMinutes: 15,
  maxPerDay: 6,
};
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/Berlin', 'America/Los_Angeles'];

function therapist(timeZone: string): AvailabilityRules {
  const weekly: WeeklyHours[] = [];
  for (let weekday = 1; weekday <= 6; weekday++) {
    if (weekday === 6 && rand() < 0.5) continue;
    const start = (8 + Math.floor(rand() * 3)) * 60;
    weekly.push({ weekday, start: hhmm(start), end: hhmm(start + 4 * 60) });
    weekly.push({ weekday, start: hhmm(start + 5 * 60), end: hhmm(start + 9 * 60) });
  }
  return {
    timeZone,
    weekly,
    overrides: [
      { date: '2027-04-02', ranges: [] },
      { date: '2027-04-10', ranges: [{ start: '12:00', end: '16:00' }] },
    ],
  };
}
function bookings(count: number, from: number, days: number): BusyInterval[] {
  return Array.from({ length: count }, () => {
    const start = from + Math.floor(rand() * days * 96) * 15 * MIN;
    const minutes = pick([50, 50, 50, 90, 20]);
    return { start, end: start + minutes * MIN, bufferBeforeMinutes: 10, bufferAfterMinutes: 10, serviceId: pick([service.id, service.id, 'other']) };
  });
}
const same = (a: Slot[], b: Slot[]) => a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end);
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)).padStart(9);
function report(label: string, fast: number, baseline: number, baselineName: string, slots: number, agree: boolean) {
  console.log(
    `${label.padEnd(48)} fast ${fmt(fast)} ms   ${baselineName} ${fmt(baseline)} ms   fast/${baselineName} ${(fast / baseline).toExponential(2)}   slots ${slots}   ${agree ? 'same slots' : 'DIFFERENT SLOTS'}`,
  );
}

const now = Date.parse('2027-03-01T09:00:00Z');

// (a) one therapist, three weeks (across the US and UK DST changes), seen from New York.
{
  const rules = therapist('Europe/London');
  const busy = bookings(40, Date.parse('2027-03-14T00:00:00Z'), 24);
  const q = { from: '2027-03-15', to: '2027-04-04', viewerTimeZone: 'America/New_York', now };
  const fast = measure(200, () => computeSlots(rules, busy, service, q));
  const oracle = measure(3, () =>
    oracleSlots(rules, busy, service, { viewer: { from: q.from, to: q.to, timeZone: q.viewerTimeZone }, now, ...scanForDates(q.from, q.to) }),
  );
  const slots = fast.result.ok ? fast.result.value : [];
  report('(a) 1 therapist x 3 weeks, 40 bookings', fast.ms, oracle.ms, 'oracle', slots.length, same(slots, oracle.result));
}

// (b) 50 therapists, eight weeks, 2,000 bookings between them.
const team = Array.from({ length: 50 }, (_, i) => ({ rules: therapist(ZONES[i % ZONES.length]!), busy: [] as BusyInterval[] }));
for (const b of bookings(2000, Date.parse('2027-03-14T00:00:00Z'), 60)) team[Math.floor(rand() * team.length)]!.busy.push(b);
const q8 = { from: '2027-03-15', to: '2027-05-09', viewerTimeZone: 'Europe/London', now };
{
  const fast = measure(30, () => team.map((t) => computeSlots(t.rules, t.busy, service, q8)));
  const fastSlots = fast.result.map((r) => (r.ok ? r.value : []));
  const total = fastSlots.reduce((n, s) => n + s.length, 0);
  if (quick) {
    console.log(`(b) 50 therapists x 8 weeks, 2,000 bookings       fast ${fmt(fast.ms)} ms   (oracle skipped: --quick)   slots ${total}`);
  } else {
    const oracle = measure(
      1,
      () =>
        team.map((t) =>
          oracleSlots(t.rules, t.busy, service, { viewer: { from: q8.from, to: q8.to, timeZone: q8.viewerTimeZone }, now, ...scanForDates(q8.from, q8.to) }),
        ),
      false,
    ); // one run: ~25 s
    report(
      '(b) 50 therapists x 8 weeks, 2,000 bookings',
      fast.ms,
      oracle.ms,
      'oracle',
      total,
      fastSlots.every((s, i) => same(s, oracle.result[i]!)),
    );
  }
}

// (c) "next free time" for a directory page of 50: nextFreeSlots(…, 3) against computeSlots over the window.
{
  const fast = measure(30, () => team.map((t) => nextFreeSlots(t.rules, t.busy, service, now, 3)));
  const whole = { from: '2027-02-27', to: '2027-09-01', viewerTimeZone: 'UTC', now };
  const full = measure(10, () => team.map((t) => computeSlots(t.rules, t.busy, service, whole)));
  const a = fast.result.map((r) => (r.ok ? r.value : []));
  const b = full.result.map((r) => (r.ok ? r.value.slice(0, 3) : []));
  report(
    '(c) next 3 free slots x 50 therapists',
    fast.ms,
    full.ms,
    'window',
    a.reduce((n, s) => n + s.length, 0),
    a.every((s, i) => same(s, b[i]!)),
  );
}
