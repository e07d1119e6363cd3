// Reminders before a session: the job runs the use case (src/usecases/bookings/reminders.ts) every minute.
export { queueReminders } from '../usecases/bookings/reminders.ts';
