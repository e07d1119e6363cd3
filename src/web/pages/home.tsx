import type { Context } from 'hono';
import { telHref } from '../components/layout.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';

export async function homePage(c: Context<AppEnv>) {
  const practice = await c.var.deps.repos.practice.get();
  return renderPage(
    c,
    { title: 'Relationship and intimacy counselling', description: 'Understand what is happening between you, check in privately, and book a first session with a therapist who fits.', asksAboutFeelings: false },
    <>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">Feel close again</h1>
        <p class="prose">
          We help couples, families, friends and people on their own who feel distant from the people who matter to them: when talking has
          become hard, trust has been broken, or closeness and intimacy have faded.
        </p>
        <p>
          <a class="button" href="/book">Book a free first conversation</a>{' '}
          <a class="button button--secondary" href={telHref(practice.phone)}>Call us on {practice.phone}</a>
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
          <p>A private self-check: fifteen statements, nothing stored, with ideas for what to try next.</p>
          <a href="/self-check">Take the self-check</a>
        </li>
        <li class="card">
          <h3>3. Find someone and book</h3>
          <p>See who works with what you are facing, in your language, online or in person, and book a time.</p>
          <a href="/match">Find your match</a> · <a href="/therapists">View therapists</a>
        </li>
      </ol>
    </>,
  );
}
