// Admin: the audit log, readable. People by name, bookings by reference (linked, never client data), each
// action in words, the before and after values of a changed setting, fee or status, and filters by who,
// what and a date range (a GET form: it works without JavaScript, and each page of results has its address).
import { firstInstantAtOrAfter, parseIsoDate } from '../../domain/time.ts';
import { AUDIT_PAGE_SIZE, type AuditLine, readAuditLog } from '../../usecases/staff/audit-log.ts';
import { ErrorSummary, errorTitle, type FieldErrors, SelectField, TextField } from '../components/forms.tsx';
import { ScrollTable } from '../components/table.tsx';
import { formatMoney } from '../format.ts';
import { ACTION_WORDS, actionWords, FIELD_WORDS, MOVE_REASONS } from './audit-words.ts';
import { staffPage, staffWhen } from './layout.tsx';
import type { StaffContext } from './session.ts';
import { STATUS_LABELS } from './week.tsx';

/** A changed value as a person reads it: money as money, a status in words, yes or no, a list as a list. */
function valueWords(field: string, value: string): string {
  if (value === '') return '(empty)';
  if (field.endsWith('Minor') && /^\d+$/.test(value)) return formatMoney(Number(value), 'GBP');
  if (field === 'status') return STATUS_LABELS[value] ?? value;
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  if (value.startsWith('[')) {
    try {
      const list = JSON.parse(value) as unknown[];
      if (list.length === 0) return '(none)';
      if (list.every((x) => typeof x === 'string')) return list.join(', ');
      // Urgent help lines: each by its name and number.
      const lines = list as { name?: unknown; number?: unknown }[];
      if (lines.every((x) => typeof x?.name === 'string')) return lines.map((x) => `${x.name}${x.number ? ` ${x.number}` : ''}`).join(', ');
    } catch {
      // Shown as it is.
    }
  }
  return value.length > 160 ? `${value.slice(0, 157)}…` : value;
}

function Changes({ line }: { line: AuditLine }) {
  const d = line.detail;
  if (!d) return null;
  const fields = Object.keys(d.after ?? d.before ?? {});
  return (
    <>
      {fields.length > 0 ? (
        <ul class="audit-changes">
          {fields.map((f) => (
            <li>
              {FIELD_WORDS[f] ?? f}: <del>{valueWords(f, d.before?.[f] ?? '')}</del> → <ins>{valueWords(f, d.after?.[f] ?? '')}</ins>
            </li>
          ))}
        </ul>
      ) : null}
      {d.reason ? <p class="muted">Reason: {MOVE_REASONS[d.reason] ?? d.reason}</p> : null}
    </>
  );
}

function Target({ line }: { line: AuditLine }) {
  const t = line.target;
  if (!t) return null;
  if (t.kind === 'booking') return <a href={`/staff/bookings/${t.id}`}>Booking {t.reference}</a>;
  if (t.kind === 'named') return <>{t.label}</>;
  if (t.kind === 'client') return <span class="muted">A client (recorded under a pseudonym)</span>;
  return <span class="muted">{t.text}</span>;
}

export async function auditPage(c: StaffContext) {
  const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 120);
  const [actor, action, from, to] = [q('actor'), q('action'), q('from'), q('to')];
  const page = Math.min(Math.max(Number.parseInt(q('page'), 10) || 1, 1), 10_000);
  const tz = (await c.var.deps.repos.practice.get()).timeZone;
  const errors: FieldErrors = {};
  const fromDay = from ? parseIsoDate(from) : null;
  const toDay = to ? parseIsoDate(to) : null;
  if (from && fromDay === null) errors.from = 'Enter the first day as a date, like 2027-03-01';
  if (to && toDay === null) errors.to = 'Enter the last day as a date, like 2027-03-31';
  if (fromDay !== null && toDay !== null && toDay < fromDay) errors.to = 'The last day must be on or after the first day';
  const view = await readAuditLog(
    c.var.deps,
    {
      actor: actor || undefined,
      action: action || undefined,
      from: fromDay !== null && !errors.from ? firstInstantAtOrAfter(tz, fromDay, 0) : undefined,
      to: toDay !== null && !errors.to ? firstInstantAtOrAfter(tz, toDay + 1, 0) : undefined,
    },
    page,
  );
  const link = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ actor, action, from, to })) if (v) params.set(k, v);
    if (p > 1) params.set('page', String(p));
    const query = params.toString();
    return query ? `/staff/admin/audit?${query}` : '/staff/admin/audit';
  };
  const filtered = Boolean(actor || action || from || to);
  return staffPage(
    c,
    { title: errorTitle('Audit log', errors), status: Object.keys(errors).length ? 422 : 200 },
    <>
      <ErrorSummary errors={errors} order={['actor', 'action', 'from', 'to']} />
      <h1>Audit log</h1>
      <p>
        Who did what, and when: entries are only ever added. People are named; bookings are shown by their reference, and nothing a client wrote is kept here.
        Days are in {tz}.
      </p>
      <form method="get" action="/staff/admin/audit" class="filters" novalidate>
        <div class="filters__grid">
          <SelectField
            name="actor"
            label="Who"
            placeholder="Anyone"
            value={actor}
            options={[
              ...view.users.map((u) => ({ value: `user:${u.id}`, label: u.name })),
              { value: 'client', label: 'A client' },
              { value: 'anonymous', label: 'Someone not signed in' },
              { value: 'system', label: 'The system' },
            ]}
          />
          <SelectField
            name="action"
            label="What"
            placeholder="Anything"
            value={action}
            options={view.actions
              .map((a) => ({ value: a, label: actionWords(a) }))
              .sort((a, b) => Number(b.value in ACTION_WORDS) - Number(a.value in ACTION_WORDS) || a.label.localeCompare(b.label))}
          />
          <TextField name="from" type="date" label="From (first day)" value={from} error={errors.from} />
          <TextField name="to" type="date" label="To (last day)" value={to} error={errors.to} />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            Show entries
          </button>
          {filtered ? <a href="/staff/admin/audit">Clear the filters</a> : null}
        </div>
      </form>
      {view.rows.length === 0 ? (
        <p class="muted">{filtered ? 'No entries match these filters.' : 'No entries yet.'}</p>
      ) : (
        <>
          <p>
            Entries {(page - 1) * AUDIT_PAGE_SIZE + 1} to {(page - 1) * AUDIT_PAGE_SIZE + view.rows.length}, newest first.
          </p>
          <ScrollTable id="audit" caption="Audit entries, newest first" headings={['When', 'Who', 'What', 'Which', 'Changes']}>
            {view.rows.map((r) => (
              <tr>
                <td>{staffWhen(r.at, tz)}</td>
                <td>{r.actorName}</td>
                <td>{actionWords(r.action)}</td>
                <td>
                  <Target line={r} />
                </td>
                <td>
                  <Changes line={r} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}
      {page > 1 || view.more ? (
        <nav class="pager" aria-label="Pages of entries">
          {page > 1 ? <a href={link(page - 1)}>Newer entries</a> : null}
          {view.more ? <a href={link(page + 1)}>Older entries</a> : null}
        </nav>
      ) : null}
    </>,
  );
}
