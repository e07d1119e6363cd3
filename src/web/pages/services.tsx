// /services and /services/{slug}: what happens, how long, fees (from the services table), who offers it
// (from the therapists table), and a Book link.
import type { Context } from 'hono';
import { RELATED_TOPICS } from '../../content/guide.ts';
import { serviceContent } from '../../content/services.ts';
import type { TherapistProfile } from '../../db/repositories/therapists.ts';
import { fromWords, serviceFee } from '../../domain/fees.ts';
import type { Service } from '../../domain/types.ts';
import { Blocks } from '../components/content-blocks.tsx';
import { RelatedTopics } from '../components/related-topics.tsx';
import type { AppEnv } from '../env.ts';
import { concernNames, formatList, formatNames, languageNames } from '../format.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { notFoundPage } from './errors.tsx';

export const bookHref = (service: Service) => `/book?service=${encodeURIComponent(serviceRef(service))}`;

/** "Free of charge", "£95 a session" or "From £60 a session": the real fees of the therapists who offer it (domain/fees.ts). */
function fee(service: Service, therapists: readonly TherapistProfile[]) {
  const price = serviceFee(service, therapists);
  return price.kind === 'free' ? 'Free of charge' : `${fromWords(price).replace(/^f/, 'F')} a session`;
}

export async function servicesPage(c: Context<AppEnv>) {
  const [services, therapists] = await Promise.all([c.var.deps.repos.services.listActive(), c.var.deps.repos.therapists.search()]);
  return renderPage(
    c,
    {
      title: 'Our services',
      description:
        'Couples counselling, family and friendship counselling, individual therapy and psychosexual therapy: what happens, how long it takes and what it costs.',
    },
    <>
      <h1>Our services</h1>
      <p class="prose">
        Whether you come as a couple, as a family, as friends or on your own, every kind of support starts the same way: a conversation about what is happening
        and what you would like to change. If you are not sure which service suits you, begin with the free consultation.
      </p>
      <ul class="cards">
        {services.map((s) => {
          const content = serviceContent(s.slug);
          return (
            <li class="card">
              <h2>
                <a href={`/services/${s.slug}`}>{content?.title ?? s.name}</a>
              </h2>
              <p>{content?.summary ?? s.summary}</p>
              <dl class="facts">
                <dt>How long</dt>
                <dd>{s.durationMinutes} minutes</dd>
                <dt>Fee</dt>
                <dd>{fee(s, therapists)}</dd>
              </dl>
              <p>
                <a class="button" href={bookHref(s)}>
                  Book<span class="visually-hidden"> {content?.title ?? s.name}</span>
                </a>
              </p>
            </li>
          );
        })}
      </ul>
    </>,
  );
}

export async function servicePage(c: Context<AppEnv>) {
  const { repos } = c.var.deps;
  const service = await repos.services.findBySlug(c.req.param('slug') ?? '');
  if (!service?.active) return notFoundPage(c);
  const content = serviceContent(service.slug);
  const therapists = await repos.therapists.search({ serviceId: service.id });
  const title = content?.title ?? service.name;
  const related = RELATED_TOPICS.filter((t) => t.anchor !== content?.guideAnchor);
  return renderPage(
    c,
    { title, description: content?.summary ?? service.summary, scripts: ['related-topics.js'] },
    <>
      <p class="breadcrumbs">
        <a href="/services">Our services</a>
      </p>
      <h1>{title}</h1>
      <p class="prose lead">{content?.summary ?? service.summary}</p>
      <dl class="facts service-facts">
        <dt>How long</dt>
        <dd>{content?.howLong ?? `${service.durationMinutes} minutes`}</dd>
        <dt>Fee</dt>
        <dd>
          {fee(service, therapists)}
          {serviceFee(service, therapists).kind === 'from' ? <span class="muted"> (each therapist’s profile shows their own fee)</span> : null}
        </dd>
        <dt>Online or in person</dt>
        <dd>{therapists.length ? formatList(formatNames([...new Set(therapists.flatMap((t) => t.formats))].sort())) : 'Ask us'}</dd>
      </dl>
      <p>
        <a class="button" href={bookHref(service)}>
          {content?.bookLabel ?? `Book ${service.name.toLowerCase()}`}
        </a>
      </p>
      {content ? (
        <>
          <section aria-labelledby="what-happens">
            <h2 id="what-happens">What happens</h2>
            <div class="prose">
              <Blocks blocks={content.whatHappens} />
            </div>
          </section>
          {content.waysItHelps ? (
            <section aria-labelledby="ways-it-helps">
              <h2 id="ways-it-helps">How it can help</h2>
              <ul class="prose">
                {content.waysItHelps.map((w) => (
                  <li>
                    {w.term ? <strong>{w.term}: </strong> : null}
                    {w.text}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="who-for">
            <h2 id="who-for">Who it is for</h2>
            <ul class="prose">
              {content.whoFor.map((w) => (
                <li>{w.text}</li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
      <section aria-labelledby="who-offers">
        <h2 id="who-offers">Who offers it</h2>
        {therapists.length === 0 ? (
          <p>
            Nobody is offering this service just now. <a href="/contact">Get in touch</a> and we will help you find the right support.
          </p>
        ) : (
          <ul class="cards">
            {therapists.map((t) => (
              <li class="card">
                <h3>
                  <a href={`/therapists/${t.slug}`}>{t.name}</a> <span class="muted">({t.pronouns})</span>
                </h3>
                <dl class="facts">
                  <dt>Helps with</dt>
                  <dd>{formatList(concernNames(t.concerns))}</dd>
                  <dt>Languages</dt>
                  <dd>{formatList(languageNames(t.languages))}</dd>
                  <dt>Sessions</dt>
                  <dd>{formatList(formatNames(t.formats))}</dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      {content?.guideAnchor ? (
        <p>
          <a href={`/guide#${content.guideAnchor}`}>Read more in our guide</a>
        </p>
      ) : null}
      <RelatedTopics topics={related} />
    </>,
  );
}
