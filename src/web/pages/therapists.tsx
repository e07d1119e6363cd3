// The directory: every active therapist, filtered by a plain GET form (a shareable URL that works without
// JavaScript), 20 to a page, each with what they help with, languages, formats, fee and next free time.
import type { Context } from 'hono';
import { z } from 'zod';
import { TIME_WINDOWS, type TimeWindow } from '../../domain/matching.ts';
import { isoDateIn, isValidTimeZone } from '../../domain/time.ts';
import { CONCERN_IDS, CONCERNS, FORMATS, GENDERS, type Gender, languageName, RELATIONSHIPS } from '../../domain/types.ts';
import { DIRECTORY_PAGE_SIZE, type DirectoryFilter, filterToLoosen, SOON_DAYS, searchDirectory } from '../../usecases/matching/match.ts';
import { therapistFeeText } from '../components/fee-text.ts';
import type { AppEnv } from '../env.ts';
import { FORMAT_LABELS, formatMoney } from '../format.ts';
import { renderPage } from '../render.tsx';
import { serviceNamedBy, serviceRef } from '../service-ref.ts';
import { EmptyDirectory, Select, TherapistCard } from './therapists-parts.tsx';

const blank = (v: unknown) => (v === '' ? undefined : v);
/** Fee ceilings offered by the filter, in whole pounds (or the practice's currency). */
export const FEE_BANDS = ['60', '80', '100', '120'] as const;

export const DirectoryQuery = z.object({
  concern: z.preprocess(blank, z.enum(CONCERN_IDS, { error: 'Choose a concern from the list' }).optional()),
  who: z.preprocess(blank, z.enum(RELATIONSHIPS, { error: 'Choose who is coming from the list' }).optional()),
  service: z.preprocess(blank, z.string().max(64).optional()),
  language: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z]{2}$/, 'Choose a language from the list')
      .optional(),
  ),
  format: z.preprocess(blank, z.enum(FORMATS, { error: 'Choose online or in person' }).optional()),
  gender: z.preprocess(blank, z.enum(GENDERS, { error: 'Choose a therapist gender from the list' }).optional()),
  fee: z.preprocess(blank, z.enum(FEE_BANDS, { error: 'Choose a fee from the list' }).optional()),
  time: z.array(z.enum(TIME_WINDOWS, { error: 'Choose times from the list' })).optional(),
  soon: z.preprocess(blank, z.literal('1', { error: 'Tick the box or leave it empty' }).optional()),
  tz: z.preprocess(
    blank,
    z
      .string()
      .max(64)
      .refine((tz) => isValidTimeZone(tz), 'Choose a time zone such as Europe/London')
      .optional(),
  ),
  page: z.preprocess(blank, z.coerce.number({ error: 'Choose a page number' }).int().min(1).max(100_000).optional()),
});
type Query = z.infer<typeof DirectoryQuery>;
type FilterKey = Exclude<keyof Query, 'tz' | 'page'>;

/** The filters in form order, with the words an empty result uses to name them. */
const FILTER_NAMES: Record<FilterKey, string> = {
  concern: 'What is happening',
  who: 'Who is coming',
  service: 'Service',
  language: 'Language',
  format: 'Online or in person',
  gender: 'Therapist’s gender',
  fee: 'Fee',
  time: 'When you can come',
  soon: `Free in the next ${SOON_DAYS} days`,
};
const FILTER_ORDER = Object.keys(FILTER_NAMES) as FilterKey[];

const WHO_LABELS: Record<(typeof RELATIONSHIPS)[number], string> = {
  couple: 'A couple',
  individual: 'Just me',
  family: 'Family members',
  friendship: 'Friends',
};
export const GENDER_LABELS: Record<Gender, string> = { woman: 'A woman', man: 'A man', non_binary: 'Non-binary' };
export const TIME_LABELS: Record<TimeWindow, string> = {
  weekday_daytime: 'Weekday daytimes (Monday to Friday, before 5pm)',
  evenings: 'Evenings (after 6pm)',
  saturdays: 'Saturdays',
};

