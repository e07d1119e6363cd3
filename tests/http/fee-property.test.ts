// Property, on both databases: whatever fees therapists set per service (or leave to the service's price)
// and whatever the service costs, a fee shown anywhere public is what booking charges. For a therapist and a
// service: their profile, step 2 of booking and the API say the fee a booking then charges; the "from"
// prices (the service's page, step 1 of booking) are the lowest of those fees; a directory card is the
// lowest of the therapist's own.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { refreshLowestFees } from '../../src/db/repositories/therapists.ts';
import { formatFee } from '../../src/domain/fees.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

type ApiTherapist = { id: string; slug: string; name: string; services: string[]; fees: { serviceId: string; feeMinor: number }[] };
type ApiService = { id: string; slug: string; name: string; priceMinor: number };

const PAID = ['couples-counselling', 'family-counselling', 'individual-therapy', 'psychosexual-therapy'] as const;
const money = (minor: number) => formatFee({ minor, currency: 'GBP' });
/** "£90" when every fee is the same, "From £60" when they differ (as the pages say it). */
const fromText = (fees: number[]) => {
  const lowest = Math.min(...fees);
  return fees.every((f) => f === lowest) ? money(lowest) : `From ${money(lowest)}`;
};
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(DIALECTS)('fees on %s', (dialect) => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { clock });
  let links: { therapist_id: string; service_id: string }[];
  let ids: Awaited<ReturnType<typeof demoIds>>;

  beforeAll(async () => {
    ids = await demoIds(t);
    links = await t.deps.database.db
      .selectFrom('therapist_services')
      .select(['therapist_id', 'service_id'])
      .orderBy('therapist_id')
      .orderBy('service_id')
      .execute();
  });

  test('property: a fee shown anywhere public equals what booking that service with that therapist charges', async () => {
    const db = t.deps.database.db;
    const ownFee = fc.option(
      fc.integer({ min: 40, max: 180 }).chain((pounds) => fc.constantFrom(pounds * 100, pounds * 100 + 50)),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(ownFee, { minLength: 64, maxLength: 64 }),
        fc.constantFrom(...PAID),
        fc.integer({ min: 50, max: 150 }),
        fc.nat(),
        async (fees, slug, price, pick) => {
          // The fees and the price, as the editor and the admin's service page would write them.
          for (const [i, l] of links.entries())
            await db
              .updateTable('therapist_services')
              .set({ fee_minor: fees[i % fees.length] ?? null })
              .where('therapist_id', '=', l.therapist_id)
              .where('service_id', '=', l.service_id)
              .execute();
          const serviceId = ids.service(slug);
          await db
            .updateTable('services')
            .set({ price_minor: price * 100 })
            .where('id', '=', serviceId)
            .execute();
          await refreshLowestFees(db);

          const services = ((await (await t.request('/api/v1/services')).json()) as { services: ApiService[] }).services;
          const service = services.find((s) => s.id === serviceId)!;
          const therapists = ((await (await t.request('/api/v1/therapists')).json()) as { therapists: ApiTherapist[] }).therapists;
          const offering = therapists.filter((x) => x.services.includes(serviceId));
          const feeOf = (x: ApiTherapist, id = serviceId) => x.fees.find((f) => f.serviceId === id)!.feeMinor;
          const chosen = offering[pick % offering.length]!;

          // What booking charges.
          const from = new Date(clock.t + 86_400_000).toISOString().slice(0, 10);
          const to = new Date(clock.t + 28 * 86_400_000).toISOString().slice(0, 10);
          const { slots } = (await (await t.request(`/api/v1/therapists/${chosen.id}/slots?service=${serviceId}&from=${from}&to=${to}&tz=UTC`)).json()) as {
            slots: { start: string }[];
          };
          const booked = await t.json('/api/v1/bookings', bookingBody(chosen.id, serviceId, slots[0]!.start));
          expect(booked.status).toBe(201);
          const charged = ((await booked.json()) as { booking: { feeMinor: number } }).booking.feeMinor;

          // The API, the profile and step 2 of booking say that fee.
          expect(feeOf(chosen)).toBe(charged);
          const profile = await (await t.request(`/therapists/${chosen.slug}`)).text();
          expect(profile).toMatch(new RegExp(`${literal(service.name)}</a> \\(50\\s+minutes, ${literal(money(charged))}\\)`));
          const step2 = await (await t.request(`/book?service=${serviceId}`)).text();
          expect(step2).toMatch(
            new RegExp(`${literal(chosen.name)} <span class="muted">[^<]*</span></h2><p class="choice-card__facts">[^<]*· ${literal(money(charged))}</p>`),
          );

          // The "from" prices: the lowest of what booking charges with each therapist offering it.
          const fromPrice = fromText(offering.map((x) => feeOf(x)));
          const page = await (await t.request(`/services/${slug}`)).text();
          expect(page).toContain(`<dt>Fee</dt><dd>${fromPrice} a session`);
          const step1 = await (await t.request('/book')).text();
          expect(step1).toContain(`${literal(service.name)}</a></h2><p class="choice-card__facts">50 minutes · ${fromPrice}</p>`);

          // The directory card: the lowest of the therapist's paid fees.
          const paid = chosen.fees.filter((f) => f.feeMinor > 0).map((f) => f.feeMinor);
          const directory = await (await t.request(`/therapists?service=${serviceId}`)).text();
          const card = directory.slice(directory.indexOf(`>${chosen.name}<`));
          expect(card.slice(0, card.indexOf(' a session') + 10)).toMatch(new RegExp(`${literal(fromText(paid))} a session$`));
        },
      ),
      { numRuns: 6 },
    );
  }, 180_000);
});
