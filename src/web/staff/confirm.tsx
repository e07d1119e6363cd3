// The confirmation step in front of an action with consequences (an e-mail to a client, a move, a mark, a
// data request): the first POST shows what will happen and changes nothing; only the second, carrying
// confirmed=yes, acts. No JavaScript is needed, and no GET ever acts.
import type { Child } from 'hono/jsx';
import { type FormValues, one } from '../read-form.ts';
import { staffPage } from './layout.tsx';
import type { StaffContext } from './session.ts';

export interface ConfirmStep {
  title: string;
  /** Where the confirming POST goes (the same action as the first). */
  action: string;
  /** The values the first POST carried, sent again unchanged. */
  keep: Record<string, string | undefined>;
  /** What will happen, in plain words. */
  consequences: Child;
  confirmLabel: string;
  danger?: boolean;
  /** Where "No, go back" leads: nothing has changed. */
  back: string;
}

/** Whether this POST is the confirming one. */
export const isConfirmed = (values: FormValues | Record<string, unknown>): boolean => one(values.confirmed as string | string[] | undefined) === 'yes';

export function confirmPage(c: StaffContext, step: ConfirmStep) {
  return staffPage(
    c,
    { title: `Check before you confirm: ${step.title}` },
    <section class="confirm-step" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{step.title}</h1>
      <p class="notice notice--warn">Nothing has changed yet. Check what will happen, then confirm.</p>
      {step.consequences}
      <form method="post" action={step.action} class="button-row">
        {Object.entries(step.keep).map(([name, value]) => (value === undefined ? null : <input type="hidden" name={name} value={value} />))}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" class={step.danger ? 'button button--danger' : 'button'}>
          {step.confirmLabel}
        </button>
        <a href={step.back} class="button button--secondary">
          No, go back
        </a>
      </form>
    </section>,
  );
}