/** Reads the query: a bad value is reported and left out; the good ones still apply. */
function readQuery(c: Context<AppEnv>): { query: Query; errors: { field: string; message: string }[] } {
  const all = c.req.queries();
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) raw[k] = k === 'time' ? v.filter((x) => x !== '') : (v[0] ?? '');
  const parsed = DirectoryQuery.safeParse(raw);
  if (parsed.success) return { query: parsed.data, errors: [] };
  const errors: { field: string; message: string }[] = [];
  const query: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(DirectoryQuery.shape)) {
    if (key === 'time') {
      const values = Array.isArray(raw.time) ? (raw.time as string[]) : [];
      const good = values.filter((v): v is TimeWindow => (TIME_WINDOWS as readonly string[]).includes(v));
      if (good.length < values.length) errors.push({ field: 'time', message: 'Choose times from the list' });
      query.time = good;
      continue;
    }
    const r = schema.safeParse(raw[key]);
    if (r.success) query[key] = r.data;
    else errors.push({ field: key, message: r.error.issues[0]?.message ?? 'Choose from the list' });
  }
  return { query: query as Query, errors };
}

function toFilter(q: Query): DirectoryFilter {
  return {
    concern: q.concern,
    relationship: q.who,
    serviceId: q.service,
    language: q.language,
    format: q.format,
    gender: q.gender,
    maxFeeMinor: q.fee === undefined ? undefined : Number(q.fee) * 100,
    times: q.time && q.time.length > 0 ? q.time : undefined,
    soon: q.soon === '1' ? true : undefined,
  };
}
const FILTER_FIELD: Record<FilterKey, keyof DirectoryFilter> = {
  concern: 'concern',
  who: 'relationship',
  service: 'serviceId',
  language: 'language',
  format: 'format',
  gender: 'gender',
  fee: 'maxFeeMinor',
  time: 'times',
  soon: 'soon',
};

/** The directory URL for a query, with one filter left out or the page changed. */
function directoryHref(q: Query, change: { without?: FilterKey; page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const key of [...FILTER_ORDER, 'tz' as const]) {
    if (key === change.without) continue;
    const v = q[key];
    if (Array.isArray(v)) for (const x of v) params.append(key, x);
    else if (v !== undefined) params.set(key, String(v));
  }
  if (change.page !== undefined && change.page > 1) params.set('page', String(change.page));
  const s = params.toString();
  return s ? `/therapists?${s}` : '/therapists';
}

const isActive = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);

