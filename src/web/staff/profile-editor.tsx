// The profile editor, one form for the therapist's own profile and the admin's page for any therapist:
// services offered with their fees, about, how they work, accreditations with registration numbers, years
// in practice, who they work with, concerns, languages and formats; the publish checklist beside it.
// Fields may be left empty while a profile is being written; the checklist says what listing needs.
import { z } from 'zod';
import { formatFee } from '../../domain/fees.ts';
import { APPROACH_MIN, BIO_MIN, type ChecklistItem } from '../../domain/profile.ts';
import { meetingLinkProblem } from '../../domain/room.ts';
import { type Accreditation, CONCERN_IDS, CONCERNS, FORMATS, LANGUAGE_NAMES, RELATIONSHIPS, type Service } from '../../domain/types.ts';
import type { ProfileInput, TherapistProfileForm } from '../../usecases/staff/profile.ts';
import { CheckboxGroup, type FieldErrors, fieldId, formErrors, TextArea, TextField } from '../components/forms.tsx';
import { FORMAT_LABELS } from '../format.ts';
import { all, one } from '../read-form.ts';

/** Rows of accreditation fields the form can send. */
export const MAX_ACCREDITATIONS = 6;
const FEE_PATTERN = /^\d{1,4}(\.\d{2})?$/;

export const RELATIONSHIP_LABELS = { couple: 'Couples', individual: 'Individuals', family: 'Families', friendship: 'Friends' } as const;

