import type { Kysely } from 'kysely';
import type { Relationship, Service } from '../../domain/types.ts';
import type { DB, ServiceRow } from '../schema.ts';

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    ref: row.public_ref,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    durationMinutes: row.duration_minutes,
    priceMinor: row.price_minor,
    currency: row.currency,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    bookingWindowDays: row.booking_window_days,
    slotIntervalMinutes: row.slot_interval_minutes,
    maxPerDay: row.max_per_day,
    relationships: JSON.parse(row.relationships) as Relationship[],
    active: row.active === 1,
  };
}

/** What an admin sets on a service. */
export interface ServiceSettings {
  durationMinutes: number;
  priceMinor: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  bookingWindowDays: number;
  slotIntervalMinutes: number;
  active: boolean;
}

export function serviceRepository(db: Kysely<DB>) {
  return {
    /** Every service, offered or not, in the practice's order. */
    async listAll(): Promise<Service[]> {
      const rows = await db.selectFrom('services').selectAll().orderBy('sort_order').execute();
      return rows.map(toService);
    },
    async listActive(): Promise<Service[]> {
      const rows = await db.selectFrom('services').selectAll().where('active', '=', 1).orderBy('sort_order').execute();
      return rows.map(toService);
    },
    async findById(id: string): Promise<Service | undefined> {
      const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toService(row) : undefined;
    },
    /** The service a visitor's URL names, by its reference or its id. */
    async findByIdOrRef(value: string): Promise<Service | undefined> {
      const row = await db
        .selectFrom('services')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', value), eb('public_ref', '=', value)]))
        .executeTakeFirst();
      return row ? toService(row) : undefined;
    },
    async findBySlug(slug: string): Promise<Service | undefined> {
      const row = await db.selectFrom('services').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toService(row) : undefined;
    },
    /** Changes a service's settings; false when there is no such service. */
    async update(id: string, s: ServiceSettings): Promise<boolean> {
      const r = await db
        .updateTable('services')
        .set({
          duration_minutes: s.durationMinutes,
          price_minor: s.priceMinor,
          buffer_before_minutes: s.bufferBeforeMinutes,
          buffer_after_minutes: s.bufferAfterMinutes,
          min_notice_minutes: s.minNoticeMinutes,
          booking_window_days: s.bookingWindowDays,
          slot_interval_minutes: s.slotIntervalMinutes,
          active: s.active ? 1 : 0,
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
