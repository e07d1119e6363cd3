// Slot computation with ongoing sessions in place: 50 therapists, each holding 20 weekly series over eight
// weeks (about 8,000 held sessions), against the brute-force oracle (tests/support/slot-oracle.ts), measured in
// the same run; and the series' own work (occurrences and conflicts for 1,000 series) beside checking each
// occurrence alone with checkSlot. Times are printed, never asserted.
//   npm run bench:series            (add --quick to skip the slow oracle)
import { seriesConflicts, seriesStarts } from '../src/domain/series.ts';
import { type AvailabilityRules, type BusyInterval, checkSlot, computeSlots, type Slot, type SlotService } from '../src/domain/slots.ts';
import type { WeeklyHours } from '../src/domain/types.ts';
import { oracleSlots, scanForDates } from '../tests/support/slot-oracle.ts';
import { mulberry32 } from './random.ts';
import { measure } from './setup.ts';

const MIN = 60_000;
const quick = process.argv.includes('--quick');
const rand = mulberry32(20270328);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1)).padStart(9);

const service: SlotService = {
  id: 'couples-50',
  durationMinutes: 50,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  minNoticeMinutes: 24 * 60,
  bookingWindowDays: 180,
  slotIntervalMinutes: 60,
  maxPerDay: null,
};
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Europe/Berlin'];
function therapist(timeZone: string): AvailabilityRules {
  const weekly: WeeklyHours[] = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    const start = (8 + Math.floor(rand() * 2)) * 60;
    weekly.push({ weekday, start: hhmm(start), end: hhmm(start + 9 * 60) });
  }
  return { timeZone, weekly, overrides: [{ date: '2027-04-02', ranges: [] }] };
}

const now = Date.parse('2027-03-01T09:00:00Z');
const q8 = { from: '2027-03-15', to: '2027-05-09', viewerTimeZone: 'Europe/London', now };
// Each therapist: 20 weekly series of eight sessions, anchored on free hours of the week before, conflicts skipped.
let seriesWork = 0;
let checkWork = 0;
const team = Array.from({ length: 50 }, (_, i) => {
  const rules = therapist(ZONES[i % ZONES.length]!);
  const busy: BusyInterval[] = [];
  const week0 = computeSlots(rules, [], service, { from: '2027-03-08', to: '2027-03-14', viewerTimeZone: rules.timeZone, now });
  const free = week0.ok ? week0.value : [];
  const anchors: Slot[] = [];
  while (anchors.length < 20 && free.length > 0) anchors.push(free.splice(Math.floor(rand() * free.length), 1)[0]!);
  for (const a of anchors) {
    let t0 = performance.now();
    const starts = seriesStarts(
      { anchorStart: a.start, intervalWeeks: 1, count: 8, timeZone: rules.timeZone },
      { after: now, horizon: Number.POSITIVE_INFINITY },
    );
    const conflicts = new Set(seriesConflicts(rules, busy, service, starts, now).map((c) => c.start));
    seriesWork += performance.now() - t0;
    t0 = performance.now();
    for (const s of starts) checkSlot(rules, busy, { ...service, minNoticeMinutes: 0, bookingWindowDays: 3650 }, s, now);
    checkWork += performance.now() - t0;
    for (const s of starts) if (!conflicts.has(s)) busy.push({ start: s, end: s + 50 * MIN, bufferAfterMinutes: 10, serviceId: service.id });
  }
  return { rules, busy };
});
const held = team.reduce((n, t) => n + t.busy.length, 0);
console.log(
  `series: 1,000 series of 8 (occurrences + conflicts)   ${fmt(seriesWork)} ms   each week alone with checkSlot ${fmt(checkWork)} ms   ratio ${(seriesWork / checkWork).toFixed(2)}   held sessions ${held}`,
);

const fast = measure(20, () => team.map((t) => computeSlots(t.rules, t.busy, service, q8)));
const fastSlots = fast.result.map((r) => (r.ok ? r.value : []));
const total = fastSlots.reduce((n, s) => n + s.length, 0);
// No slot offered overlaps a held session (the series hold their hours).
const overlaps = team.reduce(
  (n, t, i) => n + fastSlots[i]!.filter((s) => t.busy.some((b) => s.start < b.end + 10 * MIN && b.start < s.end + 10 * MIN)).length,
  0,
);
if (quick) {
  console.log(
    `slots: 50 therapists x 8 weeks, ${held} held   fast ${fmt(fast.ms)} ms   (oracle skipped: --quick)   slots ${total}   offered over held hours ${overlaps}`,
  );
} else {
  const oracle = measure(
    1,
    () =>
      team.map((t) =>
        oracleSlots(t.rules, t.busy, service, { viewer: { from: q8.from, to: q8.to, timeZone: q8.viewerTimeZone }, now, ...scanForDates(q8.from, q8.to) }),
      ),
    false,
  );
  const same = fastSlots.every((s, i) => s.length === oracle.result[i]!.length && s.every((x, j) => x.start === oracle.result[i]![j]!.start));
  console.log(
    `slots: 50 therapists x 8 weeks, ${held} held   fast ${fmt(fast.ms)} ms   oracle ${fmt(oracle.ms)} ms   fast/oracle ${(fast.ms / oracle.ms).toExponential(2)}   slots ${total}   ${same ? 'same slots' : 'DIFFERENT SLOTS'}   offered over held hours ${overlaps}`,
  );
}
