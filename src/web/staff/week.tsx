// A therapist's week, drawn by week-view.tsx; an admin without clients of their own goes to the practice's
// schedule. One booking's page and its actions are in booking-detail.tsx.
import { intakeStatuses } from '../../usecases/bookings/intake.ts';
import { therapistWeek } from '../../usecases/staff/schedule.ts';
import { auditOf } from './request.ts';
import { currentUser, type StaffContext } from './session.ts';
import { STATUS_LABELS } from './time-grid.tsx';
import { therapistWeekPage } from './week-view.tsx';

export { STATUS_LABELS };

export async function weekPage(c: StaffContext) {
  const user = currentUser(c);
  // An admin who sees no clients of their own has the practice's schedule instead.
  if (!user.therapistId) return c.redirect('/staff/schedule', 303);
  const week = await therapistWeek(c.var.deps, user.therapistId, c.req.query('from'), auditOf(c));
  const intake = await intakeStatuses(
    c.var.deps,
    week.sessions.map((s) => s.id),
  );
  return therapistWeekPage(c, week, intake);
}
