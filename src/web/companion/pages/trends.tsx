// Trends: a member's own answers over time by dimension, their satisfaction score (couples), and what
// each of them shared, as SVG charts with the same figures in tables.
import { CSI_CUTOFF, CSI_MAX, scoreCsi } from '../../../domain/companion.ts';
import { DIMENSIONS } from '../../../domain/types.ts';
import { circleTrends } from '../../../usecases/companion/trends.ts';
import { LineChart } from '../chart.tsx';
import { companionPage, OwnSafetyNote, SupportNote } from '../components.tsx';
import { formatShort } from '../format.ts';
import type { CompanionContext } from '../session.ts';
import { DIMENSION_QUESTIONS } from './check-in.tsx';

function DataTable({ id, caption, head, rows }: { id: string; caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <section class="table-scroll" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="data-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((v) => (
                <td class="num">{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export async function trendsPage(c: CompanionContext) {
  const m = c.var.membership;
  const tz = m.circle.schedule.timeZone;
  const { history, advice, safety, members, sharedWeeks, sharers } = await circleTrends(c.var.deps, m);
  const ownLabels = history.map((h) => formatShort(h.week.start, tz));
  const csi = history.filter((h) => h.answer.csi).map((h) => ({ label: formatShort(h.week.start, tz), score: scoreCsi(h.answer.csi!) }));
  const nameOf = (id: string) => (id === m.clientId ? 'You' : (members.find((x) => x.clientId === id)?.displayName ?? 'Someone'));

  return companionPage(
    c,
    { title: `Trends: ${m.circle.name}`, feelings: true, membership: m, section: 'trends', safety },
    <>
      <OwnSafetyNote safety={safety} />
      <h1>Trends</h1>
      <SupportNote advice={advice} kind={m.circle.kind} circleId={m.circle.id} safety={safety} />
      <h2>Your closeness over time</h2>
      {history.length === 0 ? (
        <p>Your answers appear here after your first check-in. Only you see this chart.</p>
      ) : (
        <>
          <p class="muted">Only you see this: it is drawn from all your own answers, shared or not. 1 is far apart, 5 very close.</p>
          <div class="chart-pair">
            <LineChart
              id="own"
              title="Your closeness over time"
              description={`Your answers from ${ownLabels[0]} to ${ownLabels.at(-1)}, one line per kind of closeness, from 1 to 5. The same figures are in the table below.`}
              xLabels={ownLabels}
              series={DIMENSIONS.map((d) => ({ name: DIMENSION_QUESTIONS[d].short, values: history.map((h) => h.answer.closeness[d]) }))}
              yMin={1}
              yMax={5}
              yTicks={[1, 2, 3, 4, 5]}
            />
            <DataTable
              id="own-table"
              caption="Your answers, week by week"
              head={['Week of', ...DIMENSIONS.map((d) => DIMENSION_QUESTIONS[d].short), 'Something hurt']}
              rows={history.map((h, i) => [ownLabels[i]!, ...DIMENSIONS.map((d) => h.answer.closeness[d]), h.answer.hurt ? 'Yes' : 'No'])}
            />
          </div>
        </>
      )}
      {csi.length > 0 ? (
        <>
          <h2>Your satisfaction score</h2>
          <p class="muted">
            The monthly four-item Couples Satisfaction Index, scored from 0 to {CSI_MAX}. Scores below {CSI_CUTOFF} suggest notable unhappiness with the
            relationship. It is a guide, not a diagnosis. Only you see this unless you shared a score.
          </p>
          <div class="chart-pair">
            <LineChart
              id="csi"
              title="Your satisfaction score over time"
              description={`Your monthly scores, from 0 to ${CSI_MAX}, with the cut-off of ${CSI_CUTOFF} marked. The same figures are in the table below.`}
              xLabels={csi.map((x) => x.label)}
              series={[{ name: 'Your score', values: csi.map((x) => x.score.total) }]}
              yMin={0}
              yMax={CSI_MAX}
              yTicks={[0, 7, 14, 21]}
              threshold={{ value: CSI_CUTOFF, label: `cut-off ${CSI_CUTOFF}` }}
            />
            <DataTable
              id="csi-table"
              caption="Your satisfaction scores"
              head={['Month of', 'Score', `Below ${CSI_CUTOFF}`]}
              rows={csi.map((x) => [x.label, x.score.total, x.score.belowCutoff ? 'Yes' : 'No'])}
            />
          </div>
        </>
      ) : null}
      <h2>What you have shared with each other</h2>
      {sharedWeeks.length === 0 ? (
        <p>Once others in the circle share how close they felt, and the week's answers are revealed, you can see them here side by side.</p>
      ) : (
        DIMENSIONS.map((d) => (
          <>
            <h3>{DIMENSION_QUESTIONS[d].label}</h3>
            <div class="chart-pair">
              <LineChart
                id={`shared-${d}`}
                title={`Shared answers: ${DIMENSION_QUESTIONS[d].short.toLowerCase()}`}
                description="One line per person, from 1 to 5, for the weeks in which they shared this answer. The same figures are in the table below."
                xLabels={sharedWeeks.map((w) => formatShort(w.week.start, tz))}
                series={sharers.map((id) => ({ name: nameOf(id), values: sharedWeeks.map((w) => w.values.get(id)?.[d] ?? null) }))}
                yMin={1}
                yMax={5}
                yTicks={[1, 2, 3, 4, 5]}
              />
              <DataTable
                id={`shared-${d}-table`}
                caption={`Shared answers, week by week: ${DIMENSION_QUESTIONS[d].short.toLowerCase()}`}
                head={['Week of', ...sharers.map(nameOf)]}
                rows={sharedWeeks.map((w) => [formatShort(w.week.start, tz), ...sharers.map((id) => w.values.get(id)?.[d] ?? 'Not shared')])}
              />
            </div>
          </>
        ))
      )}
    </>,
  );
}
