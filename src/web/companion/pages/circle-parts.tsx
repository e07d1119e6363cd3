// What the companion's circle pages share: the form schemas and the check-in time fields.
import { z } from 'zod';
import { CIRCLE_KINDS, ScheduleSchema, WEEKDAY_NAMES } from '../../../domain/companion.ts';
import { type FieldErrors, SelectField } from '../../components/forms.tsx';

export const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
export const name = (what: string, max: number) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: `Enter ${what}.` })
      .min(1, { error: `Enter ${what}.` })
      .max(max, { error: `Keep ${what} under ${max} characters.` }),
  );

export const StartCircleForm = z.strictObject({
  kind: z.enum(CIRCLE_KINDS, { error: 'Choose who the circle is for.' }),
  name: name('a name for the circle', 80),
  displayName: name('the name the others will see', 60),
  weekday: ScheduleSchema.shape.weekday,
  time: ScheduleSchema.shape.time,
  timeZone: ScheduleSchema.shape.timeZone,
});

export const InviteForm = z.strictObject({
  email: z.preprocess(trimmed, z.email({ error: 'Enter their e-mail address in the right form, like name@example.com.' }).max(254)),
});

export const JoinForm = z.strictObject({ displayName: name('the name the others will see', 60) });

export const TIMES = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
export const ZONES = Intl.supportedValuesOf('timeZone');

export function ScheduleFields({ values, errors }: { values: Partial<Record<'weekday' | 'time' | 'timeZone', string>>; errors: FieldErrors }) {
  return (
    <>
      <SelectField
        name="weekday"
        label="Day"
        value={values.weekday}
        error={errors.weekday}
        options={WEEKDAY_NAMES.map((d, i) => ({ value: String(i + 1), label: d }))}
      />
      <SelectField
        name="time"
        label="Time"
        hint="When the check-in opens each week, and the reminder is sent."
        value={values.time}
        error={errors.time}
        options={TIMES.map((t) => ({ value: t, label: t }))}
      />
      <SelectField
        name="timeZone"
        label="Time zone"
        value={values.timeZone}
        error={errors.timeZone}
        options={ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
      />
    </>
  );
}
