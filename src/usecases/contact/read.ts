// Reading contact requests (the staff inbox, a client's data request): each comes with whether its words
// suggest the person may be at risk, decided here from the text each time (never stored).
import type { AppDeps } from '../../app/deps.ts';
import { type ContactRecord, contactRepository } from '../../db/repositories/contact.ts';
import { suggestsRisk } from '../../domain/risk.ts';

type Deps = Pick<AppDeps, 'database' | 'encryptor'>;

export interface ContactRequest extends ContactRecord {
  /** Worth reading first: the words suggest the person may be at risk (recomputed, never stored). */
  suggestsRisk: boolean;
}

const withRisk = (r: ContactRecord): ContactRequest => ({ ...r, suggestsRisk: r.body ? suggestsRisk(r.body) : false });

/** Newest first; `status` narrows to new or handled ones. */
export async function contactRequests(deps: Deps, options: { status?: 'new' | 'handled'; limit?: number } = {}): Promise<ContactRequest[]> {
  return (await contactRepository(deps.database.db, deps.encryptor).list(options)).map(withRisk);
}

export async function contactRequest(deps: Deps, id: string): Promise<ContactRequest | undefined> {
  const r = await contactRepository(deps.database.db, deps.encryptor).findById(id);
  return r ? withRisk(r) : undefined;
}
