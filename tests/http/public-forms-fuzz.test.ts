// Random input to every public page and form outside the JSON API (which tests/http/fuzz.test.ts covers):
// the self-check, contact, matching, booking and manage forms. Never a 5xx, whatever arrives.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { intakeFieldOrder } from '../../src/domain/intake.ts';
import { STYLE_AXES } from '../../src/domain/matching.ts';
import { STATEMENT_IDS } from '../../src/domain/self-check.ts';
import { ROUTE_ACCESS } from '../../src/web/route-access.ts';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';

const FIELDS = [
  ...STATEMENT_IDS,
  // The intake before a first session (/manage/{token}/intake).
  ...intakeFieldOrder(true),
  ...Object.keys(STYLE_AXES),
  'about',
  'appointment',
  'budget',
  'concern',
  'concerns',
  'consent',
  'culture',
  'date',
  'description',
  'edit',
  'email',
  'fee',
  'format',
  'gender',
  'go',
  'hurt',
  'idempotencyKey',
  'ios',
  'language',
  'languages',
  'lgbtq',
  'message',
  'name',
  'note',
  'notes',
  'phone',
  'relationship',
  'risk',
  'safety',
  'safe-to-share',
  'service',
  'show',
  'soon',
  'start',
  'step',
  'therapist',
  'time',
  'times',
  'tz',
  'voicemail',
  'who',
  'website',
  'back',
  'page',
  'fromDate',
  'toDate',
  'exclude',
  'misfit',
];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    '0',
    '1',
    '5',
    '7',
    '99',
    'yes',
    'no',
    'on',
    'couple',
    'individual',
    'family',
    'friendship',
    'online',
    'in_person',
    'either',
    'trust-issues',
    'pl',
    'Europe/London',
    'Mars/Olympus',
    '2027-03-03',
    '2027-03-03T10:00:00Z',
    '2027-02-30',
    'constructor',
    '__proto__',
    'x'.repeat(6000),
    'rematch',
    'more',
    'fee',
    'availability',
  ),
  fc.integer().map(String),
);
const body = fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 14 });
const ORIGIN = 'http://127.0.0.1:3000';

describe('public pages and forms take random input without a 5xx', () => {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  let params: Record<string, string> = {};
  // A different address for each request, so the rate limits answer 429 only where a test means them to.
  let address = 0;
  const from = () => ({ 'x-forwarded-for': `198.51.100.${address++ % 250}` });

  const t = useTestApp('sqlite', { clock, env: { TRUST_PROXY_HOPS: '1' } });
  beforeAll(async () => {
    const ids = await demoIds(t);
    const booked = (await (
      await t.json('/api/v1/bookings', bookingBody(ids.therapist('amara-okafor'), ids.service('couples-counselling'), '2027-03-03T10:00:00Z'))
    ).json()) as { manageUrl: string };
    const token = new URL(booked.manageUrl).pathname.split('/')[2]!;
    expect((await t.request(`/manage/${token}`)).status).toBe(200);
    params = { ':token': token, ':slug': 'amara-okafor' };
  });

  const routes = (method: 'GET' | 'POST') =>
    Object.keys(ROUTE_ACCESS)
      .filter((k) => k.startsWith(`${method} /`) && !/^\w+ \/(api|staff|companion|assets|healthz)/.test(k))
      .map((k) => k.split(' ')[1]!.replace(/:(token|slug)/g, (m) => params[m] ?? m));

  test('POST bodies to every public form', async () => {
    const posts = routes('POST');
    expect(posts).toEqual(expect.arrayContaining(['/self-check', '/contact/message', '/contact/callback', '/match', '/book', '/book/waitlist']));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), body, async (path, fields) => {
        const form = new URLSearchParams();
        for (const [k, v] of fields) form.append(k, v);
        const res = await t.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...from() },
          body: form.toString(),
        });
        expect(res.status, `POST ${path} ${form}`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 300 },
    );
  });

  test('query strings on every public page', async () => {
    const gets = routes('GET');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets), body, async (path, fields) => {
        const query = new URLSearchParams();
        for (const [k, v] of fields) query.append(k, v.slice(0, 300));
        const res = await t.request(`${path}?${query}`, { headers: from() });
        expect(res.status, `GET ${path}?${query}`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 300 },
    );
  });
});
