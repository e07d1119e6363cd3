// Find your match, the results: the best three first (the rest on request, by posting the answers again),
// each with its reasons in words, what it does not meet, the next free times and Book. Book carries only
// the service, the therapist and the visitor's zone: never an answer.
import type { Context } from 'hono';
import { type FitLabel, fitLabel } from '../../domain/match-fit.ts';
import { joinWords, type Match, type TieBreak, type TimeWindow } from '../../domain/matching.ts';
import type { Format } from '../../domain/types.ts';
import { findMatches } from '../../usecases/matching/match.ts';
import { bookHref, FreeTimes } from '../components/free-times.tsx';
import { DomesticAbuseHelp } from '../components/safety-help.tsx';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';
import { serviceRef } from '../service-ref.ts';
import { type Answers, answerFields, isRematch, RESULTS_STEP, safetyOf, toMatchRequest } from './match-answers.ts';
import { RematchForm, RematchNotice, TalkToUs } from './match-rematch.tsx';

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

export async function renderResults(c: Context<AppEnv>, answers: Answers, showAll: boolean, rematchError?: string) {
  const { deps } = c.var;
  const practice = await deps.repos.practice.get();
  const timeZone = answers.tz ?? practice.timeZone;
  const found = await findMatches(deps, toMatchRequest(answers), {
    top: MOST_SHOWN,
    freeTimesEach: 3,
    timeZone,
    misfit: isRematch(answers) ? (answers.misfit ?? 'other') : undefined,
  });
  const { result, therapists, freeTimes, firstSession, request, seen } = found;
  const shown = result.matches.slice(0, showAll ? MOST_SHOWN : FIRST_SHOWN);
  const more = Math.min(result.matches.length, MOST_SHOWN) - shown.length;
  const policy = safetyOf(answers);
  const zoneWords = answers.tz ? `your time zone (${timeZone.replace(/_/g, ' ')})` : `the practice's time zone (${timeZone.replace(/_/g, ' ')})`;
  const timesWords =
    answers.times.length > 0
      ? ` Only times in ${joinWords(
          answers.times.map((w) => TIME_WORDS[w]),
          'or',
        )} are shown, as you asked.`
      : '';

  return renderPage(
    c,
    {
      title: `${rematchError ? 'Error: ' : ''}Find your match: therapists who may suit you`,
      asksAboutFeelings: true,
      urgentHelpFirst: policy.helpFirst,
      quickExit: policy.quickExit,
      scripts: ['viewer-zone.js'],
    },
    <>
      <h1>Therapists who may suit you</h1>
      <p class="prose">
        Ranked by the rules on <a href="/match/how">How we match</a>. Each one says how well they fit, why, and anything they do not offer. Nothing you told us
        has been stored.
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
      {request.rematch ? <RematchNotice seen={seen} misfit={request.rematch.misfit} /> : null}
      {result.relaxed ? (
        <div class="notice notice--warn" role="status" data-relaxed={result.relaxed.requirement}>
          <h2>Nobody meets everything you asked for</h2>
          <p>{result.relaxed.explanation}</p>
        </div>
      ) : null}
      <div class="match-layout">
        <div class="match-main">
          {shown.length === 0 ? (
            <div class="notice">
              <h2>We could not find a therapist who fits</h2>
              <p>
                Go back and change an answer, look through <a href="/therapists">all our therapists</a>, or <a href="/contact">get in touch</a> and we will help
                you find someone.
              </p>
            </div>
          ) : (
            <>
              <p class="muted">
                Free times are for a {firstSession?.name.toLowerCase() ?? 'first session'}, shown in {zoneWords}.{timesWords}
              </p>
              <ol class="matches">
                {shown.map((m, i) => {
                  const t = therapists.get(m.therapistId);
                  const ahead = m.tie ? therapists.get(m.tie.therapistId) : undefined;
                  return t ? (
                    <MatchCard
                      match={m}
                      fit={fitLabel(m, request, result.relaxed !== null)}
                      tiedWith={ahead && m.tie ? { name: ahead.name, because: m.tie.aheadOf } : undefined}
                      rank={i + 1}
                      name={t.name}
                      pronouns={t.pronouns}
                      slug={t.slug}
                      slots={freeTimes.get(t.id) ?? []}
                      firstSessionRef={firstSession ? serviceRef(firstSession) : undefined}
                      timeZone={timeZone}
                      viewerZone={answers.tz}
                      format={answers.format === 'either' ? undefined : answers.format}
                      timesWords={
                        answers.times.length > 0
                          ? joinWords(
                              answers.times.map((w) => TIME_WORDS[w]),
                              'or',
                            )
                          : undefined
                      }
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
          <RematchForm answers={answers} shown={shown} therapists={therapists} error={rematchError} />
          <p>
            <a href="/match">Start again</a> · <a href="/therapists">See all therapists</a>
          </p>
        </div>
        <TalkToUs phone={practice.phone} />
      </div>
    </>,
  );
}

const TIME_WORDS: Record<TimeWindow, string> = { weekday_daytime: 'weekday daytimes', evenings: 'evenings', saturdays: 'Saturdays' };

const FIT_CLASS: Record<FitLabel, string> = { 'Strong fit': 'fit--strong', 'Good fit': 'fit--good', 'Partial fit': 'fit--partial' };

interface MatchCardProps {
  match: Match;
  fit: FitLabel;
  /** Same score as the card before: who that is and what put them first. */
  tiedWith: { name: string; because: TieBreak['aheadOf'] } | undefined;
  rank: number;
  name: string;
  pronouns: string;
  slug: string;
  slots: { start: number; end: number }[];
  firstSessionRef: string | undefined;
  timeZone: string;
  viewerZone: string | undefined;
  /** Online or in person, when the client chose one ("either" carries nothing). */
  format: Format | undefined;
  /** The times of day the person asked for, in words ("evenings"), when they chose any. */
  timesWords: string | undefined;
}

/** "As good a fit as Priya Shah, who comes first only because …" */
function tieWords(tied: NonNullable<MatchCardProps['tiedWith']>, first: string, noTimes: boolean): string {
  if (tied.because === 'sooner') return `As good a fit as ${tied.name}, who comes first only because their next free time is sooner.`;
  if (tied.because === 'has-time')
    return `As good a fit as ${tied.name}, who comes first only because they have a time free to book online and ${first} has none at the moment.`;
  if (noTimes) return `As good a fit as ${tied.name}. Neither has a free time that suits you at the moment, so we list the two by name.`;
  return `As good a fit as ${tied.name}, with the same next free time, so we list the two by name.`;
}

function MatchCard(p: MatchCardProps) {
  const first = p.name.split(' ')[0] ?? p.name;
  const id = `match-${p.rank}`;
  return (
    <li class="card match">
      <h2 id={id}>
        <a href={`/therapists/${p.slug}`}>{p.name}</a> <span class="muted">({p.pronouns})</span>
      </h2>
      <p class={`fit ${FIT_CLASS[p.fit]}`} data-score={String(p.match.score)}>
        <strong>{p.fit}</strong>
      </p>
      {p.tiedWith ? <p class="muted tie">{tieWords(p.tiedWith, first, p.slots.length === 0)}</p> : null}
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
      {p.firstSessionRef ? (
        <>
          <h3>Next free times</h3>
          {p.slots.length === 0 && p.timesWords ? (
            <p class="muted" data-no-times="">
              No free times in {p.timesWords} at the moment. Book with {first} to see every time they have, or call us and we will help.
            </p>
          ) : (
            <FreeTimes
              slots={p.slots}
              serviceRef={p.firstSessionRef}
              therapistId={p.match.therapistId}
              therapistName={p.name}
              timeZone={p.timeZone}
              viewerZone={p.viewerZone}
              format={p.format}
            />
          )}
          <p>
            <a class="button" href={bookHref({ serviceRef: p.firstSessionRef, therapistId: p.match.therapistId, tz: p.viewerZone, format: p.format })}>
              {`Book with ${first}`}
              <span class="visually-hidden"> (a free consultation)</span>
            </a>
          </p>
        </>
      ) : null}
    </li>
  );
}
