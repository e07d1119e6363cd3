// /guide: the long-form guide to emotional closeness, its contents list, the FAQ (with schema.org
// FAQPage data) and the related-topics strip.
import type { Context } from 'hono';
import { FAQ, faqPageSchema } from '../../content/faq.ts';
import { GUIDE_INTRO, GUIDE_SECTIONS, GUIDE_TITLE, type GuideSectionId, RELATED_TOPICS } from '../../content/guide.ts';
import { Blocks } from '../components/content-blocks.tsx';
import { RelatedTopics } from '../components/related-topics.tsx';
import { UrgentHelp } from '../components/urgent-help.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';

/** The section where the urgent-help box belongs beside the text (one box: landmarks need unique names). */
const URGENT_HELP_IN: GuideSectionId[] = ['rejection-and-hurt'];

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11-01" → "1 November 2026" (the text as given when it is not a date). */
export function formatIsoDate(iso: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : undefined;
  return d && !Number.isNaN(d.getTime()) ? dateFormat.format(d) : iso;
}

export async function guidePage(c: Context<AppEnv>) {
  const { repos } = c.var.deps;
  const [practice, services] = await Promise.all([repos.practice.get(), repos.services.listActive()]);
  const serviceIds = new Map(services.map((s) => [s.slug, serviceRef(s)]));
  const bookHref = (slug: string | undefined) => {
    const id = slug ? serviceIds.get(slug) : undefined;
    return id ? `/book?service=${encodeURIComponent(id)}` : '/book';
  };
  return renderPage(
    c,
    {
      title: GUIDE_TITLE,
      description: 'What emotional closeness is, what gets in its way, how to build and keep it, and when counselling or therapy can help.',
      structuredData: faqPageSchema(),
      scripts: ['related-topics.js'],
    },
    <article class="guide">
      <h1>{GUIDE_TITLE}</h1>
      <p class="guide__reviewed">
        Last reviewed by {practice.guideReviewedBy} on <time datetime={practice.guideReviewedOn}>{formatIsoDate(practice.guideReviewedOn)}</time>.
      </p>
      <div class="prose">
        <Blocks blocks={GUIDE_INTRO} />
      </div>
      <nav class="contents" aria-labelledby="contents-title">
        <h2 id="contents-title">Contents</h2>
        <ol>
          {GUIDE_SECTIONS.map((s) => (
            <li>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
          <li>
            <a href="#faq">Questions people often ask</a>
          </li>
        </ol>
      </nav>
      {GUIDE_SECTIONS.map((s) => (
        <section id={s.id} class="guide__section" aria-labelledby={`${s.id}-title`}>
          <h2 id={`${s.id}-title`}>{s.title}</h2>
          <div class="prose">
            <Blocks blocks={s.blocks} bookHref={bookHref} />
          </div>
          {URGENT_HELP_IN.includes(s.id) ? <UrgentHelp lines={practice.urgentHelp} headingLevel={3} id={`urgent-help-${s.id}`} /> : null}
          <p class="back-to-contents">
            <a href="#contents-title">Back to contents</a>
          </p>
        </section>
      ))}
      <section id="faq" class="guide__section" aria-labelledby="faq-title">
        <h2 id="faq-title">Questions people often ask</h2>
        <div class="prose">
          {FAQ.map((f) => (
            <div class="faq" id={`faq-${f.id}`}>
              <h3>{f.question}</h3>
              {f.answer.map((a) => (
                <p>{a}</p>
              ))}
            </div>
          ))}
        </div>
      </section>
      <section class="next-steps" aria-labelledby="next-steps-title">
        <h2 id="next-steps-title">Where to go from here</h2>
        <ul class="cards">
          <li class="card">
            <h3>Check in with yourself</h3>
            <p>Fifteen statements about one relationship, answered privately. Nothing is stored.</p>
            <a href="/self-check">Take the self-check</a>
          </li>
          <li class="card">
            <h3>Find someone who fits</h3>
            <p>Say what is happening and what matters to you; we suggest therapists and tell you why.</p>
            <a href="/match">Find your match</a>
          </li>
          <li class="card">
            <h3>Book a first conversation</h3>
            <p>A free 20-minute consultation to talk things through, with no obligation.</p>
            <a href={bookHref('initial-consultation')}>Book a free consultation</a>
          </li>
        </ul>
      </section>
      <RelatedTopics topics={RELATED_TOPICS} />
    </article>,
  );
}
