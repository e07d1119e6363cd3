import type { Kysely } from 'kysely';
import type { Relationship, Service } from '../../domain/types.ts';
import type { DB, ServiceRow } from '../schema.ts';

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
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

export function serviceRepository(db: Kysely<DB>) {
  return {
    async listActive(): Promise<Service[]> {
      const rows = await db.selectFrom('services').selectAll().where('active', '=', 1).orderBy('sort_order').execute();
      return rows.map(toService);
    },
    async findById(id: string): Promise<Service | undefined> {
      const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toService(row) : undefined;
    },
    async findBySlug(slug: string): Promise<Service | undefined> {
      const row = await db.selectFrom('services').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toService(row) : undefined;
    },
  };
}
