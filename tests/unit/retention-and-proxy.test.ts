import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enforceRetention, SENT_MAIL_RETENTION_DAYS } from '../../src/jobs/retention.ts';
import { enqueueMail } from '../../src/mail/outbox.ts';
import { forwardedClient } from '../../src/web/client-address.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fixedClock } from '../support/booking.ts';

describe('the client address behind proxies', () => {
  test('with no trusted hops the header is ignored; with n hops the entry before the proxies is the client', () => {
    expect(forwardedClient(['1.1.1.1', '2.2.2.2'], 0)).toBeUndefined();
    expect(forwardedClient(['spoofed', '203.0.113.9'], 1)).toBe('203.0.113.9');
    expect(forwardedClient(['spoofed', '203.0.113.9', '10.0.0.2'], 2)).toBe('203.0.113.9');
    expect(forwardedClient([], 1)).toBeUndefined();
  });
});

describe('retention', () => {
  let t: TestApp;
  const clock = fixedClock('2027-06-01T08:00:00Z');
  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('old sent mail, old rate-limit windows and expired sessions go; recent and unsent mail stay', async () => {
    const { db } = t.deps.database;
    const day = 86_400_000;
    const now = clock.now();
    const old = await enqueueMail(db, { kind: 'test', to: 'a@example.com', subject: 's', text: 't' }, now - 40 * day, t.deps.encryptor);
    const recent = await enqueueMail(db, { kind: 'test', to: 'b@example.com', subject: 's', text: 't' }, now - day, t.deps.encryptor);
    const unsent = await enqueueMail(db, { kind: 'test', to: 'c@example.com', subject: 's', text: 't' }, now - 90 * day, t.deps.encryptor);
    await db.updateTable('outbox').set({ status: 'sent', sent_at: now - (SENT_MAIL_RETENTION_DAYS + 1) * day }).where('id', '=', old).execute();
    await db.updateTable('outbox').set({ status: 'sent', sent_at: now - day }).where('id', '=', recent).execute();
    await db.insertInto('rate_limits').values([{ key: 'old', window_start: now - 2 * 3_600_000, count: 3 }, { key: 'new', window_start: now - 60_000, count: 1 }]).execute();
    const removed = await enforceRetention(t.deps);
    expect(removed.sentMail).toBe(1);
    expect(removed.rateLimitWindows).toBe(1);
    const left = (await db.selectFrom('outbox').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([recent, unsent].sort());
    expect((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['new']);
  });
});
