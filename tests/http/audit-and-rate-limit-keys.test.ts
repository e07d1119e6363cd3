// Issue 15, L7 and L8: every booking audit row names the request that made it, and rate-limit keys are
// stored as keyed digests that cannot be reversed by hashing guesses.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { useTestApp } from '../support/app.ts';
import { bookingBody, demoIds, fixedClock } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('audit request ids and rate-limit keys on %s', (dialect) => {
  const t = useTestApp(dialect, { clock: fixedClock('2027-03-01T08:00:00Z') });

  const auditOf = async (action: string, target: string) =>
    t.deps.database.db.selectFrom('audit_log').select(['request_id']).where('action', '=', action).where('target', '=', target).executeTakeFirstOrThrow();

  test('booking, moving and cancelling through a manage link each write the request id of the request (L8)', async () => {
    const ids = await demoIds(t);
    const made = await t.json('/api/v1/bookings', bookingBody(ids.therapist('priya-shah'), ids.service('psychosexual-therapy'), '2027-03-03T10:00:00Z'));
    expect(made.status).toBe(201);
    const { booking, manageUrl } = (await made.json()) as { booking: { id: string }; manageUrl: string };
    expect((await auditOf('booking.create', booking.id)).request_id).toBe(made.headers.get('x-request-id'));
    const token = manageUrl.split('/manage/')[1]!;
    const moved = await t.json(`/api/v1/manage/${token}/reschedule`, { start: '2027-03-03T13:00:00Z' });
    expect(moved.status).toBe(200);
    expect((await auditOf('booking.reschedule', booking.id)).request_id).toBe(moved.headers.get('x-request-id'));
    const cancelled = await t.json(`/api/v1/manage/${token}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect((await auditOf('booking.cancel', booking.id)).request_id).toBe(cancelled.headers.get('x-request-id'));
  });

  test('a rate-limit key is stored as a keyed digest, not the plain SHA-256 of the key (L7)', async () => {
    const key = 'contact:203.0.113.9';
    await t.deps.repos.rateLimits.hit(key, 60_000, 5, t.deps.clock.now());
    const stored = (await t.deps.database.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    const guessed = createHash('sha256').update(key).digest('base64url');
    expect(stored).not.toContain(guessed);
    expect(stored).toContain(t.deps.encryptor.keyedDigest(key));
    // Keyed: another process's key gives another digest.
    expect(t.deps.encryptor.keyedDigest(key)).not.toBe(t.deps.encryptor.blindIndex(key));
  });
});
