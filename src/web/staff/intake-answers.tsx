// The intake before a first session on the staff booking page: the answers for the booking's own
// therapist (opened and audited by the use case), and for anyone else who may open the booking only
// whether they have arrived.
import { CSI_CUTOFF, CSI_ITEMS, CSI_MAX, scoreCsi } from '../../domain/companion.ts';
import { type IntakeAnswers, intakeSafety, SUPPORT_LABELS } from '../../domain/intake.ts';
import { staffIntake } from '../../usecases/bookings/intake.ts';
import { may } from './guard.ts';
import { staffWhen } from './layout.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';

/** The booking page's hook: reads (and, for the therapist, opens) the intake. */
export function loadStaffIntake(c: StaffContext, b: { id: string; serviceId: string; therapistId: string }) {
  const readable = may(c, 'booking.intake.read', { kind: 'booking', therapistId: b.therapistId });
  return staffIntake(c.var.deps, b, auditOf(c), readable);
}

const WHO = { client: 'The client', partner: 'Their partner' } as const;
const none = <span class="muted">Not given</span>;
const text = (v: string) => (v.trim() ? <span class="client-notes">{v}</span> : none);

function Answers({ a }: { a: IntakeAnswers }) {
  const worry = intakeSafety(a);
  const csi = a.csi ? scoreCsi(a.csi) : null;
  return (
    <>
      {worry.helpFirst ? (
        <div class="notice notice--warn" data-intake-worry="">
          <p>
            {a.safety === 'yes'
              ? 'Answered yes to feeling afraid of, or harmed by, someone close.'
              : a.safety === 'unsure'
                ? 'Was not sure whether they feel afraid of, or harmed by, someone close.'
                : 'Wrote something that may suggest risk.'}{' '}
            They were shown urgent help and offered a first session alone; a joint session was not suggested.
          </p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>What brings them</dt>
        <dd>{text(a.reason)}</dd>
        <dt>What they would like to be different</dt>
        <dd>{text(a.hopes)}</dd>
        {csi && a.csi ? (
          <>
            <dt>CSI-4</dt>
            <dd>
              {csi.total} of {CSI_MAX}
              {csi.belowCutoff ? ` (below ${CSI_CUTOFF})` : ''}. <span class="muted">{a.csi.map((v, i) => `${CSI_ITEMS[i]!.options[v]}`).join('; ')}</span>
            </dd>
          </>
        ) : null}
        <dt>Other support</dt>
        <dd>{a.support.length ? a.support.map((s) => SUPPORT_LABELS[s]).join(', ') : none}</dd>
        <dt>About that support</dt>
        <dd>{text(a.supportDetails)}</dd>
        <dt>GP</dt>
        <dd>{a.gpName || a.gpPhone ? `${a.gpName}${a.gpName && a.gpPhone ? ', ' : ''}${a.gpPhone}` : none}</dd>
        <dt>GP may be contacted in an emergency</dt>
        <dd>{a.gpConsent === 'yes' ? 'Yes, only in an emergency' : 'No'}</dd>
        <dt>Emergency contact</dt>
        <dd>{a.contactName ? `${a.contactName}, ${a.contactPhone}` : none}</dd>
      </dl>
    </>
  );
}

export function IntakeAnswersSection({ intake, therapistName, tz }: { intake: Awaited<ReturnType<typeof staffIntake>>; therapistName: string; tz: string }) {
  return (
    <section aria-labelledby="intake-title">
      <h2 id="intake-title">Before the first session</h2>
      {intake.received.length === 0 ? (
        <p class="muted" data-intake-status="not-yet">
          No answers yet.
        </p>
      ) : intake.answers === null ? (
        <p data-intake-status="received">
          {intake.received.map((r, i) => (i === 0 ? WHO[r.role] : WHO[r.role].toLowerCase())).join(' and ')} answered the questions before the first session.
          Only their therapist, {therapistName}, can read the answers.
        </p>
      ) : (
        intake.answers.map((r) => (
          <>
            <h3>
              {WHO[r.role]}, {staffWhen(r.at, tz)}
            </h3>
            <Answers a={r.answers} />
          </>
        ))
      )}
      {intake.couple && intake.received.length === 1 && intake.received[0]!.role === 'client' ? <p class="muted">Their partner has not answered yet.</p> : null}
    </section>
  );
}