export async function therapistsPage(c: Context<AppEnv>) {
  const { deps } = c.var;
  const { repos } = deps;
  const { query, errors } = readQuery(c);
  const services = await repos.services.listActive();
  // The service travels in the URL by its reference (an id from an older link is read too, and shown as one).
  const named = serviceNamedBy(services, query.service);
  if (named) query.service = serviceRef(named);
  const filter = { ...toFilter(query), serviceId: named?.id ?? query.service };
  const [practice, allLanguages, found] = await Promise.all([
    repos.practice.get(),
    repos.therapists.languagesSpoken(),
    searchDirectory(deps, filter, query.page ?? 1),
  ]);
  const timeZone = query.tz ?? practice.timeZone;
  const currency = services.find((s) => s.priceMinor > 0)?.currency ?? 'GBP';
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const active = FILTER_ORDER.filter((k) => isActive(query[k]));
  const loosen =
    found.total === 0 && active.length > 0
      ? await filterToLoosen(
          deps,
          filter,
          active.map((k) => FILTER_FIELD[k]),
        )
      : null;
  const loosenKey = loosen ? active.find((k) => FILTER_FIELD[k] === loosen.key) : undefined;
  const first = (found.page - 1) * DIRECTORY_PAGE_SIZE + 1;
  const last = first + found.therapists.length - 1;

  const sortedLanguages = [...allLanguages].sort((a, b) => languageName(a).localeCompare(languageName(b), 'en-GB'));
  const countText = found.totalIsAtLeast ? `More than ${found.total - 1} therapists` : found.total === 1 ? '1 therapist' : `${found.total} therapists`;

  return renderPage(
    c,
    {
      title: 'Our therapists',
      description: 'Therapists for couples, families, friends and individuals: what they help with, languages, formats, fees and when they are free.',
      scripts: ['viewer-zone.js', 'directory.js'],
    },
    <>
      <h1>Our therapists</h1>
      <p class="prose">
        Everyone here is qualified, accredited and supervised. Filter by what matters to you, or <a href="/match">answer a few questions</a> and we will suggest
        who fits best, and say why.
      </p>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="filter-errors" tabindex={-1}>
          <h2 id="filter-errors">Some filters could not be used</h2>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#f-${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="directory">
        <details class="filters-disclosure" id="filters" open={errors.length > 0 ? true : undefined} data-open-wide="">
          <summary>
            Filter therapists
            {active.length > 0 ? (
              <span class="filters-disclosure__count"> ({active.length === 1 ? '1 filter chosen' : `${active.length} filters chosen`})</span>
            ) : null}
          </summary>
          <form class="filters" method="get" action="/therapists#results-title" aria-label="Filter therapists" data-count-form="">
            <div class="filters__grid">
              <Select name="concern" label="What is happening" value={query.concern} options={CONCERNS.map((x) => [x.id, x.name])} />
              <Select name="who" label="Who is coming" value={query.who} options={RELATIONSHIPS.map((r) => [r, WHO_LABELS[r]])} />
              <Select name="service" label="Service" value={query.service} options={services.map((s) => [serviceRef(s), s.name])} />
              <Select name="language" label="Language" value={query.language} options={sortedLanguages.map((l) => [l, languageName(l)])} />
              <Select name="format" label="Online or in person" value={query.format} options={FORMATS.map((f) => [f, FORMAT_LABELS[f]])} />
              <Select name="gender" label="Therapist’s gender" value={query.gender} options={GENDERS.map((g) => [g, GENDER_LABELS[g]])} />
              <Select
                name="fee"
                label="Fee for a 50-minute session"
                value={query.fee}
                options={FEE_BANDS.map((f) => [f, `Up to ${formatMoney(Number(f) * 100, currency)}`])}
              />
            </div>
            <fieldset class="filters__times" aria-describedby="f-time-hint">
              <legend>When you can come</legend>
              <span class="hint" id="f-time-hint">
                Shows therapists who usually have hours at one or more of the times you tick.
              </span>
              {TIME_WINDOWS.map((w, i) => (
                <div class="choice">
                  <input type="checkbox" id={i === 0 ? 'f-time' : `f-time-${i}`} name="time" value={w} checked={query.time?.includes(w) ?? false} />
                  <label for={i === 0 ? 'f-time' : `f-time-${i}`}>{TIME_LABELS[w]}</label>
                </div>
              ))}
              <div class="choice">
                <input type="checkbox" id="f-soon" name="soon" value="1" checked={query.soon === '1'} />
                <label for="f-soon">Has a free time for a first conversation in the next {SOON_DAYS} days</label>
              </div>
            </fieldset>
            <input type="hidden" name="tz" value={query.tz ?? ''} data-viewer-zone="" />
            <p class="filters__actions">
              <button class="button" type="submit" data-show-count="">
                Show therapists
              </button>
              {active.length > 0 ? (
                <a href={query.tz ? `/therapists?tz=${encodeURIComponent(query.tz)}#results-title` : '/therapists#results-title'}>Clear filters</a>
              ) : null}
            </p>
          </form>
        </details>
        <section class="directory__results" aria-labelledby="results-title">
          <h2 id="results-title" tabindex={-1} aria-live="polite" data-total={found.totalIsAtLeast ? undefined : String(found.total)}>
            {countText}
          </h2>
          {found.total === 0 ? (
            <EmptyDirectory
              filtered={active.length > 0}
              loosen={
                loosen && loosenKey
                  ? { key: loosenKey, name: FILTER_NAMES[loosenKey], count: loosen.count, href: directoryHref(query, { without: loosenKey }) }
                  : undefined
              }
              firstSession={found.firstSession}
              timeZone={timeZone}
              viewerZone={query.tz}
              today={isoDateIn(deps.clock.now(), timeZone)}
            />
          ) : (
            <>
              {found.pages > 1 ? (
                <p class="muted">
                  Showing {first} to {last}, by name.
                </p>
              ) : null}
              <ul class="cards directory__cards" aria-labelledby="results-title">
                {found.therapists.map((t, i) => (
                  <TherapistCard
                    therapist={t}
                    serviceName={serviceName}
                    fee={therapistFeeText(t, services)}
                    slots={found.freeTimes.get(t.id) ?? []}
                    firstSession={found.firstSession}
                    timeZone={timeZone}
                    viewerZone={query.tz}
                    eager={i < 2}
                  />
                ))}
              </ul>
              {found.pages > 1 ? (
                <nav class="pager" aria-label="Pages of results">
                  {found.page > 1 ? (
                    <a href={`${directoryHref(query, { page: found.page - 1 })}#results-title`} rel="prev">
                      Previous page
                    </a>
                  ) : (
                    <span />
                  )}
                  <span>{found.totalIsAtLeast ? `Page ${found.page}` : `Page ${found.page} of ${found.pages}`}</span>
                  {found.page < found.pages ? (
                    <a href={`${directoryHref(query, { page: found.page + 1 })}#results-title`} rel="next">
                      Next page
                    </a>
                  ) : (
                    <span />
                  )}
                </nav>
              ) : null}
            </>
          )}
        </section>
      </div>
    </>,
  );
}
