// Server-rendered SVG line charts: no script, readable in print. Each series has its own colour, dash
// pattern and marker shape, so it can be told apart without colour, and its name written at its end. Lines
// that share values are kept apart: each series is drawn a few pixels above or below the value (the same
// for the whole line, so its shape is true) and markers at the same point are set side by side. The data
// is always also in a table beside the chart (src/web/companion/pages/trends.tsx).

export interface ChartSeries {
  name: string;
  /** One value per x label; null where there is none. */
  values: (number | null)[];
}

export interface LineChartProps {
  id: string;
  title: string;
  description: string;
  xLabels: string[];
  series: ChartSeries[];
  yMin: number;
  yMax: number;
  yTicks: number[];
  /** A horizontal reference line, e.g. a published cut-off. */
  threshold?: { value: number; label: string };
}

const COLOURS = ['#2f5d62', '#b4532a', '#5a2a82', '#1d2430', '#1f6f43', '#a4262c', '#6b5300', '#34558b'];
const DASHES = ['', '10 6', '2 6', '14 5 3 5'];
const W = 640;
const H = 300;
const PAD = { left: 40, right: 175, top: 18, bottom: 40 };
const FONT = 17;
/** How far apart (in the chart's units) lines with the same values are drawn, and markers at one point. */
const DODGE_Y = 5;
const DODGE_X = 9;
/** Direct labels at the lines' ends never closer than this. */
const LABEL_GAP = 18;

/** Each series' vertical offset: spread evenly around the true value, none for a single series. */
export const dodgeOf = (si: number, count: number) => (count <= 1 ? 0 : (si - (count - 1) / 2) * DODGE_Y);

/**
 * Horizontal offsets of markers: where several series have the same value at the same point, their
 * markers are set side by side (in series order); elsewhere they stay on the point.
 */
export function markerOffsets(series: readonly ChartSeries[]): number[][] {
  return series.map((s, si) =>
    s.values.map((v, i) => {
      if (v === null) return 0;
      const same = series.map((o, oi) => (o.values[i] === v ? oi : -1)).filter((oi) => oi >= 0);
      if (same.length <= 1) return 0;
      return (same.indexOf(si) - (same.length - 1) / 2) * DODGE_X;
    }),
  );
}

/** The y of each series' end label: at its last value, pushed apart so that no two overlap. */
export function labelPositions(ends: readonly (number | null)[], top: number, bottom: number): (number | null)[] {
  const order = ends.map((y, i) => ({ y, i })).filter((e): e is { y: number; i: number } => e.y !== null);
  order.sort((a, b) => a.y - b.y || a.i - b.i);
  const placed: { y: number; i: number }[] = [];
  for (const e of order) {
    const prev = placed.at(-1);
    placed.push({ i: e.i, y: Math.max(e.y, prev ? prev.y + LABEL_GAP : top) });
  }
  // Pushed past the bottom: shift the whole stack up.
  const over = (placed.at(-1)?.y ?? 0) - bottom;
  const out: (number | null)[] = ends.map(() => null);
  for (const p of placed) out[p.i] = over > 0 ? p.y - over : p.y;
  return out;
}

function Marker({ shape, x, y, colour }: { shape: number; x: number; y: number; colour: string }) {
  const s = 5;
  switch (shape % 4) {
    case 0:
      return <circle cx={x} cy={y} r={s} fill={colour} />;
    case 1:
      return <rect x={x - s} y={y - s} width={s * 2} height={s * 2} fill={colour} />;
    case 2:
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} fill={colour} />;
    default:
      return <polygon points={`${x},${y - s - 1} ${x + s + 1},${y} ${x},${y + s + 1} ${x - s - 1},${y}`} fill={colour} />;
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export function LineChart(props: LineChartProps) {
  const n = props.xLabels.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => r1(PAD.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1)));
  const y = (v: number) => r1(PAD.top + plotH - ((v - props.yMin) * plotH) / (props.yMax - props.yMin));
  // At most about five x labels (they must stay readable on a phone), evenly spaced, always the last, and
  // none crowding it.
  const every = Math.max(1, Math.ceil(n / 5));
  const labelled = props.xLabels.map((_, i) => i === n - 1 || (i % every === 0 && n - 1 - i >= every));
  const count = props.series.length;
  const offsets = markerOffsets(props.series);
  const lastIndex = props.series.map((s) => s.values.findLastIndex((v) => v !== null));
  const labelY = labelPositions(
    props.series.map((s, si) => (lastIndex[si]! >= 0 ? y(s.values[lastIndex[si]!]!) + dodgeOf(si, count) : null)),
    PAD.top + 6,
    H - PAD.bottom,
  );
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <svg class="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} focusable="false">
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        <g class="chart__grid">
          {props.yTicks.map((t) => (
            <>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d9d2c5" stroke-width="1" />
              <text x={PAD.left - 8} y={y(t) + 6} text-anchor="end" font-size={FONT} fill="#4a5566">
                {String(t)}
              </text>
            </>
          ))}
          {props.xLabels.map((label, i) =>
            labelled[i] ? (
              <text
                x={x(i)}
                y={H - PAD.bottom + 26}
                text-anchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}
                font-size={FONT}
                fill="#4a5566"
              >
                {label}
              </text>
            ) : null,
          )}
        </g>
        {props.threshold ? (
          <g class="chart__threshold">
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(props.threshold.value)}
              y2={y(props.threshold.value)}
              stroke="#a4262c"
              stroke-width="2"
              stroke-dasharray="4 4"
            />
            <text x={W - PAD.right} y={y(props.threshold.value) - 6} text-anchor="end" font-size="13" fill="#a4262c">
              {props.threshold.label}
            </text>
          </g>
        ) : null}
        {props.series.map((s, si) => {
          const colour = COLOURS[si % COLOURS.length]!;
          const segments: string[][] = [];
          let current: string[] = [];
          s.values.forEach((v, i) => {
            if (v === null) {
              if (current.length) segments.push(current);
              current = [];
            } else current.push(`${x(i)},${r1(y(v) + dodgeOf(si, count))}`);
          });
          if (current.length) segments.push(current);
          return (
            <g>
              {segments
                .filter((seg) => seg.length > 1)
                .map((seg) => (
                  <polyline
                    points={seg.join(' ')}
                    fill="none"
                    stroke={colour}
                    stroke-width="3"
                    stroke-dasharray={DASHES[si % DASHES.length] || undefined}
                    stroke-linejoin="round"
                  />
                ))}
              {s.values.map((v, i) =>
                v === null ? null : <Marker shape={si} x={r1(x(i) + offsets[si]![i]!)} y={r1(y(v) + dodgeOf(si, count))} colour={colour} />,
              )}
              {labelY[si] !== null && count > 1 ? (
                <text class="chart__label" x={W - PAD.right + 12} y={r1(labelY[si]! + 5)} font-size="15" font-weight="700" fill={colour}>
                  {s.name.length > 18 ? `${s.name.slice(0, 17)}…` : s.name}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption id={`${props.id}-caption`}>
        <span class="visually-hidden">{props.title}. </span>
        <ul class="chart__legend">
          {props.series.map((s, si) => (
            <li>
              <svg width="36" height="14" viewBox="0 0 36 14" aria-hidden="true" focusable="false">
                <line
                  x1="2"
                  x2="34"
                  y1="7"
                  y2="7"
                  stroke={COLOURS[si % COLOURS.length]}
                  stroke-width="3"
                  stroke-dasharray={DASHES[si % DASHES.length] || undefined}
                />
                <Marker shape={si} x={18} y={7} colour={COLOURS[si % COLOURS.length]!} />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
