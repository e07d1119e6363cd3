import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, useTestApp } from '../support/app.ts';
import { bookingBody, fixedClock } from '../support/booking.ts';

describe('random input never gets a 5xx', () => {
  let token = '';
  const t = useTestApp('sqlite', { clock: fixedClock('2027-03-01T08:00:00Z') });
  beforeAll(async () => {
    const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: { id: string; services: string[] }[] };
    const th = therapists[0]!;
    const res = await t.json('/api/v1/bookings', bookingBody(th.id, th.services[0]!, '2027-03-02T10:00:00Z'));
    token = ((await res.json()) as { manageUrl?: string }).manageUrl?.split('/manage/')[1] ?? 'none';
  });

  const json = fc.oneof(
    fc.jsonValue(),
    fc.record(
      { therapistId: fc.string(), serviceId: fc.string(), start: fc.string(), client: fc.anything(), consent: fc.anything(), notes: fc.anything() },
      { requiredKeys: [] },
    ),
  );

  test('JSON API bodies', async () => {
    const posts = ['/api/v1/bookings', '/api/v1/waitlist', '/api/v1/match', `/api/v1/manage/${token}/reschedule`];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), json, async (path, body) => {
        const res = await t.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
      }),
      { numRuns: 150 },
    );
  });

  test('malformed bodies and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.dictionary(fc.constantFrom('service', 'from', 'to', 'tz', 'concern', 'language', 'format', 'date', 'therapist', 'start'), fc.string()),
        async (raw, query) => {
          const q = new URLSearchParams(query).toString();
          for (const path of [`/api/v1/therapists?${q}`, `/api/v1/therapists/any/slots?${q}`, `/therapists?${q}`, `/book?${q}`]) {
            const res = await t.request(path);
            expect(res.status, path).toBeLessThan(500);
          }
          const post = await t.request('/api/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
          expect(post.status).toBeLessThan(500);
          const form = await t.form('/book', query);
          expect(form.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('fail closed', () => {
  test('when the database cannot answer, slots and bookings are a 503 (nothing booked), never a 201 or a 500', async () => {
    const t = await startTestApp('sqlite', { clock: fixedClock('2027-03-01T08:00:00Z') });
    const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: { id: string; services: string[] }[] };
    const th = therapists[0]!;
    await t.deps.database.close();
    const slots = await t.request(`/api/v1/therapists/${th.id}/slots?service=${th.services[0]}&from=2027-03-02&to=2027-03-03&tz=UTC`);
    expect(slots.status).toBe(503);
    const booking = await t.json('/api/v1/bookings', bookingBody(th.id, th.services[0]!, '2027-03-02T10:00:00Z'));
    expect(booking.status).toBe(503);
    expect(booking.headers.get('content-type')).toBe('application/problem+json');
    const problem = await booking.text();
    expect(JSON.parse(problem)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(problem).toContain('nothing has been booked');
    expect(problem).not.toMatch(/at .*\.ts:\d+/);
    const waitlist = await t.json('/api/v1/waitlist', {
      serviceId: th.services[0],
      name: 'F',
      email: 'f@example.com',
      timeZone: 'UTC',
      fromDate: '2027-03-02',
      toDate: '2027-03-09',
    });
    expect(waitlist.status).toBe(503);
    expect(waitlist.headers.get('content-type')).toBe('application/problem+json');
    // The form: even without the page shell, a page that says nothing was booked.
    const form = await t.form('/book', {
      service: th.services[0]!,
      therapist: th.id,
      tz: 'UTC',
      start: '2027-03-02T10:00:00.000Z',
      name: 'F',
      email: 'f@example.com',
      consent: 'yes',
    });
    expect(form.status).toBe(503);
    const page = await form.text();
    expect(page).toContain('nothing has been booked');
    expect(page).not.toMatch(/at .*\.ts:\d+/);
    expect((await t.request('/healthz')).status).toBe(503);
    await t.testDb.drop();
  });
});
