import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { concernNames, formatList, formatMoney, formatNames, languageNames } from '../format.ts';
import { renderPage } from '../render.tsx';
import { notFoundPage } from './errors.tsx';

export async function therapistProfilePage(c: Context<AppEnv>) {
  const { repos } = c.var.deps;
  const therapist = await repos.therapists.findBySlug(c.req.param('slug') ?? '');
  if (!therapist) return notFoundPage(c);
  const services = (await repos.services.listActive()).filter((s) => therapist.serviceIds.includes(s.id));
  return renderPage(
    c,
    {
      title: therapist.name,
      description: `${therapist.name}: ${therapist.approach}`,
      structuredData: {
        '@context': 'https://schema.org',
        '@type': 'Person',
        name: therapist.name,
        jobTitle: 'Therapist',
        description: therapist.bio,
        knowsLanguage: therapist.languages,
        hasCredential: therapist.accreditations.map((name) => ({ '@type': 'EducationalOccupationalCredential', name })),
      },
    },
    <>
      <h1>{therapist.name} <span class="muted">({therapist.pronouns})</span></h1>
      <div class="prose">
        <p>{therapist.bio}</p>
        <h2>How {therapist.name.split(' ')[0]} works</h2>
        <p>{therapist.approach}</p>
      </div>
      <h2>Helps with</h2>
      <ul class="tags">{concernNames(therapist.concerns).map((n) => <li>{n}</li>)}</ul>
      <dl class="facts">
        <dt>Accreditations</dt><dd>{formatList(therapist.accreditations)}</dd>
        <dt>Languages</dt><dd>{formatList(languageNames(therapist.languages))}</dd>
        <dt>Sessions</dt><dd>{formatList(formatNames(therapist.formats))}</dd>
        <dt>Experience</dt><dd>{therapist.yearsPractising} years in practice</dd>
        <dt>Fee</dt><dd>{formatMoney(therapist.feeMinor, therapist.currency)} for a 50-minute session; the first 20-minute consultation is free</dd>
      </dl>
      <h2>Book with {therapist.name.split(' ')[0]}</h2>
      <ul>
        {services.map((s) => (
          <li>
            <a href={`/book?therapist=${encodeURIComponent(therapist.id)}&service=${encodeURIComponent(s.id)}`}>{s.name}</a>{' '}
            ({s.durationMinutes} minutes, {s.priceMinor === 0 ? 'free' : formatMoney(therapist.feeMinor, therapist.currency)})
          </li>
        ))}
      </ul>
    </>,
  );
}
