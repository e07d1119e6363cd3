// Find your match, the results: the best three first (the rest on request, by posting the answers again),
// each with its reasons in words, what it does not meet, the next free times and Book. Book carries only
// the service, the therapist and the visitor's zone: never an answer.
import type { Context } from 'hono';
import type { Match } from '../../domain/matching.ts';
import type { Format } from '../../domain/types.ts';
import { findMatches } from '../../usecases/matching/match.ts';
import { bookHref, FreeTimes } from '../components/free-times.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { type Answers, answerFields, RESULTS_STEP, safetyOf, toMatchRequest } from './match-answers.ts';

/** How many matches show first, and the most "Show more" adds up to. */
export const FIRST_SHOWN = 3;
export const MOST_SHOWN = 20;
/** The answers of every step but the given fields, as hidden fields; and the visitor's zone. */
export function HiddenAnswers({ answers, except = [] }: { answers: Answers; except?: string[] }) {
  return (
    <>
      {answerFields(answers)
        .filter(([name]) => !except.includes(name))
        .map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
      <input type="hidden" name="tz" value={answers.tz ?? ''} data-viewer-zone="" />
    </>
  );
}

export async function renderResults(c: Context<AppEnv>, answers: Answers, showAll: boolean) {
  const { deps } = c.var;
  const practice = await deps.repos.practice.get();
  const { result, therapists, freeTimes, firstSession } = await findMatches(deps, toMatchRequest(answers), { top: MOST_SHOWN, freeTimesEach: 3 });
  const timeZone = answers.tz ?? practice.timeZone;
  const shown = result.matches.slice(0, showAll ? MOST_SHOWN : FIRST_SHOWN);
  const more = Math.min(result.matches.length, MOST_SHOWN) - shown.length;
  const policy = safetyOf(answers);

  return renderPage(
    c,
    {
      title: 'Find your match: therapists who may suit you',
      asksAboutFeelings: true,
      urgentHelpFirst: policy.helpFirst,
      quickExit: policy.quickExit,
      scripts: ['viewer-zone.js'],
    },
    <>
      <h1>Therapists who may suit you</h1>
      <p class="prose">
        Ranked by the rules on <a href="/match/how">How we match</a>. Each one says why they may fit, and anything they do not offer. Nothing you told us has
        been stored.
      </p>
      {result.suggestIndividualFirst ? (
        <div class="notice" role="status">
          <h2>We suggest a first session on your own</h2>
          <p>
            Book the free consultation for yourself only. You can talk to the therapist in confidence about what is happening at home and what would feel safe.
          </p>
        </div>
      ) : null}
      {policy.domesticAbuseHelp ? <DomesticAbuseHelp /> : null}
      {result.relaxed ? (
        <div class="notice notice--warn" role="status" data-relaxed={result.relaxed.requirement}>
          <h2>Nobody meets everything you asked for</h2>
          <p>{result.relaxed.explanation}</p>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <div class="notice">
          <h2>We could not find a therapist who fits</h2>
          <p>
            Go back and change an answer, look through <a href="/therapists">all our therapists</a>, or <a href="/contact">get in touch</a> and we will help you
            find someone.
          </p>
        </div>
      ) : (
        <>
          <p class="muted">
            Free times are for a {firstSession?.name.toLowerCase() ?? 'first session'}, shown in{' '}
            {answers.tz ? `your time zone (${timeZone.replace(/_/g, ' ')})` : `the practice's time zone (${timeZone.replace(/_/g, ' ')})`}.
          </p>
          <ol class="matches">
            {shown.map((m, i) => {
              const t = therapists.get(m.therapistId);
              return t ? (
                <MatchCard
                  match={m}
                  rank={i + 1}
                  name={t.name}
                  pronouns={t.pronouns}
                  slug={t.slug}
                  slots={freeTimes.get(t.id) ?? []}
                  firstSessionId={firstSession?.id}
                  timeZone={timeZone}
                  viewerZone={answers.tz}
                  format={answers.format === 'either' ? undefined : answers.format}
                />
              ) : null;
            })}
          </ol>
        </>
      )}
      <form method="post" action="/match" class="match-actions">
        <input type="hidden" name="step" value={String(RESULTS_STEP)} />
        <HiddenAnswers answers={answers} />
        {more > 0 ? (
          <button class="button" type="submit" name="go" value="more">
            Show {more} more
          </button>
        ) : null}
        <button class="button button--secondary" type="submit" name="go" value="back">
          Back
        </button>
      </form>
      <p>
        <a href="/match">Start again</a> · <a href="/therapists">See all therapists</a>
      </p>
    </>,
  );
}

interface MatchCardProps {
  match: Match;
  rank: number;
  name: string;
  pronouns: string;
  slug: string;
  slots: { start: number; end: number }[];
  firstSessionId: string | undefined;
  timeZone: string;
  viewerZone: string | undefined;
  /** Online or in person, when the client chose one ("either" carries nothing). */
  format: Format | undefined;
}

function MatchCard(p: MatchCardProps) {
  const first = p.name.split(' ')[0];
  const id = `match-${p.rank}`;
  return (
    <li class="card match">
      <h2 id={id}>
        <a href={`/therapists/${p.slug}`}>{p.name}</a> <span class="muted">({p.pronouns})</span>
      </h2>
      <p class="muted">{p.match.score} points</p>
      <h3>Why {first} may suit you</h3>
      <ul class="reasons">
        {p.match.reasons.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      {p.match.unmet.length > 0 ? (
        <>
          <h3>Worth knowing</h3>
          <ul class="unmet">
            {p.match.unmet.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.firstSessionId ? (
        <>
          <h3>Next free times</h3>
          <FreeTimes
            slots={p.slots}
            serviceId={p.firstSessionId}
            therapistId={p.match.therapistId}
            therapistName={p.name}
            timeZone={p.timeZone}
            viewerZone={p.viewerZone}
            format={p.format}
          />
          <p>
            <a class="button" href={bookHref({ serviceId: p.firstSessionId, therapistId: p.match.therapistId, tz: p.viewerZone, format: p.format })}>
              Book<span class="visually-hidden"> a free consultation</span> with {first}
            </a>
          </p>
        </>
      ) : null}
    </li>
  );
}
