// Every statement on the bookings table. A booking is read with its therapist's and service's names in one
// joined query (the booking view); every change is a compare-and-swap on (status, sequence); the lock that
// serialises one therapist's bookings and the translation of the database's own refusals live here too.
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import type { BookingsTable, DB, PracticeSettingsTable, ServicesTable } from '../schema.ts';
import { ACTIVE_STATUSES } from './availability.ts';
import { bookingLists } from './booking-lists.ts';

export type BookingRow = BookingsTable;

/** A booking with what the views and e-mails say about it: its therapist and service. */
export interface BookingWithNames extends BookingRow {
  therapist_name: string;
  therapist_slug: string;
  therapist_email: string;
  therapist_time_zone: string;
  service_name: string;
  /** What the fee is worked out from (domain/fees.ts sessionFee): the therapist's own fee for the service, or null for the service's price. */
  therapist_service_fee_minor: number | null;
  therapist_currency: string;
  service_price_minor: number;
  service_currency: string;
  /** The service's relationships, JSON (whether it can be a joint session). */
  service_relationships: string;
  /** The therapist's own fixed video link, or null (migration 020). */
  therapist_video_url: string | null;
}

/** What a compare-and-swap compares: the booking as it was read. */
export type BookingVersion = Pick<BookingRow, 'id' | 'therapist_id' | 'status' | 'sequence'>;

/** What a change writes (the sequence and updated_at are the repository's). */
export type BookingPatch = Partial<
  Pick<
    BookingRow,
    | 'status'
    | 'therapist_id'
    | 'starts_at'
    | 'ends_at'
    | 'blocked_from'
    | 'blocked_until'
    | 'manage_expires_at'
    | 'reminder_sent_at'
    | 'cancelled_at'
    | 'cancelled_by'
    | 'client_name'
    | 'client_email'
    | 'client_email_hash'
    | 'client_phone'
    | 'notes'
    | 'manage_token_hash'
    | 'manage_token_sealed'
    | 'idempotency_key'
    | 'idempotency_fingerprint'
  >
>;

/** Every column of a table, as a checked list (a column missing from the record is a compile error). */
const columns = <T>(all: Record<keyof T, true>) => Object.keys(all) as (keyof T & string)[];
const SERVICE_COLUMNS = columns<ServicesTable>({
  id: true,
  slug: true,
  name: true,
  summary: true,
  duration_minutes: true,
  price_minor: true,
  currency: true,
  buffer_before_minutes: true,
  buffer_after_minutes: true,
  min_notice_minutes: true,
  booking_window_days: true,
  slot_interval_minutes: true,
  max_per_day: true,
  relationships: true,
  active: true,
  sort_order: true,
  public_ref: true,
});
const PRACTICE_COLUMNS = columns<Omit<PracticeSettingsTable, 'profile_approval_required' | 'notes_in_export'>>({
  id: true,
  name: true,
  phone: true,
  email: true,
  address: true,
  time_zone: true,
  opening_hours: true,
  urgent_help: true,
  late_cancellation_hours: true,
  reminder_hours: true,
  guide_reviewed_by: true,
  guide_reviewed_on: true,
  updated_at: true,
  logo: true,
});

/** A therapist as booking needs them: who, where their clock is, how they meet, whether they offer the service. */
export interface BookableTherapist {
  id: string;
  slug: string;
  name: string;
  email: string;
  time_zone: string;
  /** Their own fee for the service (null: the service's price). */
  service_fee_minor: number | null;
  currency: string;
  offers_online: number;
  offers_in_person: number;
  offers_service: boolean;
  /** Their own fixed video link, or null (migration 020). */
  video_url: string | null;
}

/** Everything a booking is checked against except the calendar, read in one statement. */
export interface BookingContext {
  service: ServicesTable | undefined;
  therapists: BookableTherapist[];
  practice: Omit<PracticeSettingsTable, 'profile_approval_required'>;
  /** Whether the client is on the waiting list for this service (booking takes them off). */
  waiting: boolean;
}

export type Refusal = 'overlap' | 'idempotency' | 'other';

