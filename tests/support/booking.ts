// Helpers for booking tests: a settable clock and the ids of demo therapists and services.
import { sql } from 'kysely';
import { beforeAll, beforeEach } from 'vitest';
import type { Dialect } from '../../src/db/database.ts';
import { type TestApp, type TestAppOptions, useTestApp } from './app.ts';

export function fixedClock(iso: string) {
  const clock = {
    t: Date.parse(iso),
    now: () => clock.t,
    set(next: string) {
      clock.t = Date.parse(next);
    },
  };
  return clock;
}

export async function demoIds(t: TestApp) {
  const { services } = (await (await t.request('/api/v1/services')).json()) as { services: { id: string; slug: string }[] };
  const { therapists } = (await (await t.request('/api/v1/therapists')).json()) as { therapists: { id: string; slug: string; services: string[] }[] };
  const service = (slug: string) => services.find((s) => s.slug === slug)!.id;
  const therapist = (slug: string) => therapists.find((x) => x.slug === slug)!.id;
  // How visitors' URLs name each service (its reference, which the API never gives).
  const refs = new Map((await t.deps.repos.services.listAll()).map((s) => [s.slug, s.ref!]));
  const ref = (slug: string) => refs.get(slug)!;
  return { service, ref, therapist, therapists, services };
}

export type DemoIds = Awaited<ReturnType<typeof demoIds>>;

/**
 * A booking test file's set-up: the demo practice on a clock standing at Monday 1 March 2027 08:00 UTC, the
 * demo's ids once it has started, and the booking rate limits emptied before each test (the clock stands
 * still, so one window would otherwise span the file).
 */
export function useBookingApp(dialect: Dialect, options: Omit<TestAppOptions, 'clock'> = {}) {
  const clock = fixedClock('2027-03-01T08:00:00Z');
  const t = useTestApp(dialect, { ...options, clock });
  const ids = {} as DemoIds;
  beforeAll(async () => {
    Object.assign(ids, await demoIds(t));
  });
  beforeEach(async () => {
    await t.deps.database.db.deleteFrom('rate_limits').execute();
  });
  return { t, clock, ids };
}

export function bookingBody(therapistId: string, serviceId: string, start: string, extra: Record<string, unknown> = {}) {
  return {
    therapistId,
    serviceId,
    start,
    client: { name: 'Alex Example', email: 'alex@example.com', phone: '07700 900 982' },
    notes: 'We keep arguing about my mother and I feel unheard',
    consent: true,
    timeZone: 'Europe/London',
    ...extra,
  };
}

/** How many rows a table has: to show a refusal wrote nothing. */
export async function countRows(t: TestApp, table: 'bookings' | 'waitlist' | 'outbox' | 'audit_log'): Promise<number> {
  const row = await t.deps.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs `run` while every insert into the audit log fails, as a database failing part-way through a booking would. */
export async function withAuditLogBroken<T>(t: TestApp, run: () => Promise<T>): Promise<T> {
  const repair = await breakAuditLog(t);
  try {
    return await run();
  } finally {
    await repair();
  }
}

/** Makes every insert into the audit log fail; returns the repair. */
async function breakAuditLog(t: TestApp): Promise<() => Promise<void>> {
  const { db, dialect } = t.deps.database;
  if (dialect === 'postgres') {
    await sql`create or replace function closer_test_fail() returns trigger language plpgsql as $$ begin raise exception 'simulated storage failure'; end $$`.execute(
      db,
    );
    await sql`create trigger closer_test_fail before insert on audit_log for each row execute function closer_test_fail()`.execute(db);
    return async () => {
      await sql`drop trigger closer_test_fail on audit_log`.execute(db);
      await sql`drop function closer_test_fail()`.execute(db);
    };
  }
  await sql`create trigger closer_test_fail before insert on audit_log begin select raise(abort, 'simulated storage failure'); end`.execute(db);
  return async () => {
    await sql`drop trigger closer_test_fail`.execute(db);
  };
}
