// Random input to every staff form and query, as a therapist and as an admin: never a 5xx.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROUTE_ACCESS } from '../../src/web/route-access.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { enrolAdmin, makeStaff, staffSession, withCookie } from '../support/staff.ts';

const FIELDS = [
  'email',
  'password',
  'confirm',
  'current',
  'code',
  'message',
  'save',
  'add',
  'date',
  'kind',
  'start-weekly-day-1',
  'end-weekly-day-1',
  'start-date-ranges',
  'end-date-ranges',
  'bio',
  'approach',
  'concerns',
  'languages',
  'formats',
  'fee',
  'therapistId',
  'name',
  'gender',
  'pronouns',
  'to',
  'durationMinutes',
  'price',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minNoticeHours',
  'bookingWindowDays',
  'slotIntervalMinutes',
  'active',
  'phone',
  'address',
  'timeZone',
  'openingHours',
  'help-name',
  'help-number',
  'help-detail',
  'help-kind',
  'lateCancellationHours',
  'reminderHours',
  'guideReviewedBy',
  'guideReviewedOn',
  'profileApproval',
  'userId',
  'status',
];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '1',
    'yes',
    'new',
    'hours',
    'off',
    '09:00',
    '24:00',
    '2027-03-05',
    'en',
    'online',
    'trust-issues',
    'constructor',
    '__proto__',
    'x'.repeat(5000),
  ),
  fc.integer().map(String),
);
const body = fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 12 });

describe('staff forms take random input without a 5xx', () => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let cookies: string[] = [];
  let params: Record<string, string> = {};

  const t = useTestApp('sqlite', { clock });
  beforeAll(async () => {
    const ids = await demoIds(t);
    const amara = ids.therapist('amara-okafor');
    const a = await makeStaff(t, { email: 'a@staff.example', therapistId: amara });
    const admin = await enrolAdmin(t);
    const booking = (await (await t.json('/api/v1/bookings', bookingBody(amara, ids.service('couples-counselling'), '2027-03-03T10:00:00Z'))).json()) as {
      booking: { id: string };
    };
    cookies = [await staffSession(t, a, { userAgent: 'fuzz' }), await staffSession(t, admin, { userAgent: 'fuzz' })];
    params = { ':id': booking.booking.id, ':token': 'x'.repeat(43), ':file': 'y.ics' };
  });

  const paths = () =>
    Object.keys(ROUTE_ACCESS)
      .filter((k) => k.includes(' /staff') && !k.includes('sign-out') && !k.includes('/logout') && !k.includes('deactivate'))
      .map((k) => {
        const [method, path] = k.split(' ') as [string, string];
        return { method, path: path.replace(/:(id|token|file)/g, (m) => params[m] ?? m) };
      });

  test('POST bodies', async () => {
    const seen = new Set<number>();
    const posts = paths().filter((p) => p.method === 'POST');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.constantFrom(0, 1), body, async (route, who, fields) => {
        const form = new URLSearchParams();
        for (const [k, v] of fields) form.append(k, v);
        const res = await t.request(
          route.path,
          withCookie(cookies[who], {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:3000' },
            body: form.toString(),
          }),
        );
        expect(res.status, `${route.path} ${form}`).toBeLessThan(500);
        seen.add(res.status);
      }),
      { numRuns: 300 },
    );
    // The forms were reached (not just bounced to sign-in): refusals of bad input are among the answers.
    expect(seen).toContain(422);
  }, 300_000);

  test('query strings', async () => {
    const gets = paths().filter((p) => p.method === 'GET');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...gets),
        fc.constantFrom(0, 1),
        fc.dictionary(fc.constantFrom('from', 'view', 'service', 'actor', 'action', 'to', 'show', 'done'), value),
        async (route, who, query) => {
          const res = await t.request(`${route.path}?${new URLSearchParams(query)}`, withCookie(cookies[who]));
          expect(res.status, `${route.path} ${JSON.stringify(query)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  }, 300_000);
});
