// Work that is not lost: what someone typed into a form that met an expired session is kept, sealed with
// the application key, for at most 30 minutes, for the browser that holds the random id (a cookie; never
// the content, and never in a URL). It is offered once after signing in, then deleted; retention deletes
// what was never collected. Passwords, codes, tokens and confirmations are never kept.
import type { AppDeps } from '../app/deps.ts';
import { keptFormRepository } from '../db/repositories/kept-forms.ts';
import { hashToken, newToken } from '../security/encryption.ts';

type Deps = Pick<AppDeps, 'database' | 'clock' | 'encryptor'>;

export const KEPT_FORM_MINUTES = 30;
export type KeptSide = 'staff' | 'client';

export interface KeptForm {
  /** Where the form was sent (a path of this site). */
  action: string;
  fields: [string, string][];
}

/** Field names that are never kept: secrets, one-time codes, and "yes, I confirm" (which must be given again). */
const NEVER_KEPT = /pass(word)?|code|token|csrf|secret|recovery|^confirm(ed)?$/i;
const MAX_FIELDS = 200;
const MAX_LENGTH = 20_000;

/** The fields worth keeping, in order; undefined when nothing is left to keep. */
export function keepable(values: Record<string, string | string[]>): [string, string][] | undefined {
  const out: [string, string][] = [];
  let length = 0;
  for (const [name, value] of Object.entries(values)) {
    if (NEVER_KEPT.test(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      length += name.length + v.length;
      out.push([name, v]);
    }
  }
  if (out.length === 0 || out.length > MAX_FIELDS || length > MAX_LENGTH) return undefined;
  return out;
}

/** Keeps a form; the answer is the id for the browser's cookie. */
export async function keepForm(deps: Deps, side: KeptSide, form: KeptForm): Promise<string> {
  const id = newToken();
  const now = deps.clock.now();
  await keptFormRepository(deps.database.db).insert({
    idHash: hashToken(id),
    side,
    path: form.action,
    sealed: deps.encryptor.encrypt(JSON.stringify(form)),
    now,
    expiresAt: now + KEPT_FORM_MINUTES * 60_000,
  });
  return id;
}

/** The kept form for this browser's id, once: it is deleted as it is read; nothing after 30 minutes. */
export async function takeKeptForm(deps: Deps, side: KeptSide, id: string): Promise<KeptForm | undefined> {
  const row = await keptFormRepository(deps.database.db).take(hashToken(id), side, deps.clock.now());
  if (!row) return undefined;
  try {
    return JSON.parse(deps.encryptor.decrypt(row.sealed)) as KeptForm;
  } catch {
    return undefined;
  }
}
