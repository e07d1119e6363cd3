// The related-topics strip: without JavaScript a plain list of links; with src/assets/related-topics.ts a
// horizontally scrolling row with Previous and Next buttons. It never moves on its own.
import type { RelatedTopic } from '../../content/guide.ts';

export function RelatedTopics({ topics, id = 'related', title = 'Related topics' }: { topics: RelatedTopic[]; id?: string; title?: string }) {
  return (
    <section class="related" aria-labelledby={`${id}-title`} data-related="">
      <div class="related__head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div class="related__controls" data-related-controls="" hidden>
          <button type="button" class="button button--secondary" data-related-prev="" aria-controls={`${id}-list`}>
            <span aria-hidden="true">←</span> Previous<span class="visually-hidden"> topics</span>
          </button>
          <button type="button" class="button button--secondary" data-related-next="" aria-controls={`${id}-list`}>
            Next<span class="visually-hidden"> topics</span> <span aria-hidden="true">→</span>
          </button>
        </div>
      </div>
      <ul class="related__list" id={`${id}-list`}>
        {topics.map((t) => (
          <li class="related__item">
            <a href={t.href}>
              <strong>{t.title}</strong>
              {t.summary ? <span>{t.summary}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
