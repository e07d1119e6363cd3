// A national directory can ask about more therapists at once than either database takes parameters in
// one statement (SQLite 32,766, PostgreSQL 65,535): the lists are split, and the answers are the same.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inBatches } from '../../src/db/batches.ts';
import { availabilityRepository } from '../../src/db/repositories/availability.ts';
import { therapistRepository } from '../../src/db/repositories/therapists.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

test('inBatches runs one batch per slice, in order, and joins the results', async () => {
  const seen: number[] = [];
  const out = await inBatches(
    Array.from({ length: 25 }, (_, i) => String(i)),
    async (batch) => {
      seen.push(batch.length);
      return batch.map(Number);
    },
    10,
  );
  expect(seen).toEqual([10, 10, 5]);
  expect(out).toEqual(Array.from({ length: 25 }, (_, i) => i));
});

describe.each(DIALECTS)('more ids than one statement takes (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('availability for 70,000 ids: the real therapists among them, found', async () => {
    const { db } = t.deps.database;
    const real = (await therapistRepository(db).search({})).map((x) => x.id);
    const ids = [...Array.from({ length: 70_000 }, () => randomUUID()), ...real];
    const loaded = await availabilityRepository(db).load(ids, Date.now(), Date.now() + 7 * 86_400_000);
    expect([...loaded.keys()].sort()).toEqual([...real].sort());
    expect([...loaded.values()].every((a) => a.rules.weekly.length > 0)).toBe(true);
  });
});
