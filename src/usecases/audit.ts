// Who did something and in which request, as the audit log records it: passed by the staff pages to every
// use case that writes or reads client records.
export interface AuditContext {
  actor: string;
  requestId: string;
}
