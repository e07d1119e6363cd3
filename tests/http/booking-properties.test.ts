import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';

describe('booking properties (SQLite, through the HTTP API)', () => {
  let ids: Awaited<ReturnType<typeof demoIds>>;
  // One trusted proxy hop: each attempt says which client it comes from, so the per-address booking
  // limit (a handful an hour) never stands in for the database's own refusals.
  const t = useTestApp('sqlite', { clock: fixedClock('2027-03-01T08:00:00Z'), env: { TRUST_PROXY_HOPS: '1' } });
  beforeAll(async () => {
    ids = await demoIds(t);
  });

  test('whatever is attempted, in whatever order and concurrency, accepted bookings never overlap (buffers included) and each was an offered slot', async () => {
    const therapists = ['amara-okafor', 'helen-carter'].map((s) => ids.therapist(s));
    const services = ['initial-consultation', 'couples-counselling', 'individual-therapy'].map((s) => ids.service(s));
    const attempt = fc.record({
      therapist: fc.constantFrom(...therapists),
      service: fc.constantFrom(...services),
      day: fc.integer({ min: 2, max: 4 }),
      minute: fc.integer({ min: 8 * 60, max: 17 * 60 }).map((m) => m - (m % 10)),
    });
    let accepted = 0;
    let client = 0;
    const nextAddress = () => {
      client++;
      return `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(attempt, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        await t.deps.database.db.deleteFrom('bookings').execute();
        // What was on offer before any booking: an accepted start must be one of these.
        const offered = new Map<string, Set<number>>();
        for (const th of therapists)
          for (const sv of services) {
            const res = await t.request(`/api/v1/therapists/${th}/slots?service=${sv}&from=2027-03-02&to=2027-03-04&tz=UTC`);
            const body = (await res.json()) as { slots?: { start: string }[] };
            offered.set(`${th}|${sv}`, new Set((body.slots ?? []).map((s) => Date.parse(s.start))));
          }
        for (const batch of batches) {
          await Promise.all(
            batch.map((a, i) => {
              const start = new Date(Date.UTC(2027, 2, a.day, 0, a.minute)).toISOString();
              return t.json('/api/v1/bookings', bookingBody(a.therapist, a.service, start, { client: { name: `P${i}`, email: `p${i}@example.com` } }), {
                headers: { 'x-forwarded-for': nextAddress() },
              });
            }),
          );
        }
        const rows = await t.deps.database.db.selectFrom('bookings').selectAll().where('status', '=', 'confirmed').execute();
        accepted += rows.length;
        for (const r of rows) expect(offered.get(`${r.therapist_id}|${r.service_id}`)?.has(r.starts_at)).toBe(true);
        for (const a of rows)
          for (const b of rows) {
            if (a.id === b.id || a.therapist_id !== b.therapist_id) continue;
            expect(a.blocked_until <= b.blocked_from || b.blocked_until <= a.blocked_from).toBe(true);
          }
      }),
      { numRuns: 12 },
    );
    // Not vacuous: the runs did accept bookings (and refused others).
    expect(accepted).toBeGreaterThan(5);
  }, 120_000);
});
