// A therapist's page: who they are, how they work, what they help with, when they are next free (each
// time a link into booking), fees and accreditations; schema.org data; nothing from another site.
import type { Context } from 'hono';
import type { PracticeSettings } from '../../db/repositories/practice.ts';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { feeWords, sessionFee } from '../../domain/fees.ts';
import type { Slot } from '../../domain/slots.ts';
import { isValidTimeZone } from '../../domain/time.ts';
import type { Service } from '../../domain/types.ts';
import { availabilitySummary, firstSessionService, firstSessionTimes } from '../../usecases/matching/match.ts';
import { therapistFeeText } from '../components/fee-text.ts';
import { bookHref, FreeTimes } from '../components/free-times.tsx';
import { TherapistPicture } from '../components/picture.tsx';
import type { AppEnv } from '../env.ts';
import { concernNames, formatList, formatNames, languageNames } from '../format.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { notFoundPage } from './errors.tsx';

/** How many free times the profile lists. */
const FREE_TIMES_SHOWN = 4;

const RELATIONSHIP_WORDS = { couple: 'couples', individual: 'individuals', family: 'families', friendship: 'friends' } as const;

export async function therapistProfilePage(c: Context<AppEnv>) {
  const { deps } = c.var;
  const therapist = await deps.repos.therapists.findBySlug(c.req.param('slug') ?? '');
  if (!therapist) return notFoundPage(c);
  const tzParam = c.req.query('tz');
  const viewerZone = tzParam && isValidTimeZone(tzParam) ? tzParam : undefined;
  const [practice, allServices] = await Promise.all([deps.repos.practice.get(), deps.repos.services.listActive()]);
  const services = allServices.filter((s) => therapist.serviceIds.includes(s.id));
  const times = (await firstSessionTimes(deps, [therapist], firstSessionService(services), FREE_TIMES_SHOWN)).get(therapist.id) ?? [];
  const timeZone = viewerZone ?? practice.timeZone;

  return renderPage(
    c,
    {
      title: therapist.name,
      description: `${therapist.name}: ${therapist.approach}`,
      structuredData: structuredData(therapist, services, practice, c.var.deps.config.publicUrl),
    },
    <ProfileBody therapist={therapist} services={services} times={times} timeZone={timeZone} viewerZone={viewerZone} />,
  );
}

/**
 * The page's content, for the public page and for the staff side's preview (`preview`: booking links and
 * free times are not live, since an unlisted therapist cannot be booked yet). A field left empty is left
 * out, never shown as "Works with ." or "0 years in practice".
 */
