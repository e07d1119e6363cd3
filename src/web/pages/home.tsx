// /: what the practice helps with, three paths (understand → check in → find someone and book), Call us,
// and where to get urgent help.
import type { Context } from 'hono';
import { serviceContent } from '../../content/services.ts';
import { CONCERNS } from '../../domain/types.ts';
import { telHref } from '../components/layout.tsx';
import { UrgentHelp } from '../components/urgent-help.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';

const PEOPLE = [
  { title: 'Couples', text: 'Partners who feel far apart, keep having the same argument, or want to rebuild trust or desire.' },
  { title: 'Families', text: 'Parents, grown-up children, brothers and sisters who have stopped talking or keep clashing.' },
  { title: 'Friends', text: 'Close friends who want to mend a friendship that matters to them.' },
  { title: 'You, on your own', text: 'Anyone who finds it hard to open up, trust others or feel close, in a relationship or not.' },
];

export async function homePage(c: Context<AppEnv>) {
  const { repos } = c.var.deps;
  const [practice, services] = await Promise.all([repos.practice.get(), repos.services.listActive()]);
  const consultation = services.find((s) => s.slug === 'initial-consultation');
  return renderPage(
    c,
    {
      title: 'Relationship and intimacy counselling',
      description: 'Understand what is happening between you, check in privately, and book a first session with a therapist who fits.',
    },
    <>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">Feel close again</h1>
        <p class="prose">
          We help couples, families, friends and people on their own who feel distant from the people who matter to them: when talking has become hard, trust
          has been broken, or closeness and intimacy have faded.
        </p>
        <p class="hero__actions">
          <a class="button" href={consultation ? `/book?service=${encodeURIComponent(serviceRef(consultation))}` : '/book'}>
            Book a free first conversation
          </a>{' '}
          <a class="button button--secondary" href={telHref(practice.phone)}>
            Call us on {practice.phone}
          </a>
        </p>
      </section>

      <h2>Three steps, at your own pace</h2>
      <ol class="paths">
        <li class="card">
          <h3>1. Understand</h3>
          <p>Read our guide to emotional closeness: what it is, what gets in its way, and what helps.</p>
          <a href="/guide">Read the guide</a>
        </li>
        <li class="card">
          <h3>2. Check in with yourself</h3>
          <p>A private self-check: fifteen statements and one picture, nothing stored, with ideas for what to try next.</p>
          <a href="/self-check">Take the self-check</a>
        </li>
        <li class="card">
          <h3>3. Find someone and book</h3>
          <p>See who works with what you are facing, in your language, online or in person, and book a time.</p>
          <a href="/match">Find your match</a> · <a href="/therapists">View therapists</a>
        </li>
      </ol>

      <section aria-labelledby="who-we-help">
        <h2 id="who-we-help">Who we help</h2>
        <ul class="cards">
          {PEOPLE.map((p) => (
            <li class="card">
              <h3>{p.title}</h3>
              <p>{p.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="what-we-help-with">
        <h2 id="what-we-help-with">What we help with</h2>
        <ul class="tags tags--large">
          {CONCERNS.map((concern) => (
            <li>{concern.name}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="services-title">
        <h2 id="services-title">Ways we work</h2>
        <ul class="cards">
          {services.map((s) => (
            <li class="card">
              <h3>
                <a href={`/services/${s.slug}`}>{serviceContent(s.slug)?.title ?? s.name}</a>
              </h3>
              <p>{s.summary}</p>
            </li>
          ))}
        </ul>
        <p>
          <a href="/services">All services, fees and who offers them</a>
        </p>
      </section>

      <section class="call-us" aria-labelledby="call-us-title">
        <h2 id="call-us-title">Call us</h2>
        <p>
          Would you rather talk to someone? Call <a href={telHref(practice.phone)}>{practice.phone}</a> ({practice.openingHours}), or{' '}
          <a href="/contact">send us a message or ask us to call you back</a>.
        </p>
      </section>

      <UrgentHelp lines={practice.urgentHelp} />
    </>,
  );
}
