// How we match: the published rules, printed from the same constants the ranking uses, so the page can
// never say one thing while the code does another.
import type { Context } from 'hono';
import { WEEKLY_WINDOW_SQL } from '../../db/repositories/therapists.ts';
import { FIT_BANDS } from '../../domain/match-fit.ts';
import {
  HARD_REQUIREMENTS,
  MATCH_WEIGHTS,
  RELAXATION_ORDER,
  type RelaxableRequirement,
  STYLE_AXES,
  STYLE_LEAN,
  type StyleAxis,
  TIME_WINDOWS,
} from '../../domain/matching.ts';
import { REMATCH_WEIGHTS } from '../../domain/rematch.ts';
import { MATCH_POOL_SIZE } from '../../usecases/matching/match.ts';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { TIME_LABELS } from './therapists.tsx';

const REQUIREMENT_NAMES: Record<RelaxableRequirement, string> = {
  format: 'online or in person',
  service: 'the service you chose',
  language: 'language',
  relationship: 'who is coming',
};

export function howWeMatchPage(c: Context<AppEnv>) {
  return renderPage(
    c,
    {
      title: 'How we match',
      description: 'The rules Find your match uses to suggest therapists: what must fit, what adds points, and what happens when nobody fits everything.',
    },
    <>
      <h1>How we match</h1>
      <div class="prose">
        <p>
          Find your match suggests therapists by fixed, published rules. No therapist pays to appear higher, and nothing is hidden: the tables below are printed
          from the same code that does the ranking. Your answers are used once, to work out the list, and are not stored unless you book.
        </p>
        <h2 id="must-fit">What must fit</h2>
        <p>A therapist is only suggested when all of these hold:</p>
        <ul class="how-requirements">
          {HARD_REQUIREMENTS.map((h) => (
            <li data-requirement={h.id}>
              {h.description} {h.relaxable ? null : <strong>This one is never relaxed.</strong>}
            </li>
          ))}
        </ul>
        <h2 id="points">What adds points</h2>
        <p>Among the therapists who fit, each of your wishes they meet adds points. The most points come first.</p>
      </div>
      <table class="how-weights">
        <caption class="visually-hidden">Points for each wish a therapist meets</caption>
        <thead>
          <tr>
            <th scope="col">Your wish</th>
            <th scope="col">Points</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(MATCH_WEIGHTS).map(([key, w]) => (
            <tr data-weight={key}>
              <th scope="row">{w.label}</th>
              <td>{w.points}</td>
              <td>{w.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="prose">
        <h3>Times</h3>
        <p>We read when a therapist usually works from their weekly hours:</p>
        <ul>
          {TIME_WINDOWS.map((w) => (
            <li>
              {TIME_LABELS[w]}: {timeRule(w)}
            </li>
          ))}
        </ul>
        <h3>Therapy style</h3>
        <p>
          Therapists describe their own style on three scales, each from −1 to 1. We count a style preference as met when the therapist leans at least{' '}
          {STYLE_LEAN} towards your side of the scale:
        </p>
        <ul>
          {(Object.keys(STYLE_AXES) as StyleAxis[]).map((axis) => (
            <li>
              {STYLE_AXES[axis].highLabel} or {STYLE_AXES[axis].lowLabel}
            </li>
          ))}
        </ul>
        <p>These scales follow the spirit of the Cooper-Norcross Inventory of Preferences, a free questionnaire about what people want from therapy.</p>
        <h3>Which free times we show</h3>
        <p>
          If you told us when you could come, we only show free times in those times of day, read in your own time zone: weekday daytimes start before 17:00
          from Monday to Friday, evenings start at 18:00 or later on any day, and Saturdays are any time on a Saturday.
        </p>
        <h2 id="fit">How well they fit, in words</h2>
        <p>Instead of points, each therapist is labelled by the share of the points your answers could give that they get:</p>
        <ul class="how-fit">
          {FIT_BANDS.map((b) => (
            <li data-fit={b.label}>
              <strong>{b.label}</strong>: {b.description}.
            </li>
          ))}
        </ul>
        <h2 id="ties">When two therapists have the same points</h2>
        <p>
          The one who is free sooner for a first conversation comes first. If that is the same too, they are listed by name. The results say so under the second
          of the two.
        </p>
        <h2 id="rematch">Not the right fit?</h2>
        <p>
          From the results, or from a booking, you can match again without the therapists you saw. Your answers stay as they were, and what did not fit adds
          points of its own:
        </p>
        <ul class="how-rematch">
          <li data-rematch="approach">
            Their way of working: {REMATCH_WEIGHTS.approach.points} points {REMATCH_WEIGHTS.approach.description}.
          </li>
          <li data-rematch="availability">
            Their free times: {REMATCH_WEIGHTS.availability.points} points {REMATCH_WEIGHTS.availability.description}.
          </li>
          <li data-rematch="fee">
            Their fee: {REMATCH_WEIGHTS.fee.points} points {REMATCH_WEIGHTS.fee.description}.
          </li>
          <li data-rematch="other">Something else: nobody gets extra points; the therapists you saw are simply left out.</li>
        </ul>
        <h2 id="relaxing">When nobody fits everything</h2>
        <p>
          If no therapist meets every requirement, we drop the least important one that lets us find someone, and we tell you which one we dropped. We never
          drop more than one. We try them in this order:
        </p>
        <ol class="how-relaxation">
          {RELAXATION_ORDER.map((r) => (
            <li data-relaxation={r}>{REQUIREMENT_NAMES[r]}</li>
          ))}
        </ol>
        <h2 id="safety">Safety</h2>
        <p>
          If you are coming as a couple, we ask each of you privately whether anything at home makes you afraid. If the answer is yes, we suggest a first
          session on your own and only show therapists who see people individually. That answer is shown only to the person who gave it, and never stored.
        </p>
        <h2 id="size">In a very large directory</h2>
        <p>
          When more than {MATCH_POOL_SIZE} therapists meet the requirements, we first take the {MATCH_POOL_SIZE} with the most points for concerns, times,
          budget, gender and LGBTQ+ affirming practice (where they tie, in a fixed order that favours no name), then rank those by every rule above.
        </p>
        <p>
          <a class="button" href="/match">
            Find your match
          </a>
        </p>
      </div>
    </>,
  );
}

const DAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A window's rule in words, from the same table the filter and the ranking use. */
function timeRule(w: (typeof TIME_WINDOWS)[number]): string {
  const r = WEEKLY_WINDOW_SQL[w];
  const [from, to] = r.weekdays;
  const days = from === 1 && to === 7 ? 'any day' : from === to ? `a ${DAYS[from]}` : `${DAYS[from]} to ${DAYS[to]}`;
  const conditions = [r.startBefore ? `start before ${r.startBefore}` : '', r.endAfter ? `end after ${r.endAfter}` : ''].filter(Boolean);
  return `hours on ${days}${conditions.length > 0 ? ` that ${conditions.join(' and ')}` : ''}`;
}