/** What a constraint violation on bookings means, on either database. */
export function classifyRefusal(error: unknown): Refusal | undefined {
  const e = error as { code?: string; constraint?: string; message?: string };
  const message = String(e.message ?? '');
  if (e.code === '23P01') return 'overlap';
  if (e.code === '23505') return e.constraint?.includes('idempotency') ? 'idempotency' : 'overlap';
  if (/UNIQUE constraint failed: bookings\.idempotency_key/.test(message)) return 'idempotency';
  if (/UNIQUE constraint failed: bookings\.therapist_id, bookings\.starts_at/.test(message)) return 'overlap';
  if (/constraint failed/i.test(message)) return 'other';
  return undefined;
}

const pick = (row: Record<string, unknown>, prefix: string, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, row[`${prefix}${n}`]]));

/** The booking view: the booking, its therapist and its service, joined. */
export const bookingsWithNames = (db: Kysely<DB>) =>
  db
    .selectFrom('bookings as b')
    .innerJoin('therapists as t', 't.id', 'b.therapist_id')
    .innerJoin('services as s', 's.id', 'b.service_id')
    .leftJoin('therapist_services as ts', (j) => j.onRef('ts.therapist_id', '=', 'b.therapist_id').onRef('ts.service_id', '=', 'b.service_id'))
    .selectAll('b')
    .select([
      't.name as therapist_name',
      't.slug as therapist_slug',
      't.video_url as therapist_video_url',
      't.email as therapist_email',
      't.time_zone as therapist_time_zone',
      's.name as service_name',
      'ts.fee_minor as therapist_service_fee_minor',
      't.currency as therapist_currency',
      's.price_minor as service_price_minor',
      's.currency as service_currency',
      's.relationships as service_relationships',
    ]);

