// What a person has chosen so far, as one list of the booking steps: each step done shows a tick, what was
// chosen and a "Change" link; the current step is marked; the fee shows as soon as it is known. On a
// desktop it stays in view beside the step (sticky); on a phone it sits at the top, above the step.
import type { Child } from 'hono/jsx';

export interface SummaryStep {
  /** "Service", "Therapist", "Time", "Your details". */
  name: string;
  /** What was chosen, once this step is done. */
  chosen?: string | undefined;
  /** Where to change it (a plain link back to that step). */
  changeHref?: string | undefined;
}

export interface BookingSummaryProps {
  steps: SummaryStep[];
  /** 1-based number of the step on screen. */
  current: number;
  /** The fee once service and therapist are known: "£90" or "free". */
  fee?: string | undefined;
}

export function BookingSummary({ steps, current, fee }: BookingSummaryProps) {
  return (
    <aside class={current === 1 ? 'booking-summary booking-summary--start' : 'booking-summary'} aria-labelledby="booking-summary-title">
      <h2 id="booking-summary-title" class="booking-summary__title">
        Your booking
      </h2>
      <ol class="booking-steps">
        {steps.map((s, i) => {
          const n = i + 1;
          const done = n < current && s.chosen !== undefined;
          return (
            <li
              class={done ? 'booking-steps__done' : n === current ? 'booking-steps__current' : 'booking-steps__todo'}
              aria-current={n === current ? 'step' : undefined}
            >
              <span class="booking-steps__mark" aria-hidden="true">
                {done ? '✓' : String(n)}
              </span>
              <span class="booking-steps__text">
                <span class="booking-steps__name">
                  {s.name}
                  {done ? <span class="visually-hidden"> (done)</span> : null}
                  {n === current ? <span class="visually-hidden"> (this step)</span> : null}
                </span>
                {done ? <span class="booking-steps__chosen">{s.chosen}</span> : null}
              </span>
              {done && s.changeHref ? (
                <a class="booking-steps__change" href={s.changeHref}>
                  Change<span class="visually-hidden"> {s.name.toLowerCase()}</span>
                </a>
              ) : null}
            </li>
          );
        })}
      </ol>
      {fee ? (
        <p class="booking-summary__fee">
          <span>Fee</span> <strong>{fee}</strong>
        </p>
      ) : null}
    </aside>
  );
}

/** A booking step's page: the summary beside (desktop) or above (phone) the step itself. */
export function BookingLayout({ summary, children }: { summary: BookingSummaryProps; children: Child }) {
  return (
    <div class="booking-layout">
      <BookingSummary {...summary} />
      <div class="booking-layout__step">{children}</div>
    </div>
  );
}
