// Server-rendered SVG line charts: no script, readable in print. Each series has its own colour, dash
// pattern and marker shape, so it can be told apart without colour; the data is always also in a table.

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
const DASHES = ['', '8 5', '2 5', '12 4 3 4'];
const W = 640;
const H = 280;
const PAD = { left: 44, right: 20, top: 16, bottom: 44 };

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
  // At most about eight x labels, evenly spaced, always the last.
  const every = Math.max(1, Math.ceil(n / 8));
  const labelled = props.xLabels.map((_, i) => i === n - 1 || (i % every === 0 && n - 1 - i >= Math.ceil(every / 2)));
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <svg class="chart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-title ${props.id}-desc`} focusable="false">
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        <g class="chart__grid">
          {props.yTicks.map((t) => (
            <>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d9d2c5" stroke-width="1" />
              <text x={PAD.left - 8} y={y(t) + 5} text-anchor="end" font-size="14" fill="#4a5566">
                {String(t)}
              </text>
            </>
          ))}
          {props.xLabels.map((label, i) =>
            labelled[i] ? (
              <text
                x={x(i)}
                y={H - PAD.bottom + 22}
                text-anchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}
                font-size="14"
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
            } else current.push(`${x(i)},${y(v)}`);
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
              {s.values.map((v, i) => (v === null ? null : <Marker shape={si} x={x(i)} y={y(v)} colour={colour} />))}
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
