// The companion's jobs: weekly check-in reminders and housekeeping. Each is one use case
// (src/usecases/companion/reminders.ts, erasure.ts), safe to run again and in parallel.
export { pruneCompanion } from '../usecases/companion/erasure.ts';
export { sendCheckInReminders } from '../usecases/companion/reminders.ts';