const Static = z.object({
  bio: z
    .string()
    .trim()
    .max(4000, 'Keep this under 4,000 characters')
    .refine((v) => v === '' || v.length >= BIO_MIN, 'Write at least a sentence or two (20 characters or more), or leave it empty for now'),
  approach: z
    .string()
    .trim()
    .max(4000, 'Keep this under 4,000 characters')
    .refine((v) => v === '' || v.length >= APPROACH_MIN, 'Say a little more about how you work (10 characters or more), or leave it empty for now'),
  years: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,2}$/.test(v) && Number(v) <= 70), 'Enter whole years in practice, like 8 (up to 70), or leave it empty')
    .transform((v) => (v === '' ? 0 : Number(v))),
  concerns: z.array(z.enum(CONCERN_IDS, 'Choose concerns from the list')).max(CONCERNS.length),
  relationships: z.array(z.enum(RELATIONSHIPS, 'Choose from the list')).max(RELATIONSHIPS.length),
  languages: z.array(z.string().refine((l) => Object.hasOwn(LANGUAGE_NAMES, l), 'Choose languages from the list')).max(Object.keys(LANGUAGE_NAMES).length),
  formats: z.array(z.enum(FORMATS, 'Choose online, in person, or both')).max(FORMATS.length),
  videoUrl: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = v === '' ? undefined : meetingLinkProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}, or leave it empty` });
    }),
});

/** The field order of the error summary (the services' fee fields follow their service). */
export function fieldOrder(offerable: readonly Service[]): string[] {
  return [
    'photo',
    'services',
    ...offerable.map((s) => `fee-${s.id}`),
    'bio',
    'approach',
    ...Array.from({ length: MAX_ACCREDITATIONS }, (_, i) => [`accreditation-${i}`, `registration-${i}`]).flat(),
    'years',
    'relationships',
    'concerns',
    'languages',
    'formats',
    'videoUrl',
  ];
}

/** Reads the editor's form: the profile, or a message per field. */
export function readProfileForm(
  values: Record<string, string | string[]>,
  offerable: readonly Service[],
): { ok: true; input: ProfileInput } | { ok: false; errors: FieldErrors } {
  const parsed = Static.safeParse({
    bio: one(values.bio),
    approach: one(values.approach),
    years: one(values.years),
    concerns: all(values.concerns),
    relationships: all(values.relationships),
    languages: all(values.languages),
    formats: all(values.formats),
    videoUrl: one(values.videoUrl),
  });
  const errors: FieldErrors = parsed.success ? {} : formErrors(parsed.error.issues);
  const chosen = new Set(all(values.service));
  if ([...chosen].some((id) => !offerable.some((s) => s.id === id))) errors.services = 'Choose services from the list';
  const services: ProfileInput['services'] = [];
  for (const s of offerable) {
    const fee = one(values[`fee-${s.id}`]).trim().replace(/^£/, '');
    const offered = chosen.has(s.id);
    if (s.priceMinor <= 0 || fee === '') {
      if (offered) services.push({ serviceId: s.id, feeMinor: null });
      continue;
    }
    if (!FEE_PATTERN.test(fee) || Number(fee) < 1) {
      errors[`fee-${s.id}`] =
        `Enter the fee in pounds, like 75 or 72.50, or leave it empty to charge the service’s price (${formatFee({ minor: s.priceMinor, currency: s.currency })})`;
    } else if (!offered) {
      errors[`fee-${s.id}`] = `Tick “${s.name}” to offer it at this fee, or clear the fee`;
    } else services.push({ serviceId: s.id, feeMinor: Math.round(Number(fee) * 100) });
  }
  const accreditations: Accreditation[] = [];
  for (let i = 0; i < MAX_ACCREDITATIONS; i++) {
    const name = one(values[`accreditation-${i}`]).trim();
    const number = one(values[`registration-${i}`]).trim();
    if (name.length > 120) errors[`accreditation-${i}`] = 'Keep the name under 120 characters';
    else if (number.length > 40) errors[`registration-${i}`] = 'Keep the number under 40 characters';
    else if (number && !name) errors[`accreditation-${i}`] = 'Name the body this registration number is with';
    else if (name) accreditations.push({ name, number });
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const f = parsed.data;
  return {
    ok: true,
    input: {
      bio: f.bio,
      approach: f.approach,
      yearsPractising: f.years,
      concerns: [...new Set(f.concerns)],
      relationships: [...new Set(f.relationships)],
      languages: [...new Set(f.languages)],
      formats: [...new Set(f.formats)],
      services,
      accreditations,
      videoUrl: f.videoUrl === '' ? null : f.videoUrl,
    },
  };
}

/** The publish checklist: what is done, what listing still needs, and what is optional. */
export function Checklist({ items, title = 'Before the profile is listed' }: { items: ChecklistItem[]; title?: string }) {
  const missing = items.filter((i) => !i.done && !i.optional).length;
  return (
    <section class="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{title}</h2>
      <p>{missing === 0 ? 'Everything listing needs is here.' : `${missing === 1 ? 'One thing' : `${missing} things`} still to do before listing.`}</p>
      <ul>
        {items.map((i) => (
          <li class={i.done ? 'checklist__item checklist__item--done' : i.optional ? 'checklist__item' : 'checklist__item checklist__item--todo'}>
            <span class="checklist__mark" aria-hidden="true">
              {i.done ? '✓' : i.optional ? '–' : '✗'}
            </span>{' '}
            <span class="visually-hidden">{i.done ? 'Done: ' : i.optional ? 'Optional, not done: ' : 'To do: '}</span>
            {i.label}
            {i.done ? null : <span class="checklist__todo"> {i.todo}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface EditorProps {
  action: string;
  profile: TherapistProfileForm;
  values?: Record<string, string | string[]> | undefined;
  errors: FieldErrors;
  /** The therapist's own profile ("you"), or the admin's page for them. */
  own: boolean;
  /** Whether the practice gives each online session a room (VIDEO_URL_TEMPLATE is set). */
  roomsConfigured?: boolean | undefined;
}

const poundsText = (minor: number) => (minor / 100).toFixed(minor % 100 === 0 ? 0 : 2);

export function ProfileEditor({ action, profile, values, errors, own, roomsConfigured = false }: EditorProps) {
  const base = profile.pending?.fields ?? profile;
  const text = (name: string, fallback: string) => (values ? one(values[name]) : fallback);
  const list = (name: string, fallback: readonly string[]) => (values ? all(values[name]) : [...fallback]);
  const offered = new Map(base.services.map((s) => [s.serviceId, s.feeMinor]));
  const chosen = list('service', [...offered.keys()]);
  const accreditations = values
    ? Array.from({ length: MAX_ACCREDITATIONS }, (_, i) => ({ name: one(values[`accreditation-${i}`]), number: one(values[`registration-${i}`]) }))
    : base.accreditations;
  const rows = Math.min(MAX_ACCREDITATIONS, Math.max(3, base.accreditations.length + 1));
  const you = own ? 'you' : 'they';
  const videoHint = roomsConfigured
    ? 'each online session gets a private room of its own.'
    : 'the practice sends clients how to join, as no rooms are set up here.';
  return (
    <form method="post" action={action} novalidate class="profile-editor">
      <h2>Services and fees</h2>
      <fieldset class={errors.services ? 'field field--error service-fees' : 'service-fees'} id={fieldId('services')}>
        <legend>Services {you} offer</legend>
        <p class="hint">Leave a fee empty to charge the service’s own price; a change of that price then reaches {own ? 'yours' : 'theirs'} too.</p>
        {errors.services ? <p class="field__error">{errors.services}</p> : null}
        {profile.offerable.map((s) => {
          const paid = s.priceMinor > 0;
          const ownFee = offered.get(s.id);
          const price = formatFee({ minor: s.priceMinor, currency: s.currency });
          return (
            <div class="service-fee">
              <div class="choice">
                <input id={`f-service-${s.id}`} type="checkbox" name="service" value={s.id} checked={chosen.includes(s.id)} />
                <span class="choice__text">
                  <label for={`f-service-${s.id}`}>
                    {s.name} ({s.durationMinutes} minutes)
                  </label>
                </span>
              </div>
              {paid ? (
                <TextField
                  name={`fee-${s.id}`}
                  label={`Fee for ${s.name.toLowerCase()}, in pounds`}
                  hint={`Empty: the service’s price, ${price}.`}
                  value={text(`fee-${s.id}`, ownFee != null ? poundsText(ownFee) : '')}
                  error={errors[`fee-${s.id}`]}
                />
              ) : (
                <p class="hint">Free: it stays free.</p>
              )}
            </div>
          );
        })}
      </fieldset>
      <h2>About {own ? 'you' : 'them'}</h2>
      <TextArea
        name="bio"
        label={own ? 'About you' : 'About them'}
        hint="A few sentences in the therapist’s own words: what people bring, and what sessions feel like."
        rows={6}
        maxLength={4000}
        value={text('bio', base.bio)}
        error={errors.bio}
      />
      <TextArea
        name="approach"
        label={own ? 'How you work' : 'How they work'}
        hint="The approach or model, in plain words."
        rows={4}
        maxLength={4000}
        value={text('approach', base.approach)}
        error={errors.approach}
      />
      <h2>Accreditations and experience</h2>
      <p class="hint">Each accreditation or registration with its number, so clients can check it with the professional body.</p>
      {Array.from({ length: values ? MAX_ACCREDITATIONS : rows }, (_, i) => (
        <div class="accreditation-row">
          <TextField
            name={`accreditation-${i}`}
            label={`Accreditation ${i + 1}`}
            hint={i === 0 ? 'For example: BACP Accredited, UKCP Registered, COSRT Accredited.' : undefined}
            maxLength={120}
            value={accreditations[i]?.name ?? ''}
            error={errors[`accreditation-${i}`]}
          />
          <TextField
            name={`registration-${i}`}
            label={`Registration number ${i + 1}`}
            maxLength={40}
            spellcheck={false}
            value={accreditations[i]?.number ?? ''}
            error={errors[`registration-${i}`]}
          />
        </div>
      ))}
      <TextField
        name="years"
        label="Years in practice"
        hint="Whole years since qualifying."
        inputmode="numeric"
        value={text('years', base.yearsPractising > 0 ? String(base.yearsPractising) : '')}
        error={errors.years}
      />
      <h2>Who {you} work with</h2>
      <CheckboxGroup
        name="relationships"
        label={own ? 'You work with' : 'They work with'}
        value={list('relationships', base.relationships)}
        error={errors.relationships}
        options={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))}
      />
      <CheckboxGroup
        name="concerns"
        label={own ? 'Concerns you help with' : 'Concerns they help with'}
        value={list('concerns', base.concerns)}
        error={errors.concerns}
        options={CONCERNS.map((x) => ({ value: x.id, label: x.name }))}
      />
      <CheckboxGroup
        name="languages"
        label={own ? 'Languages you see clients in' : 'Languages they see clients in'}
        class="choices--columns"
        value={list('languages', base.languages)}
        error={errors.languages}
        options={Object.entries(LANGUAGE_NAMES)
          .sort((a, b) => a[1].localeCompare(b[1]))
          .map(([code, name]) => ({ value: code, label: name }))}
      />
      <CheckboxGroup
        name="formats"
        label={own ? 'How you see clients' : 'How they see clients'}
        value={list('formats', base.formats)}
        error={errors.formats}
        options={FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
      />
      <TextField
        name="videoUrl"
        label={own ? 'Your own video link (optional)' : 'Their own video link (optional)'}
        hint={`For online sessions: a link that starts with https://. Empty: ${videoHint}`}
        inputmode="url"
        spellcheck={false}
        maxLength={500}
        value={text('videoUrl', base.videoUrl ?? '')}
        error={errors.videoUrl}
      />
      <button type="submit" class="button">
        Save profile
      </button>
    </form>
  );
}
