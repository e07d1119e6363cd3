import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Each therapist's own fee for each service they offer (null: the service's price). Until now one fee per
 * therapist stood for every paid service; it is carried over to each paid service they offer where it
 * differs from the service's price (where it is the same, the fee follows the service's price from now on),
 * so nobody's price changes with the migration. `therapists.fee_minor` stays, as the lowest of their paid fees (what
 * matching's budget and the directory's fee filter compare), kept in step by the therapist repository.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('therapist_services').addColumn('fee_minor', 'integer').execute();
  await carryOver(db);
}

/** The one fee per therapist, as a fee per paid service where it differs from the service's price. */
export async function carryOver(db: Kysely<any>): Promise<void> {
  await sql`
    update therapist_services set fee_minor = (select t.fee_minor from therapists t where t.id = therapist_services.therapist_id)
    where (select t.fee_minor from therapists t where t.id = therapist_services.therapist_id) > 0
      and (select s.price_minor from services s where s.id = therapist_services.service_id) > 0
      and (select s.price_minor from services s where s.id = therapist_services.service_id)
        <> (select t.fee_minor from therapists t where t.id = therapist_services.therapist_id)`.execute(db);
  await sql`
    update therapists set fee_minor = coalesce((
      select min(coalesce(x.fee_minor, s.price_minor)) from therapist_services x join services s on s.id = x.service_id
      where x.therapist_id = therapists.id and s.active = 1 and s.price_minor > 0), 0)`.execute(db);
}