export function ProfileBody({
  therapist,
  services,
  times,
  timeZone,
  viewerZone,
  preview = false,
}: {
  therapist: TherapistProfile;
  services: Service[];
  times: Slot[];
  timeZone: string;
  viewerZone?: string | undefined;
  preview?: boolean;
}) {
  const firstSession = firstSessionService(services);
  const firstName = therapist.name.split(' ')[0];
  const usually = usualTimes(therapist);
  const fee = services.length > 0 ? therapistFeeText(therapist, services) : undefined;
  const works = therapist.relationships.map((r) => RELATIONSHIP_WORDS[r]);
  return (
    <>
      <div class="profile-head">
        <TherapistPicture name={therapist.name} photo={therapist.photo} size="profile" eager />
        <h1>
          {therapist.name} <span class="muted">({therapist.pronouns})</span>
        </h1>
      </div>
      <div class="prose">
        <p>{therapist.bio}</p>
        <h2>How {firstName} works</h2>
        <p>{therapist.approach}</p>
      </div>
      {therapist.concerns.length > 0 ? (
        <>
          <h2>What {firstName} helps with</h2>
          <ul class="tags">
            {concernNames(therapist.concerns).map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
      {works.length > 0 ? (
        <p>
          Works with {formatList(works)}
          {therapist.psychosexualTrained ? ', and is trained in psychosexual therapy' : ''}.
        </p>
      ) : null}
      <dl class="facts">
        {therapist.accreditations.length > 0 ? (
          <>
            <dt>Accreditations</dt>
            <dd>{formatList(therapist.accreditations)}</dd>
          </>
        ) : null}
        {therapist.languages.length > 0 ? (
          <>
            <dt>Languages</dt>
            <dd>{formatList(languageNames(therapist.languages).sort((a, b) => a.localeCompare(b, 'en-GB')))}</dd>
          </>
        ) : null}
        {therapist.formats.length > 0 ? (
          <>
            <dt>Sessions</dt>
            <dd>{formatList(formatNames(therapist.formats))}</dd>
          </>
        ) : null}
        {usually ? (
          <>
            <dt>Usually works</dt>
            <dd>{usually}</dd>
          </>
        ) : null}
        {therapist.yearsPractising > 0 ? (
          <>
            <dt>Experience</dt>
            <dd>{therapist.yearsPractising === 1 ? '1 year' : `${therapist.yearsPractising} years`} in practice</dd>
          </>
        ) : null}
        {therapist.culturalExperience.length > 0 ? (
          <>
            <dt>Experience of</dt>
            <dd>{formatList(therapist.culturalExperience)}</dd>
          </>
        ) : null}
        {therapist.lgbtqAffirming ? (
          <>
            <dt>LGBTQ+</dt>
            <dd>Affirming practice</dd>
          </>
        ) : null}
        {fee ? (
          <>
            <dt>Fee</dt>
            <dd>
              {fee}
              {firstSession?.priceMinor === 0 ? `; the first ${firstSession.durationMinutes}-minute consultation is free` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {firstSession && preview ? (
        <p class="notice">
          {therapist.active ? 'On the public page' : 'Once listed'}, the next free times for a {firstSession.name.toLowerCase()} show here, each a link into
          booking.
        </p>
      ) : null}
      {firstSession && !preview ? (
        <section aria-labelledby="next-free-title">
          <h2 id="next-free-title">Next free times with {firstName}</h2>
          <p>
            For a {firstSession.name.toLowerCase()} ({firstSession.durationMinutes} minutes). Choose a time to book it; times are in{' '}
            {viewerZone ? 'your time zone' : "the practice's time zone"}.
          </p>
          <FreeTimes
            slots={times}
            serviceRef={serviceRef(firstSession)}
            therapistId={therapist.id}
            therapistName={therapist.name}
            timeZone={timeZone}
            viewerZone={viewerZone}
          />
        </section>
      ) : null}
      {services.length > 0 ? (
        <>
          <h2>Book with {firstName}</h2>
          <ul>
            {services.map((s) => (
              <li>
                {preview ? s.name : <a href={bookHref({ serviceRef: serviceRef(s), therapistId: therapist.id, tz: viewerZone })}>{s.name}</a>} (
                {s.durationMinutes} minutes, {feeWords(sessionFee(s, therapist))})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function usualTimes(t: TherapistProfile): string {
  const a = availabilitySummary(t.weeklyHours);
  return formatList([a.weekdayDaytime ? 'weekday daytimes' : '', a.evenings ? 'evenings' : '', a.saturdays ? 'Saturdays' : ''].filter(Boolean)).replace(
    /^./,
    (ch) => ch.toUpperCase(),
  );
}

/** schema.org Person, with what they know about and offer; nothing a client has said. */
function structuredData(t: TherapistProfile, services: Service[], practice: PracticeSettings, publicUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Person',
    name: t.name,
    url: `${publicUrl}/therapists/${t.slug}`,
    jobTitle: 'Therapist',
    description: t.bio,
    knowsLanguage: t.languages,
    knowsAbout: concernNames(t.concerns),
    hasCredential: t.accreditations.map((name) => ({ '@type': 'EducationalOccupationalCredential', name })),
    worksFor: { '@type': 'MedicalBusiness', name: practice.name, telephone: practice.phone, address: practice.address },
    makesOffer: services.map((s) => ({
      '@type': 'Offer',
      name: s.name,
      price: (sessionFee(s, t).minor / 100).toFixed(2),
      priceCurrency: sessionFee(s, t).currency,
    })),
  };
}
