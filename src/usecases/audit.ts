// Who did something and in which request, as the audit log records it: passed by the staff pages to every
// use case that writes or reads client records.
export interface AuditContext {
  actor: string;
  requestId: string;
}

type Plain = string | number | boolean | null | undefined | readonly unknown[] | object;

/**
 * The before and after values an audit row keeps for a changed setting or fee: only the fields that
 * changed, as text (lists and objects as JSON). Undefined when nothing changed.
 */
export function changedValues<T extends Record<string, Plain>>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): { before: Record<string, string>; after: Record<string, string> } | undefined {
  const text = (v: Plain) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const out = { before: {} as Record<string, string>, after: {} as Record<string, string> };
  for (const f of fields) {
    const [b, a] = [text(before[f]), text(after[f])];
    if (b !== a) {
      out.before[f] = b;
      out.after[f] = a;
    }
  }
  return Object.keys(out.after).length > 0 ? out : undefined;
}
