// The practice's settings and services, as an admin edits them. Every change is an audit row.
import type { PracticeSettings, PracticeSettingsInput } from '../../db/repositories/practice.ts';
import { type ServiceSettings, serviceRepository } from '../../db/repositories/services.ts';
import { writeAudit } from '../../db/repositories/staff-audit.ts';
import { refreshLowestFees, therapistRepository } from '../../db/repositories/therapists.ts';
import { fail, type Outcome, ok } from '../../domain/errors.ts';
import type { Service } from '../../domain/types.ts';
import { changedValues } from '../audit.ts';
import type { AuditContext, StaffDeps } from './context.ts';

export type { PracticeSettingsInput, ServiceSettings };

/** Every service, offered or not, in the practice's order. */
export async function allServices(deps: StaffDeps): Promise<Service[]> {
  return serviceRepository(deps.database.db).listAll();
}

export async function serviceById(deps: StaffDeps, serviceId: string): Promise<Service | undefined> {
  return serviceRepository(deps.database.db).findById(serviceId);
}

const SERVICE_FIELDS = [
  'priceMinor',
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minNoticeMinutes',
  'bookingWindowDays',
  'slotIntervalMinutes',
  'active',
] as const;
/** The practice's settings as its form has them, in order (the form's error summary follows it too). */
export const SETTINGS_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'timeZone',
  'openingHours',
  'urgentHelp',
  'lateCancellationHours',
  'reminderHours',
  'guideReviewedBy',
  'guideReviewedOn',
] as const;

/**
 * Saves a service. A new price is what booking charges from now on with every therapist who has no fee of
 * their own for it (domain/fees.ts); their lowest fees (matching's budget) follow. Answers the price before.
 */
export async function updateService(
  deps: StaffDeps,
  serviceId: string,
  s: ServiceSettings,
  audit: AuditContext,
): Promise<Outcome<{ previousPriceMinor: number }>> {
  return deps.database.db.transaction().execute(async (trx) => {
    const before = await serviceRepository(trx).findById(serviceId);
    if (!before || !(await serviceRepository(trx).update(serviceId, s))) return fail('SERVICE_NOT_FOUND', 'No such service');
    if (before.priceMinor !== s.priceMinor || before.active !== s.active) await refreshLowestFees(trx);
    await writeAudit(trx, deps.clock.now(), {
      actor: audit.actor,
      action: 'admin.service.update',
      target: `service:${serviceId}`,
      requestId: audit.requestId,
      detail: changedValues({ ...before }, { ...before, ...s }, SERVICE_FIELDS),
    });
    return ok({ previousPriceMinor: before.priceMinor });
  });
}

/** Of the listed therapists offering a service, how many charge its price and how many a fee of their own. */
export async function serviceFeeCounts(deps: StaffDeps, serviceId: string): Promise<{ servicePrice: number; ownFee: number }> {
  return therapistRepository(deps.database.db).serviceFeeCounts(serviceId);
}

/** The settings as the admin's form shows them. */
export async function practiceSettings(deps: StaffDeps): Promise<PracticeSettings & { profileApprovalRequired: boolean }> {
  const [practice, profileApprovalRequired] = await Promise.all([deps.repos.practice.get(), deps.repos.practice.profileApprovalRequired()]);
  return { ...practice, profileApprovalRequired };
}

export async function updatePracticeSettings(deps: StaffDeps, s: PracticeSettingsInput, audit: AuditContext): Promise<void> {
  const now = deps.clock.now();
  const before = await practiceSettings(deps);
  await deps.repos.practice.update(s, now);
  await writeAudit(deps.database.db, now, {
    actor: audit.actor,
    action: 'admin.settings.update',
    target: 'practice',
    requestId: audit.requestId,
    detail: changedValues({ ...before }, { ...before, ...s }, [...SETTINGS_FIELDS, 'profileApprovalRequired']),
  });
}