export function bookingRepository(db: Kysely<DB>) {
  const withNames = () => bookingsWithNames(db);

  return {
    /**
     * Takes every named therapist's booking lock for the rest of the transaction. On PostgreSQL: advisory
     * transaction locks in a fixed order, so two transactions never wait on each other. On SQLite the
     * transaction began IMMEDIATE and already holds the database's write lock.
     */
    async lockTherapists(dialect: Dialect, therapistIds: readonly string[]): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const id of [...new Set(therapistIds)].sort()) await sql`select pg_advisory_xact_lock(727002, hashtext(${id}))`.execute(db);
    },

    /**
     * The service, the therapists (active ones only), the practice's settings and whether the client is
     * waiting for this service: one statement, read under the lock by the booking transaction. The
     * therapists are those named, or ('offering') every active therapist who offers the service.
     */
    async context(serviceId: string, therapistIds: readonly string[] | 'offering', clientEmailHash: string): Promise<BookingContext> {
      const ids = therapistIds === 'offering' ? undefined : therapistIds.length > 0 ? [...therapistIds] : [''];
      const rows = await db
        .selectFrom('practice_settings as p')
        .leftJoin('services as s', (j) => j.on('s.id', '=', serviceId))
        .leftJoin('therapists as t', (j) =>
          (ids
            ? j.on('t.id', 'in', ids)
            : j.on(({ exists, selectFrom }) =>
                exists(
                  selectFrom('therapist_services as o').select('o.therapist_id').whereRef('o.therapist_id', '=', 't.id').where('o.service_id', '=', serviceId),
                ),
              )
          ).on('t.active', '=', 1),
        )
        .select(PRACTICE_COLUMNS.map((c) => sql.ref(`p.${c}`).as(`p_${c}`)))
        .select(SERVICE_COLUMNS.map((c) => sql.ref(`s.${c}`).as(`s_${c}`)))
        .select([
          't.id as t_id',
          't.slug as t_slug',
          't.name as t_name',
          't.email as t_email',
          't.time_zone as t_time_zone',
          't.currency as t_currency',
          't.offers_online as t_offers_online',
          't.offers_in_person as t_offers_in_person',
          't.video_url as t_video_url',
        ])
        .select(({ exists, selectFrom }) => [
          exists(
            selectFrom('therapist_services as x').select('x.therapist_id').whereRef('x.therapist_id', '=', 't.id').where('x.service_id', '=', serviceId),
          ).as('t_offers_service'),
          selectFrom('therapist_services as y')
            .select('y.fee_minor')
            .whereRef('y.therapist_id', '=', 't.id')
            .where('y.service_id', '=', serviceId)
            .as('t_service_fee_minor'),
          exists(
            selectFrom('waitlist as w')
              .select('w.id')
              .where('w.client_email_hash', '=', clientEmailHash)
              .where('w.service_id', '=', serviceId)
              .where('w.status', '=', 'waiting'),
          ).as('waiting'),
        ])
        .where('p.id', '=', 1)
        .execute();
      const first = rows[0] as Record<string, unknown> | undefined;
      if (!first) throw new Error('practice settings are missing');
      return {
        practice: pick(first, 'p_', PRACTICE_COLUMNS) as BookingContext['practice'],
        service: first.s_id == null ? undefined : (pick(first, 's_', SERVICE_COLUMNS) as unknown as ServicesTable),
        therapists: rows
          .filter((r) => r.t_id !== null)
          .map((r) => ({
            id: r.t_id!,
            slug: r.t_slug!,
            name: r.t_name!,
            email: r.t_email ?? '',
            time_zone: r.t_time_zone!,
            service_fee_minor: r.t_service_fee_minor == null ? null : Number(r.t_service_fee_minor),
            currency: r.t_currency!,
            offers_online: Number(r.t_offers_online),
            offers_in_person: Number(r.t_offers_in_person),
            offers_service: Boolean(Number(r.t_offers_service)),
            video_url: r.t_video_url ?? null,
          })),
        waiting: Boolean(Number(first.waiting)),
      };
    },

    async insert(row: BookingRow): Promise<void> {
      await db.insertInto('bookings').values(row).execute();
    },

    /** A booking, with names, by id; with `therapistId`, only when it is that therapist's. */
    findById(id: string, therapistId?: string): Promise<BookingWithNames | undefined> {
      return withNames()
        .where('b.id', '=', id)
        .$if(therapistId !== undefined, (q) => q.where('b.therapist_id', '=', therapistId!))
        .executeTakeFirst();
    },

    /** The booking a manage link (by its hash) points at, while the link lasts. */
    findByManageToken(tokenHash: string, now: number): Promise<BookingWithNames | undefined> {
      return withNames().where('b.manage_token_hash', '=', tokenHash).where('b.manage_expires_at', '>', now).executeTakeFirst();
    },

    /** References (never client data) for booking ids, as the audit log names them. */
    async referencesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('bookings')
        .select(['id', 'reference'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.reference]));
    },

    findByIdempotencyKey(key: string): Promise<BookingWithNames | undefined> {
      return withNames().where('b.idempotency_key', '=', key).executeTakeFirst();
    },

    /** A booking's therapist; with `therapistId`, found only when it is that therapist's. */
    async ownerOf(id: string, therapistId?: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('bookings')
        .select('therapist_id')
        .where('id', '=', id)
        .$if(therapistId !== undefined, (q) => q.where('therapist_id', '=', therapistId!))
        .executeTakeFirst();
      return row?.therapist_id;
    },

    /** Active bookings per therapist starting in [from, to): "any available therapist" gives the time to the lightest week. */
    async activeCounts(therapistIds: readonly string[], from: number, to: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('bookings')
        .select(['therapist_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('therapist_id', 'in', therapistIds.length ? [...therapistIds] : [''])
        .where('status', 'in', ACTIVE_STATUSES)
        .where('starts_at', '>=', from)
        .where('starts_at', '<', to)
        .groupBy('therapist_id')
        .execute();
      return new Map(rows.map((r) => [r.therapist_id, Number(r.n)]));
    },

    /**
     * The one way a booking changes: compare-and-swap against the version read (therapist, status and
     * sequence), bumping the sequence. False when someone else changed it first.
     */
    async change(current: BookingVersion, patch: BookingPatch, now: number): Promise<boolean> {
      const changed = await db
        .updateTable('bookings')
        .set({ ...patch, sequence: current.sequence + 1, updated_at: now })
        .where('id', '=', current.id)
        .where('therapist_id', '=', current.therapist_id)
        .where('status', '=', current.status)
        .where('sequence', '=', current.sequence)
        .executeTakeFirst();
      return Number(changed.numUpdatedRows) === 1;
    },
    ...bookingLists(db),
  };
}

export type BookingRepository = ReturnType<typeof bookingRepository>;
