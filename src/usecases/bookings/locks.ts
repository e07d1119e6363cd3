// The booking transaction: every named therapist's booking lock held until it commits (see
// bookingRepository.lockTherapists), so a check of their calendar and the write that follows cannot
// interleave with another booking, move or cancellation for them.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { bookingRepository } from '../../db/repositories/bookings.ts';
import type { DB } from '../../db/schema.ts';

export function withTherapistLocks<T>(database: Database, therapistIds: readonly string[], fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    await bookingRepository(trx).lockTherapists(database.dialect, therapistIds);
    return fn(trx);
  });
}
