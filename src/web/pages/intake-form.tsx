// The intake form's fields, in the NHS.UK pattern (forms.tsx): each question with why it is asked, the
// optional ones marked, every answer put back when the form comes back with errors.
import { CSI_ITEMS } from '../../domain/companion.ts';
import { INTAKE_SHORT_MAX, INTAKE_TEXT_MAX, SUPPORT_KINDS, SUPPORT_LABELS } from '../../domain/intake.ts';
import { CheckboxGroup, ErrorSummary, type FieldErrors, RadioGroup, TextArea, TextField } from '../components/forms.tsx';
import { all, type FormValues, one } from '../read-form.ts';

export const INTAKE_SAFETY_QUESTION = 'Do you feel afraid of, or harmed by, anyone close to you, such as a partner or someone you live with?';

export interface IntakeFormProps {
  action: string;
  couple: boolean;
  therapistName: string;
  values: FormValues;
  errors: FieldErrors;
  order: string[];
}

export function IntakeForm({ action, couple, therapistName, values, errors, order }: IntakeFormProps) {
  const v = (name: string) => one(values[name]);
  return (
    <>
      <ErrorSummary errors={errors} order={order} />
      <form method="post" action={action} novalidate>
        <TextArea
          name="reason"
          label="What brings you to counselling?"
          hint="A few words are enough. You can say more, or something different, when you meet."
          rows={5}
          maxLength={INTAKE_TEXT_MAX}
          value={v('reason')}
          error={errors.reason}
        />
        <TextArea
          name="hopes"
          label="What would you like to be different? (optional)"
          rows={4}
          maxLength={INTAKE_TEXT_MAX}
          value={v('hopes')}
          error={errors.hopes}
        />
        <RadioGroup
          name="safety"
          label={INTAKE_SAFETY_QUESTION}
          hint={
            couple
              ? `Only ${therapistName} reads your answer. Your partner never sees it. If they are with you now, you can leave this page and come back on your own.`
              : `Only ${therapistName} reads your answer.`
          }
          value={v('safety')}
          error={errors.safety}
          options={[
            { value: 'no', label: 'No' },
            { value: 'yes', label: 'Yes' },
            { value: 'unsure', label: 'I am not sure' },
          ]}
        />
        {couple ? (
          <section class="intake-csi" aria-labelledby="csi-title">
            <h2 id="csi-title">How your relationship feels to you now</h2>
            <p class="hint">
              Four questions from the Couples Satisfaction Index (CSI-4; Funk and Rogge, 2007). Your partner answers on their own, with their own link; neither
              of you sees the other’s answers.
            </p>
            {CSI_ITEMS.map((item) => (
              <RadioGroup
                name={item.id}
                label={item.text}
                value={v(item.id)}
                error={errors[item.id]}
                options={item.options.map((label, i) => ({ value: String(i), label }))}
              />
            ))}
          </section>
        ) : null}
        <CheckboxGroup
          name="support"
          label="What other support do you have at the moment? (optional)"
          hint="Choose any that apply. It helps your therapist fit around what is already there."
          value={all(values.support)}
          error={errors.support}
          options={SUPPORT_KINDS.map((k) => ({ value: k, label: SUPPORT_LABELS[k] }))}
        />
        <TextArea
          name="supportDetails"
          label="Anything you would like to add about that support (optional)"
          rows={3}
          maxLength={INTAKE_TEXT_MAX}
          value={v('supportDetails')}
          error={errors.supportDetails}
        />
        <section aria-labelledby="gp-title">
          <h2 id="gp-title">Your GP (optional)</h2>
          <p class="hint">
            We ask so that, if your therapist were ever seriously worried about your safety, they would know who to call. It is never used for anything else.
          </p>
          <TextField name="gpName" label="GP practice name" maxLength={INTAKE_SHORT_MAX} value={v('gpName')} error={errors.gpName} autocomplete="off" />
          <TextField
            name="gpPhone"
            label="GP practice phone number"
            type="tel"
            autocomplete="off"
            inputmode="tel"
            maxLength={30}
            value={v('gpPhone')}
            error={errors.gpPhone}
          />
          <RadioGroup
            name="gpConsent"
            label="May your therapist contact your GP if they believe you are at serious risk of harm?"
            hint="Only in an emergency like that, and they would tell you first if they could. Saying no does not change anything about your sessions."
            value={v('gpConsent')}
            error={errors.gpConsent}
            options={[
              { value: 'yes', label: 'Yes, only in an emergency' },
              { value: 'no', label: 'No' },
            ]}
          />
        </section>
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">Someone we may call in an emergency (optional)</h2>
          <p class="hint">
            For the same rare reason as your GP: someone you trust, who could help if you were at serious risk. Leave both empty if you prefer.
          </p>
          <TextField
            name="contactName"
            label="Their name"
            maxLength={INTAKE_SHORT_MAX}
            value={v('contactName')}
            error={errors.contactName}
            autocomplete="off"
          />
          <TextField
            name="contactPhone"
            label="Their phone number"
            type="tel"
            autocomplete="off"
            inputmode="tel"
            maxLength={30}
            value={v('contactPhone')}
            error={errors.contactPhone}
          />
        </section>
        <p class="muted">Your answers go to {therapistName} only, and cannot be changed here once sent: tell them at your first session if anything changes.</p>
        <button class="button" type="submit">
          Send my answers
        </button>
      </form>
    </>
  );
}

/** What was typed, shown back when it could not be sent (a link that stopped working): so that nothing is lost. */
export function TypedAnswers({ values }: { values: FormValues }) {
  const LABELS: Record<string, string> = {
    reason: 'What brings you',
    hopes: 'What you would like to be different',
    supportDetails: 'About your support',
    gpName: 'GP practice',
    gpPhone: 'GP phone',
    contactName: 'Emergency contact',
    contactPhone: 'Their phone',
  };
  const kept = Object.keys(LABELS).filter((k) => one(values[k]).trim() !== '');
  if (kept.length === 0) return null;
  return (
    <section aria-labelledby="typed-title">
      <h2 id="typed-title">What you wrote</h2>
      <p>It was not sent. Here it is, so that you can copy it or bring it to your first session.</p>
      <dl class="facts">
        {kept.map((k) => (
          <>
            <dt>{LABELS[k]}</dt>
            <dd class="client-notes">{one(values[k])}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
