// The waiting-list form, wherever it is offered: under a day with no free times, on an empty directory, and
// answered with errors on its own page. What it is for travels in hidden fields; the POST is /book/waitlist.
import type { FieldErrors } from './forms.tsx';
import { EmailField, TextField } from './forms.tsx';

export interface WaitlistFor {
  service: string;
  /** Empty: any therapist. */
  therapist: string;
  tz: string;
  date: string;
}

export function WaitlistFields(props: { for: WaitlistFor; values?: Record<string, string | undefined>; errors?: FieldErrors; secondary?: boolean }) {
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  return (
    <form method="post" action="/book/waitlist" novalidate>
      <input type="hidden" name="service" value={props.for.service} />
      <input type="hidden" name="therapist" value={props.for.therapist} />
      <input type="hidden" name="tz" value={props.for.tz} />
      <input type="hidden" name="date" value={props.for.date} />
      <TextField name="name" label="Your name" value={values.name} error={errors.name} autocomplete="name" idPrefix="wl" />
      <EmailField label="Your e-mail address" value={values.email} error={errors.email} idPrefix="wl" />
      <button class={props.secondary ? 'button button--secondary' : 'button'} type="submit">
        Tell me when a time is free
      </button>
    </form>
  );
}
