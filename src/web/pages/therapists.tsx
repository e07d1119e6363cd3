import type { Context } from 'hono';
import { z } from 'zod';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { CONCERN_IDS, CONCERNS, FORMATS, RELATIONSHIPS, languageName } from '../../domain/types.ts';
import type { AppEnv } from '../env.ts';
import { FORMAT_LABELS, concernNames, formatList, formatMoney, formatNames, languageNames } from '../format.ts';
import { renderPage } from '../render.tsx';

const blank = (v: unknown) => (v === '' ? undefined : v);
export const DirectoryQuery = z.object({
  concern: z.preprocess(blank, z.enum(CONCERN_IDS, { error: 'Choose a concern from the list' }).optional()),
  who: z.preprocess(blank, z.enum(RELATIONSHIPS, { error: 'Choose who is coming from the list' }).optional()),
  language: z.preprocess(blank, z.string().regex(/^[a-z]{2}$/, 'Choose a language from the list').optional()),
  format: z.preprocess(blank, z.enum(FORMATS, { error: 'Choose online or in person' }).optional()),
  service: z.preprocess(blank, z.string().max(64).optional()),
});

const WHO_LABELS: Record<(typeof RELATIONSHIPS)[number], string> = {
  couple: 'A couple',
  individual: 'Just me',
  family: 'Family members',
  friendship: 'Friends',
};

export async function therapistsPage(c: Context<AppEnv>) {
  const { repos } = c.var.deps;
  const raw = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v[0] ?? '']));
  const parsed = DirectoryQuery.safeParse(raw);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message }));
  // A bad filter is reported and left out; the good ones still apply.
  const filter = parsed.success
    ? parsed.data
    : (Object.fromEntries(
        Object.entries(DirectoryQuery.shape).map(([key, schema]) => {
          const r = schema.safeParse(raw[key]);
          return [key, r.success ? r.data : undefined];
        }),
      ) as z.infer<typeof DirectoryQuery>);
  const [services, therapists, allLanguages] = await Promise.all([
    repos.services.listActive(),
    repos.therapists.search({ concern: filter.concern, language: filter.language, format: filter.format, serviceId: filter.service, relationship: filter.who }),
    repos.therapists.languagesSpoken(),
  ]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const active = Object.entries(filter).filter(([, v]) => v !== undefined);

  return renderPage(
    c,
    { title: 'Our therapists', description: 'Therapists for couples, families, friends and individuals: what they help with, languages, formats and fees.' },
    <>
      <h1>Our therapists</h1>
      <p class="prose">Everyone here is qualified, accredited and supervised. Filter by what matters to you, or <a href="/match">answer a few questions</a> and we will suggest who fits best and why.</p>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="filter-errors">
          <h2 id="filter-errors">Some filters could not be used</h2>
          <ul>{errors.map((e) => <li><a href={`#f-${e.field}`}>{e.message}</a></li>)}</ul>
        </div>
      ) : null}
      <form class="filters" method="get" action="/therapists" aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">Filter therapists</h2>
        <div class="filters__grid">
          <Select name="concern" label="What is happening" value={filter.concern} options={CONCERNS.map((x) => [x.id, x.name])} />
          <Select name="who" label="Who is coming" value={filter.who} options={RELATIONSHIPS.map((r) => [r, WHO_LABELS[r]])} />
          <Select name="service" label="Service" value={filter.service} options={services.map((s) => [s.id, s.name])} />
          <Select name="language" label="Language" value={filter.language} options={allLanguages.map((l) => [l, languageName(l)])} />
          <Select name="format" label="Online or in person" value={filter.format} options={FORMATS.map((f) => [f, FORMAT_LABELS[f]])} />
        </div>
        <p><button class="button" type="submit">Show therapists</button> {active.length > 0 ? <a href="/therapists">Clear filters</a> : null}</p>
      </form>
      <h2 aria-live="polite">{therapists.length === 1 ? '1 therapist' : `${therapists.length} therapists`}</h2>
      {therapists.length === 0 ? (
        <div class="notice">
          <p>No therapist matches every filter you chose. Try removing one of them ({formatList(active.map(([k]) => FILTER_NAMES[k] ?? k))}), or <a href="/contact">ask us</a>: we may know someone.</p>
        </div>
      ) : (
        <ul class="cards">
          {therapists.map((t) => <TherapistCard therapist={t} serviceName={serviceName} />)}
        </ul>
      )}
    </>,
  );
}

const FILTER_NAMES: Record<string, string> = { concern: 'what is happening', who: 'who is coming', service: 'service', language: 'language', format: 'online or in person' };

function Select(props: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => <option value={value} selected={props.value === value}>{label}</option>)}
      </select>
    </div>
  );
}

function TherapistCard({ therapist: t, serviceName }: { therapist: TherapistProfile; serviceName: Map<string, string> }) {
  return (
    <li class="card">
      <h3><a href={`/therapists/${t.slug}`}>{t.name}</a> <span class="muted">({t.pronouns})</span></h3>
      <p>{t.bio}</p>
      <dl class="facts">
        <dt>Helps with</dt><dd>{formatList(concernNames(t.concerns))}</dd>
        <dt>Languages</dt><dd>{formatList(languageNames(t.languages))}</dd>
        <dt>Sessions</dt><dd>{formatList(formatNames(t.formats))}</dd>
        <dt>Fee</dt><dd>{formatMoney(t.feeMinor, t.currency)} for 50 minutes</dd>
        <dt>Offers</dt><dd>{formatList(t.serviceIds.map((id) => serviceName.get(id) ?? '').filter(Boolean))}</dd>
      </dl>
    </li>
  );
}
