// One week's answers side by side, as each member shared them (the week page).
import type { Child } from 'hono/jsx';
import type { CircleMember } from '../../../db/repositories/companion-circles.ts';
import { CSI_CUTOFF, CSI_MAX, checkInWords, type SharedAnswer, scoreCsi, type WeekView } from '../../../domain/companion.ts';
import { decideSafety } from '../../../domain/safety.ts';
import { DIMENSIONS } from '../../../domain/types.ts';
import { weekOfCircle } from '../../../usecases/companion/check-ins.ts';
import { companionPage, OwnSafetyNote } from '../components.tsx';
import { formatDate, formatWhen } from '../format.ts';
import { type CompanionContext, isId, notFound } from '../session.ts';
import { CLOSENESS_LABELS, DIMENSION_QUESTIONS } from './check-in.tsx';

function closenessText(v: number | undefined) {
  return v === undefined ? null : `${v} of 5 · ${CLOSENESS_LABELS[v - 1]}`;
}

interface Column {
  name: string;
  own: boolean;
  answered: boolean;
  shared: SharedAnswer | null;
}

function Cell({ col, children, ownShared }: { col: Column; children: Child | null; ownShared?: boolean }) {
  return (
    <li class="side-by-side__cell">
      <span class="side-by-side__who">{col.own ? 'You' : col.name}</span>
      {children !== null && children !== undefined && children !== '' ? (
        <span class="side-by-side__answer">{children}</span>
      ) : (
        <span class="side-by-side__answer muted">{!col.answered ? 'No answer' : col.own ? 'Left blank' : 'Not shared'}</span>
      )}
      {col.own && col.answered ? <span class="side-by-side__note">{ownShared ? 'Shared with the circle' : 'Only you can see this'}</span> : null}
    </li>
  );
}

export function WeekAnswers({ view, members, viewerId }: { view: WeekView; members: CircleMember[]; viewerId: string }) {
  const own = view.own;
  const columns: Column[] = [
    { name: 'You', own: true, answered: own !== null, shared: null },
    ...(view.revealed
      ? members
          .filter((x) => x.clientId !== viewerId)
          .map((x) => {
            const s = view.others.find((o) => o.memberId === x.clientId) ?? null;
            return { name: x.displayName, own: false, answered: s !== null, shared: s };
          })
      : []),
  ];
  const row = (title: string, render: (col: Column) => { value: Child | null; shared?: boolean }) => (
    <section class="side-by-side" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {columns.map((col) => {
          const { value, shared } = render(col);
          return (
            <Cell col={col} ownShared={shared}>
              {value}
            </Cell>
          );
        })}
      </ul>
    </section>
  );
  const csiOwn = own?.csi ? scoreCsi(own.csi) : null;
  const anyCsi = csiOwn !== null || view.others.some((o) => o.csi);
  return (
    <>
      {DIMENSIONS.map((d) =>
        row(DIMENSION_QUESTIONS[d].label, (col) =>
          col.own ? { value: closenessText(own?.closeness[d]), shared: own?.share[d] } : { value: closenessText(col.shared?.closeness[d]) },
        ),
      )}
      {row('Something appreciated', (col) =>
        col.own ? { value: own?.appreciation || null, shared: own?.share.appreciation } : { value: col.shared?.appreciation ?? null },
      )}
      {row('Would like more of', (col) => (col.own ? { value: own?.moreOf || null, shared: own?.share.moreOf } : { value: col.shared?.moreOf ?? null }))}
      {row('Whether something hurt', (col) => {
        const h = col.own ? (own ? { hurt: own.hurt, words: own.hurtWords } : undefined) : col.shared?.hurt;
        const value = h ? (h.hurt ? (h.words ? `Yes: ${h.words}` : 'Yes') : 'No') : null;
        return { value, shared: col.own ? own?.share.hurt : undefined };
      })}
      {anyCsi
        ? row('Satisfaction score (CSI-4)', (col) => {
            const score = col.own ? csiOwn : (col.shared?.csi ?? null);
            return { value: score ? `${score.total} of ${CSI_MAX}` : null, shared: col.own ? own?.share.csi : undefined };
          })
        : null}
      {csiOwn ? (
        <p class="muted">
          Your satisfaction score this month is {csiOwn.total} of {CSI_MAX}.{' '}
          {csiOwn.belowCutoff
            ? `Scores below ${CSI_CUTOFF} suggest that someone is notably unhappy with their relationship. It is not a diagnosis, and it can change; if it stays low, talking to a therapist can help.`
            : `Scores of ${CSI_CUTOFF} and above are in the range most people who are content with their relationship give.`}{' '}
          Only you see this.
        </p>
      ) : null}
    </>
  );
}

export async function weekPage(c: CompanionContext) {
  const m = c.var.membership;
  const weekId = c.req.param('weekId');
  const found = isId(weekId) ? await weekOfCircle(c.var.deps, m, weekId) : null;
  if (!found?.ok) return notFound(c);
  const { week, members, view } = found.value;
  const tz = m.circle.schedule.timeZone;
  const beforeJoining = week.end <= m.joinedAt;
  const safety = decideSafety({ texts: view.own ? checkInWords(view.own) : [] });
  return companionPage(
    c,
    { title: `Week of ${formatDate(week.start, tz)}: ${m.circle.name}`, feelings: true, membership: m, section: 'check-in', safety },
    <>
      <OwnSafetyNote safety={safety} />
      <h1>Week of {formatDate(week.start, tz)}</h1>
      {beforeJoining ? (
        <p>This week was before you joined the circle, so what the others shared then stays between them.</p>
      ) : view.revealed ? (
        <p>
          {view.answeredCount} of {view.memberCount} answered. Here is what each of you chose to share, side by side.
        </p>
      ) : (
        <p>
          {view.answeredCount} of {view.memberCount} have answered. What the others share appears here once everyone has answered, or on{' '}
          {formatWhen(week.end, tz)}.
          {view.own ? null : (
            <>
              {' '}
              <a href={`/companion/circles/${m.circle.id}/check-in`}>Answer this week's check-in</a>.
            </>
          )}
        </p>
      )}
      {beforeJoining ? null : (
        <>
          <h2>{view.revealed ? 'Your answers, and what the others shared' : 'Your answers'}</h2>
          <WeekAnswers view={view} members={members} viewerId={m.clientId} />
        </>
      )}
    </>,
  );
}
