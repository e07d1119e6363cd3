// Migration 015 on both databases: one fee per therapist becomes a fee per paid service they offer, where it
// differs from the service's price, so nobody's price changes; the lowest fee follows.
import { describe, expect, test } from 'vitest';
import { carryOver } from '../../src/db/migrations/015-service-fees.ts';
import { useTestApp } from '../support/app.ts';
import { demoIds } from '../support/booking.ts';
import { DIALECTS } from '../support/databases.ts';

describe.each(DIALECTS)('migration 015 on %s', (dialect) => {
  const t = useTestApp(dialect);

  test('each therapist’s one fee is carried over to the paid services they offer; free ones stay free, the same as the price follows the price', async () => {
    const db = t.deps.database.db;
    const ids = await demoIds(t);
    const marta = ids.therapist('marta-kowalska');
    const amara = ids.therapist('amara-okafor');
    // As before the migration: no fee per service, one per therapist.
    await db.updateTable('therapist_services').set({ fee_minor: null }).execute();
    await db.updateTable('therapists').set({ fee_minor: 8000 }).where('id', '=', marta).execute();
    await db.updateTable('therapists').set({ fee_minor: 9500 }).where('id', '=', amara).execute();
    await carryOver(db);
    const fees = async (id: string) =>
      Object.fromEntries(
        (await db.selectFrom('therapist_services').select(['service_id', 'fee_minor']).where('therapist_id', '=', id).execute()).map((r) => [
          r.service_id,
          r.fee_minor === null ? null : Number(r.fee_minor),
        ]),
      );
    expect(await fees(marta)).toEqual({
      [ids.service('initial-consultation')]: null,
      [ids.service('psychosexual-therapy')]: 8000,
      [ids.service('individual-therapy')]: 8000,
    });
    // Amara's £95 is couples counselling's price: it follows the price from now on; individual therapy (£75) keeps £95.
    expect(await fees(amara)).toEqual({
      [ids.service('initial-consultation')]: null,
      [ids.service('couples-counselling')]: null,
      [ids.service('individual-therapy')]: 9500,
    });
    const lowest = await db.selectFrom('therapists').select(['id', 'fee_minor']).where('id', 'in', [marta, amara]).execute();
    expect(Object.fromEntries(lowest.map((r) => [r.id, Number(r.fee_minor)]))).toEqual({ [marta]: 8000, [amara]: 9500 });
  });
});
