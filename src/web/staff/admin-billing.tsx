// The practice's billing settings (admins): registration, how to pay, payment terms, VAT, and the charge
// for a late cancellation or a missed session. What invoices print and when they are drafted.
import { z } from 'zod';
import type { BillingSettings } from '../../domain/invoices.ts';
import { billingSettings, updateBillingSettings } from '../../usecases/invoices/read.ts';
import { ErrorSummary, TextArea, TextField } from '../components/forms.tsx';
import { readForm } from '../read-form.ts';
import { Done, staffPage } from './layout.tsx';
import { auditOf } from './request.ts';
import type { StaffContext } from './session.ts';

const whole = (label: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, `Enter ${label} as a whole number`)
    .transform(Number)
    .refine((n) => n <= max, `Enter ${label} of at most ${max}`);

const BillingForm = z.object({
  registration: z.string().trim().max(200, 'Keep the registration under 200 characters'),
  paymentDetails: z.string().trim().max(1000, 'Keep how to pay under 1,000 characters'),
  paymentTermsDays: whole('the payment terms in days', 365),
  vat: z
    .string()
    .trim()
    .regex(/^(exempt|\d{1,2}(\.\d{1,2})?)$/i, 'Enter “exempt”, or the VAT rate in percent, like 20'),
  chargeHours: whole('the hours', 720),
  chargePercent: whole('the share in percent', 100),
});

const ORDER = ['registration', 'paymentDetails', 'paymentTermsDays', 'vat', 'chargeHours', 'chargePercent'];

const asForm = (s: BillingSettings): Record<string, string> => ({
  registration: s.registration,
  paymentDetails: s.paymentDetails,
  paymentTermsDays: String(s.paymentTermsDays),
  vat: s.vatRateBp === null ? 'exempt' : String(s.vatRateBp / 100),
  chargeHours: String(s.chargeHours),
  chargePercent: String(s.chargePercent),
});

async function render(c: StaffContext, values: Record<string, string>, errors: Record<string, string>, status: 200 | 400 | 422 = 200) {
  return staffPage(
    c,
    { title: 'Billing settings', status },
    <>
      <ErrorSummary errors={errors} order={ORDER} />
      <Done messages={{ saved: 'Saved. New invoices use these settings.' }} value={c.req.query('done')} />
      <h1>Billing settings</h1>
      <p>
        What every invoice prints, and when one is drafted. Issued invoices keep what they said. <a href="/staff/admin/invoices">See the invoices</a>
      </p>
      <form method="post" action="/staff/admin/billing" novalidate>
        <TextField
          name="registration"
          label="Registration"
          hint="Printed on every invoice, for example “BACP membership 123456” or a company number."
          value={values.registration}
          error={errors.registration}
          maxLength={200}
        />
        <TextArea
          name="paymentDetails"
          label="How to pay"
          hint="Bank details (account name, sort code, account number) or other ways to pay, as clients should read them."
          rows={4}
          value={values.paymentDetails}
          error={errors.paymentDetails}
          maxLength={1000}
        />
        <TextField
          name="paymentTermsDays"
          label="Payment due after (days)"
          inputmode="numeric"
          value={values.paymentTermsDays}
          error={errors.paymentTermsDays}
        />
        <TextField
          name="vat"
          label="VAT"
          hint="“exempt” (counselling usually is), or the rate in percent, like 20. Fees are taken to include it."
          value={values.vat}
          error={errors.vat}
        />
        <TextField
          name="chargeHours"
          label="A cancellation is late when it is less than this many hours before the session"
          inputmode="numeric"
          value={values.chargeHours}
          error={errors.chargeHours}
        />
        <TextField
          name="chargePercent"
          label="Share of the fee charged for a late cancellation or a missed session (percent)"
          hint="0 charges nothing."
          inputmode="numeric"
          value={values.chargePercent}
          error={errors.chargePercent}
        />
        <button type="submit" class="button">
          Save
        </button>
      </form>
    </>,
  );
}

export async function billingPage(c: StaffContext) {
  return render(c, asForm(await billingSettings(c.var.deps)), {});
}

export async function billingSubmit(c: StaffContext) {
  const read = await readForm(c, BillingForm);
  const values = Object.fromEntries(Object.entries(read.values).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : v]));
  if (!read.ok) return render(c, values, read.errors, read.status === 400 ? 400 : 422);
  const f = read.data;
  const vat = f.vat.toLowerCase() === 'exempt' ? null : Math.round(Number(f.vat) * 100);
  await updateBillingSettings(
    c.var.deps,
    {
      registration: f.registration,
      paymentDetails: f.paymentDetails,
      paymentTermsDays: f.paymentTermsDays,
      vatRateBp: vat,
      chargeHours: f.chargeHours,
      chargePercent: f.chargePercent,
    },
    auditOf(c),
  );
  return c.redirect('/staff/admin/billing?done=saved', 303);
}
