// Retention: the job runs the use case (src/usecases/retention.ts) every hour.
export { enforceRetention, SENT_MAIL_RETENTION_DAYS } from '../usecases/retention.ts';
