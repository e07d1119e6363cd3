// What every staff page asks of a request: who is acting (for the audit log) and whether an id in the
// path is one (a UUID) before anything is looked up.
import { userActor } from '../../usecases/staff/context.ts';
import { currentUser, type StaffContext } from './session.ts';

export const auditOf = (c: StaffContext) => ({ actor: userActor(currentUser(c).id), requestId: c.var.requestId });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (v: string | undefined): v is string => typeof v === 'string' && v.length <= 64 && UUID.test(v);
